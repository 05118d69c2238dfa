using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PainBot.Cli.Commands;
using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Cli;

/// <summary>The command-line entry: one verb per line of <see cref="Usage"/>. Exit codes: 0 ok, 1 failure, 2 usage.</summary>
internal static class CliApp
{
    public const string Usage = """
        PainBot command line

          painbot chat [--audience staff]       a conversation in the terminal
          painbot ask --jsonl [FILE]            whole turns, JSON Lines (CONTRACTS.md 1)
          painbot search "question" [--audience staff] [--top N] [--mode hybrid|bm25|dense]
          painbot search --jsonl [FILE]         retrieval only, JSON Lines (CONTRACTS.md 1b)
          painbot eval [--retrieval F] [--safety F] [--scope F]
          painbot eval --screen-cv [--with-words]   cross-validation of the learned safety screen on the example bank
                                                retrieval (BM25, dense, fused, via ask), safety and scope figures
          painbot index [--out DIR]             build the on-disk index and warm the embedding cache
          painbot report [--days N] [--csv]     the staff report from the analytics store (CONTRACTS.md 3)

        Settings come from appsettings.json in the working directory and PAINBOT_ environment variables,
        for example PAINBOT_Knowledge__Path=/srv/painbot/knowledge.
        """;

    private static readonly HashSet<string> FlagsWithValues = ["--audience", "--top", "--mode", "--out", "--retrieval", "--safety", "--scope", "--scripts", "--facts", "--conversations", "--days"];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, IDictionary<string, string?>? settings = null)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var cmd = new CommandLine(args[1..], FlagsWithValues);
            using var host = CliHost.Build(settings);
            await host.StartAsync().ConfigureAwait(false);
            var services = host.Services;
            switch (args[0])
            {
                case "chat":
                    LoadKnowledge(services);
                    return await new ChatCommand(services.GetRequiredService<DialogManager>(), output).RunAsync(cmd, input).ConfigureAwait(false);
                case "ask":
                    LoadKnowledge(services);
                    return await new AskCommand(services.GetRequiredService<DialogManager>(), output).RunAsync(cmd, input).ConfigureAwait(false);
                case "search":
                    LoadKnowledge(services);
                    return new SearchCommand(services.GetRequiredService<KnowledgeService>(), output).Run(cmd, input);
                case "eval":
                    LoadKnowledge(services);
                    return await new EvalCommand(services, output).RunAsync(cmd).ConfigureAwait(false);
                case "index":
                    return new IndexCommand(
                        services.GetRequiredService<IOptions<KnowledgeOptions>>(),
                        services.GetRequiredService<IOptions<ClinicOptions>>(),
                        services.GetRequiredService<ITextEmbedder>(),
                        error).Run(cmd);
                case "report":
                    return await new ReportCommand(services.GetRequiredService<PainBot.Core.Analytics.IAnalyticsStore>(), output, error).RunAsync(cmd).ConfigureAwait(false);
                default:
                    error.WriteLine($"painbot: unknown command '{args[0]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (CommandLineException ex)
        {
            error.WriteLine($"painbot: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is ContentException or InvalidDataException)
        {
            // Any broken file under knowledge/ (passages, safety, scope, reply texts): refuse to run rather than
            // answer without it.
            error.WriteLine($"painbot: the knowledge could not be loaded, nothing is served.{Environment.NewLine}{ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"painbot: bad configuration: {string.Join("; ", ex.Failures)}");
            return 1;
        }
    }

    // The whole content, as the web host loads it: a broken safety, scope or reply-text file stops every command.
    private static void LoadKnowledge(IServiceProvider services) =>
        services.GetRequiredService<ContentStore>().Load();
}
