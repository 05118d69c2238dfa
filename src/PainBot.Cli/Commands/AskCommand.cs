using System.Text.Json;
using PainBot.Cli.Contracts;
using PainBot.Core.Dialog;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Cli.Commands;

/// <summary><c>ask --jsonl [FILE]</c>: whole turns through the dialog manager, one contract line per input line.</summary>
internal sealed class AskCommand(DialogManager dialog, TextWriter output)
{
    public async Task<int> RunAsync(CommandLine cmd, TextReader input)
    {
        cmd.RejectUnknown("--jsonl");
        if (!cmd.Has("--jsonl"))
        {
            throw new CommandLineException("ask needs --jsonl [FILE]; for a conversation in the terminal use: chat");
        }

        using var reader = cmd.Positional.Count > 0 ? SearchCommand.OpenFile(cmd.Positional[0]) : null;
        var run = Guid.NewGuid().ToString("N");
        foreach (var (number, line, id, error) in JsonLines.Read(reader ?? input))
        {
            AskOutputLine result;
            if (error is not null || line is null)
            {
                result = new AskOutputLine(id, string.Empty, new SafetyDto("none", []), "in", [], 0, false, [], false, error ?? "unusable line");
            }
            else
            {
                // Lines sharing a conversation id form one conversation; others each get a fresh one.
                var conversation = string.IsNullOrWhiteSpace(line.Conversation) ? $"{run}-line-{number}" : $"{run}-{line.Conversation}";
                var turn = new UserTurn(conversation, "jsonl", line.Text!, "cli", JsonLines.AudienceOf(line.Audience));
                result = ToLine(id, await dialog.HandleAsync(turn).ConfigureAwait(false));
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Relaxed.AskOutputLine)).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    internal static AskOutputLine ToLine(string id, TurnResult r) => new(
        id,
        r.Text,
        new SafetyDto(r.Safety.Level.ToWire(), r.Safety.RuleIds),
        ScopeName(r.Scope),
        [.. r.Sources.Select(SearchCommand.ToDto)],
        Math.Round(r.Confidence, 4),
        r.Disclaimer,
        r.Suggestions,
        r.Handoff);

    internal static string ScopeName(ScopeVerdict scope) => scope switch
    {
        ScopeVerdict.Out => "out",
        ScopeVerdict.Clinician => "clinician",
        ScopeVerdict.Privacy => "privacy",
        ScopeVerdict.Injection => "injection",
        _ => "in",
    };
}
