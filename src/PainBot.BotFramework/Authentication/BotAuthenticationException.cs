namespace PainBot.BotFramework.Authentication;

/// <summary>The bot could not obtain an outbound token.</summary>
public sealed class BotAuthenticationException : Exception
{
    public BotAuthenticationException()
    {
    }

    public BotAuthenticationException(string message)
        : base(message)
    {
    }

    public BotAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
