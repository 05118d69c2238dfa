using Microsoft.Extensions.DependencyInjection;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary><c>eval</c>: the development sets, measured.</summary>
internal sealed class EvalCommand(IServiceProvider services, TextWriter output)
{
    public int Run(CommandLine cmd)
    {
        cmd.RejectUnknown("--retrieval");
        var retrievalPath = cmd.Value("--retrieval") ?? EvalPaths.Default("retrieval_dev.jsonl");
        if (!File.Exists(retrievalPath))
        {
            throw new CommandLineException($"retrieval set not found: {retrievalPath} (pass --retrieval FILE)");
        }

        var knowledge = services.GetRequiredService<KnowledgeService>();
        new RetrievalEval(knowledge, output).Run(RetrievalEval.ReadSet(retrievalPath));
        return 0;
    }
}
