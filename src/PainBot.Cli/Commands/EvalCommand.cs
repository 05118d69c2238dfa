using Microsoft.Extensions.DependencyInjection;
using PainBot.Core.Dialog;
using PainBot.Generation;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary><c>eval</c>: the development sets, measured: retrieval (search and through ask), safety, scope and the facts replies carry.</summary>
internal sealed class EvalCommand(IServiceProvider services, TextWriter output)
{
    public async Task<int> RunAsync(CommandLine cmd)
    {
        cmd.RejectUnknown("--retrieval", "--safety", "--scope", "--scripts", "--facts", "--conversations", "--summary-only", "--fit-confidence", "--screen-cv", "--with-words");
        var retrievalPath = Required(cmd.Value("--retrieval") ?? EvalPaths.Default("retrieval_dev.jsonl"), "--retrieval");
        var knowledge = services.GetRequiredService<KnowledgeService>();
        if (cmd.Has("--screen-cv"))
        {
            var options = KnowledgeOptions.Resolved(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeOptions>>().Value);
            ScreenCrossValidation.Run(knowledge, services.GetRequiredService<PainBot.Knowledge.Embeddings.ITextEmbedder>(), options.EmbeddingCachePath ?? string.Empty, cmd.Has("--with-words"), output);
            return 0;
        }

        if (cmd.Has("--fit-confidence"))
        {
            var scopeSet = cmd.Value("--scope") ?? EvalPaths.Default("scope_dev.jsonl");
            ConfidenceFit.Fit(knowledge, retrievalPath, [scopeSet, Path.Combine("eval", "offtopic_questions.jsonl")], output);
            return 0;
        }

        var dialogEval = new DialogEval(services.GetRequiredService<DialogManager>(), output);
        new RetrievalEval(knowledge, output).Run(RetrievalEval.ReadSet(retrievalPath), dialogEval.TopicsThroughAsk);

        // The safety and scope sets are optional when a retrieval set is given explicitly.
        var explicitRetrieval = cmd.Value("--retrieval") is not null;
        var safety = cmd.Value("--safety") ?? (explicitRetrieval ? null : EvalPaths.Default("safety_dev.jsonl"));
        if (safety is not null)
        {
            await dialogEval.Safety(Required(safety, "--safety")).ConfigureAwait(false);
        }

        var scope = cmd.Value("--scope") ?? (explicitRetrieval ? null : EvalPaths.Default("scope_dev.jsonl"));
        if (scope is not null)
        {
            await dialogEval.Scope(Required(scope, "--scope")).ConfigureAwait(false);
        }

        var facts = cmd.Value("--facts") ?? (explicitRetrieval ? null : Path.Combine("eval", "facts_dev.jsonl"));
        if (facts is not null)
        {
            await new FactsEval(services.GetRequiredService<DialogManager>(), output).Run(Required(facts, "--facts")).ConfigureAwait(false);
        }

        if (cmd.Value("--conversations") is { } conversations)
        {
            // --summary-only: the figures without the misses (for a first look at a held-out set).
            await new ConversationEval(services.GetRequiredService<DialogManager>(), output).Run(Required(conversations, "--conversations"), !cmd.Has("--summary-only")).ConfigureAwait(false);
        }

        // Only with a model configured: the extractive figures above are then those of the verified answers.
        if (services.GetService<GenerationStats>() is { } generation)
        {
            GenerationReport.Write(generation, output);
        }

        var scripts = cmd.Value("--scripts") ?? (explicitRetrieval ? null : Path.Combine("tests", "PainBot.Cli.Tests", "Scripts", "conversations.yaml"));
        if (scripts is not null)
        {
            await RunScriptsAsync(Required(scripts, "--scripts")).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task RunScriptsAsync(string path)
    {
        var dialog = services.GetRequiredService<DialogManager>();
        var all = ConversationScripts.Load(path);
        var failures = new List<string>();
        foreach (var script in all)
        {
            failures.AddRange(await ConversationScripts.RunAsync(dialog, script).ConfigureAwait(false));
        }

        var turns = all.Sum(s => s.Turns.Count);
        output.WriteLine($"Conversation scripts: {all.Count} scripts, {turns} turns, {failures.Count} unmet expectation(s)");
        foreach (var f in failures)
        {
            output.WriteLine("  " + f);
        }

        output.WriteLine();
    }

    private static string Required(string path, string flag) =>
        File.Exists(path) ? path : throw new CommandLineException($"evaluation set not found: {path} (pass {flag} FILE)");
}
