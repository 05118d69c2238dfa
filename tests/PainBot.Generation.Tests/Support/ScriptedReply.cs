namespace PainBot.Generation.Tests.Support;

/// <summary>What the fake model server answers to one request.</summary>
internal sealed record ScriptedReply(int Status, string Body, TimeSpan Delay = default, string? RetryAfter = null)
{
    /// <summary>A well-formed chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static ScriptedReply Completion(string content, TimeSpan delay = default) => new(200, CompletionJson(content), delay);

    public static string CompletionJson(string content) => System.Text.Json.JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    });
}
