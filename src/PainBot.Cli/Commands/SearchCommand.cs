using System.Text.Json;
using PainBot.Cli.Contracts;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary><c>search "question"</c> for people, <c>search --jsonl [FILE]</c> for tools (CONTRACTS.md 1b).</summary>
internal sealed class SearchCommand(KnowledgeService knowledge, TextWriter output)
{
    private const int JsonlTop = 10;

    public int Run(CommandLine cmd, TextReader input)
    {
        cmd.RejectUnknown("--jsonl", "--audience", "--top", "--mode");
        var mode = cmd.Value("--mode") switch
        {
            null or "hybrid" => RetrievalMode.Hybrid,
            "bm25" or "lexical" => RetrievalMode.Lexical,
            "dense" => RetrievalMode.Dense,
            var other => throw new CommandLineException($"--mode must be hybrid, bm25 or dense (not '{other}')"),
        };

        if (cmd.Has("--jsonl"))
        {
            using var reader = cmd.Positional.Count > 0 ? OpenFile(cmd.Positional[0]) : null;
            RunJsonl(reader ?? input, mode);
            return 0;
        }

        var question = string.Join(' ', cmd.Positional).Trim();
        if (question.Length == 0)
        {
            throw new CommandLineException("give a question, for example: search \"does acupuncture help back pain\"");
        }

        var audience = JsonLines.AudienceOf(cmd.Value("--audience"));
        var top = cmd.IntValue("--top", 5, 1, 50);
        Print(knowledge.Search(new SearchRequest(question, audience, top), mode));
        return 0;
    }

    private void RunJsonl(TextReader reader, RetrievalMode mode)
    {
        foreach (var (_, line, id, error) in JsonLines.Read(reader))
        {
            SearchOutputLine result;
            if (error is not null || line is null)
            {
                result = new SearchOutputLine(id, [], 0, error ?? "unusable line");
            }
            else
            {
                var found = knowledge.Search(new SearchRequest(line.Text!, JsonLines.AudienceOf(line.Audience), JsonlTop), mode);
                result = new SearchOutputLine(id, [.. found.Hits.Select(ToDto)], found.Confidence);
            }

            output.WriteLine(JsonSerializer.Serialize(result, CliJson.Relaxed.SearchOutputLine));
        }

        output.Flush();
    }

    private void Print(SearchResult result)
    {
        if (result.Hits.Count == 0)
        {
            output.WriteLine("Nothing in the clinic's content matches that question.");
            return;
        }

        output.WriteLine($"confidence {result.Confidence:0.00}");
        output.WriteLine();
        var rank = 1;
        foreach (var hit in result.Hits)
        {
            var p = hit.Passage;
            output.WriteLine($"{rank++,2}. {p.Title}");
            output.WriteLine($"    {p.Topic} · {p.Id} · score {hit.Score:0.000} · {p.Audience.ToWire()}");
            output.WriteLine($"    {Excerpt(p.Body, 220)}");
            output.WriteLine();
        }
    }

    internal static SourceDto ToDto(SearchHit hit) =>
        new(hit.Passage.Id, hit.Passage.Topic, hit.Passage.Title, hit.Score);

    internal static string Excerpt(string body, int max)
    {
        var flat = string.Join(' ', body.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= max ? flat : flat[..max].TrimEnd() + "…";
    }

    internal static StreamReader OpenFile(string path) =>
        File.Exists(path) ? new StreamReader(path) : throw new CommandLineException($"input file not found: {path}");
}
