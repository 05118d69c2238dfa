using System.Net;

namespace PainBot.BotFramework.Connector;

/// <summary>The connector refused an activity.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(HttpStatusCode status, string? code)
        : base($"The connector answered {(int)status} {code}".TrimEnd())
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status the connector returned.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The error code from its body, e.g. MessageSizeTooBig.</summary>
    public string? Code { get; }
}
