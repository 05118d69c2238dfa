namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>One request a loopback server received.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ContentType, string Body);
