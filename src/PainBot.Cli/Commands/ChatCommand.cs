using PainBot.Cli.Contracts;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Cli.Commands;

/// <summary><c>chat</c>: a conversation in the terminal. Escalations are framed so they cannot be missed.</summary>
internal sealed class ChatCommand(DialogManager dialog, TextWriter output)
{
    public async Task<int> RunAsync(CommandLine cmd, TextReader input)
    {
        cmd.RejectUnknown("--audience");
        var audience = JsonLines.AudienceOf(cmd.Value("--audience"));
        var conversation = "chat-" + Guid.NewGuid().ToString("N");
        await output.WriteLineAsync("PainBot — questions about integrative care for chronic pain. Type 'help', or 'quit' to leave.").ConfigureAwait(false);
        await output.WriteLineAsync(audience == Audience.Staff ? "(staff mode)" : string.Empty).ConfigureAwait(false);
        while (true)
        {
            await output.WriteAsync("you> ").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            var line = await input.ReadLineAsync().ConfigureAwait(false);
            if (line is null || line.Trim() is "quit" or "exit" or "/quit")
            {
                return 0;
            }

            var result = await dialog.HandleAsync(new UserTurn(conversation, "terminal", line, "cli", audience)).ConfigureAwait(false);
            foreach (var reply in result.Replies)
            {
                await output.WriteLineAsync(Render(reply)).ConfigureAwait(false);
            }

            if (result.Suggestions.Count > 0)
            {
                await output.WriteLineAsync("  try: " + string.Join("  |  ", result.Suggestions)).ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
        }
    }

    internal static string Render(BotReply reply)
    {
        var text = reply.Markdown.Replace("**", string.Empty, StringComparison.Ordinal);
        if (reply.Kind != ReplyKind.Escalation)
        {
            return "painbot> " + text.Replace("\n", "\n         ", StringComparison.Ordinal);
        }

        var title = reply.Level switch
        {
            SafetyLevel.Emergency => "!!! EMERGENCY !!!",
            SafetyLevel.Crisis => "!!! YOU ARE NOT ALONE — CRISIS SUPPORT !!!",
            _ => "!!! PLEASE GET SEEN TODAY !!!",
        };
        var bar = new string('=', 60);
        return $"{bar}\n{title}\n{text}\n{bar}";
    }
}
