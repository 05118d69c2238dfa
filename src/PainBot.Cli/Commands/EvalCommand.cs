using Microsoft.Extensions.DependencyInjection;
using PainBot.Core.Dialog;
using PainBot.Generation;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary><c>eval</c>: the development sets, measured: retrieval (search and through ask), safety and scope.</summary>
internal sealed class EvalCommand(IServiceProvider services, TextWriter output)
{
    public async Task<int> RunAsync(CommandLine cmd)
    {
        cmd.RejectUnknown("--retrieval", "--safety", "--scope", "--fit-confidence");
        var retrievalPath = Required(cmd.Value("--retrieval") ?? EvalPaths.Default("retrieval_dev.jsonl"), "--retrieval");
        var knowledge = services.GetRequiredService<KnowledgeService>();
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

        // Only with a model configured: the extractive figures above are then those of the verified answers.
        if (services.GetService<GenerationStats>() is { } generation)
        {
            GenerationReport.Write(generation, output);
        }

        return 0;
    }

    private static string Required(string path, string flag) =>
        File.Exists(path) ? path : throw new CommandLineException($"evaluation set not found: {path} (pass {flag} FILE)");
}
