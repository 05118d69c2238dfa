namespace PainBot.Core.Safety.Rules;

/// <summary>How close the groups of a clause must be: anywhere in the message, in one sentence, or within N words.</summary>
/// <param name="Words">Span in words when positive; 0 = same sentence; -1 = anywhere in the message.</param>
internal readonly record struct MatchWindow(int Words)
{
    public static MatchWindow Message { get; } = new(-1);

    public static MatchWindow Sentence { get; } = new(0);

    public override string ToString() => Words switch
    {
        < 0 => "message",
        0 => "sentence",
        _ => Words.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
