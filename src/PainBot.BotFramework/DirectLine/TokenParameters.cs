using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>Optional body of token generation and conversation start: the user the token is for.</summary>
public sealed class TokenParameters
{
    public ChannelAccount? User { get; set; }

    public string? Locale { get; set; }
}
