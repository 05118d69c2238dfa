using System.Globalization;
using PainBot.Core.Safety;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Knowledge.Screening;

/// <summary>The reviewed examples and the two cut-offs of the crisis screen (<c>knowledge/safety/screen/crisis-screen.yaml</c>).</summary>
public sealed class CrisisScreenFile
{
    /// <summary>Folder below the safety folder, and the file in it.</summary>
    public const string RelativePath = "safety/screen/crisis-screen.yaml";

    private static readonly string[] Keys = ["version", "threshold", "margin", "crisis", "not_crisis"];

    private CrisisScreenFile(double threshold, double margin, IReadOnlyList<string> crisis, IReadOnlyList<string> notCrisis)
    {
        Threshold = threshold;
        Margin = margin;
        Crisis = crisis;
        NotCrisis = notCrisis;
    }

    /// <summary>Least cosine similarity to a crisis example for a sentence to flag the message.</summary>
    public double Threshold { get; }

    /// <summary>How much closer to a crisis example than to any not-crisis example the sentence must be.</summary>
    public double Margin { get; }

    /// <summary>Sentences that mean crisis.</summary>
    public IReadOnlyList<string> Crisis { get; }

    /// <summary>Sentences close in meaning that must not escalate.</summary>
    public IReadOnlyList<string> NotCrisis { get; }

    /// <summary>Reads the file under <paramref name="knowledgeFolder"/>; null when there is none (the screen is then off).</summary>
    /// <exception cref="SafetyRuleException">The file exists but is broken; the message names the file, line and problem.</exception>
    public static CrisisScreenFile? Load(string knowledgeFolder)
    {
        var path = Path.Combine(knowledgeFolder, RelativePath);
        return File.Exists(path) ? Parse(File.ReadAllText(path), Path.GetFileName(path)) : null;
    }

    /// <summary>Parses the file's text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="SafetyRuleException">Anything missing, unknown or out of range.</exception>
    public static CrisisScreenFile Parse(string yaml, string file)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw Error(file, 1, "must be one YAML mapping with version, threshold, margin, crisis and not_crisis");
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            throw Error(file, ex is YamlException y ? (int)y.Start.Line : 0, "is not valid YAML: " + ex.Message);
        }

        foreach (var key in root.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Keys.Contains(name))
            {
                throw Error(file, (int)key.Start.Line, $"unknown key '{key}' (expected {string.Join(", ", Keys)})");
            }
        }

        if (Scalar(root, "version", file) != "1")
        {
            throw Error(file, Line(root, "version"), "version must be 1");
        }

        var threshold = Fraction(root, "threshold", file);
        var margin = Fraction(root, "margin", file);
        return new CrisisScreenFile(threshold, margin, Sentences(root, "crisis", file), Sentences(root, "not_crisis", file));
    }

    private static string Scalar(YamlMappingNode root, string key, string file) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } value }
            ? value
            : throw Error(file, (int)root.Start.Line, $"'{key}' is missing or not a single value");

    private static double Fraction(YamlMappingNode root, string key, string file)
    {
        var text = Scalar(root, key, file);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 1
            ? value
            : throw Error(file, Line(root, key), $"'{key}' must be a number between 0 and 1, not '{text}'");
    }

    private static List<string> Sentences(YamlMappingNode root, string key, string file)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw Error(file, (int)root.Start.Line, $"'{key}' must be a non-empty list of sentences");
        }

        var sentences = new List<string>();
        foreach (var item in list.Children)
        {
            var text = (item as YamlScalarNode)?.Value?.Trim();
            if (string.IsNullOrEmpty(text) || !text.Any(char.IsLetter))
            {
                throw Error(file, (int)item.Start.Line, $"every entry of '{key}' must be a sentence in words");
            }

            sentences.Add(text);
        }

        return sentences;
    }

    private static int Line(YamlMappingNode root, string key) =>
        root.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == key) is { } node ? (int)node.Start.Line : 0;

    private static SafetyRuleException Error(string file, int line, string problem) =>
        new(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}");
}
