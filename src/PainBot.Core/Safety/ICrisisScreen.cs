namespace PainBot.Core.Safety;

/// <summary>
/// A safety net behind the crisis rules: recognises crisis said in words no rule lists, by comparing the message
/// with reviewed example sentences kept as data (<c>knowledge/safety/screen/</c>). It can only raise a message
/// to crisis; <see cref="SafetyTriage"/> consults it when no rule reached crisis or emergency.
/// </summary>
public interface ICrisisScreen
{
    /// <summary>Whether the message reads as a crisis. Never throws for odd input.</summary>
    /// <param name="text">The message.</param>
    /// <param name="messageVector">The whole message's vector when the turn has already computed it, else null.</param>
    bool Flags(string text, float[]? messageVector);
}
