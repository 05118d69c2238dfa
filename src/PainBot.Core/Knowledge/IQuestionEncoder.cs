namespace PainBot.Core.Knowledge;

/// <summary>Turns a message into the unit-length sentence vector the screen and the search compare by meaning.</summary>
public interface IQuestionEncoder
{
    /// <summary>The vector of <paramref name="text"/> (cached by text).</summary>
    float[] Encode(string text);
}
