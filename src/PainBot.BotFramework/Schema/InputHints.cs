namespace PainBot.BotFramework.Schema;

/// <summary>Values of <see cref="Activity.InputHint"/> as they appear on the wire (the SDK's forms, not the spec prose).</summary>
public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}
