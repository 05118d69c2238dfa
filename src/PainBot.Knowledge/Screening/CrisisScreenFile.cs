using System.Globalization;
using PainBot.Core.Content;

namespace PainBot.Knowledge.Screening;

/// <summary>The reviewed examples and the two cut-offs of the crisis screen (<c>knowledge/safety/screen/crisis-screen.yaml</c>).</summary>
public sealed class CrisisScreenFile
{
    /// <summary>Folder below the safety folder, and the file in it.</summary>
    public const string RelativePath = "safety/screen/crisis-screen.yaml";

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
    /// <exception cref="ContentException">The file exists but is broken; the message names the file, line and problem.</exception>
    public static CrisisScreenFile? Load(string knowledgeFolder)
    {
        var path = Path.Combine(knowledgeFolder, RelativePath);
        return File.Exists(path) ? Parse(File.ReadAllText(path), Path.GetFileName(path)) : null;
    }

    /// <summary>Parses the file's text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="ContentException">Anything missing, unknown or out of range; the message names file, line and key.</exception>
    public static CrisisScreenFile Parse(string yaml, string file)
    {
        var record = YamlContent.Read<ScreenRecord>(yaml, file);
        var errors = new ContentErrors("The crisis screen");
        if (record.Version?.Value != "1")
        {
            errors.Add(file, record.Version?.Line ?? record.Line, null, "version must be 1");
        }

        var screen = new CrisisScreenFile(
            Fraction(record.Threshold, "threshold", file, record.Line, errors),
            Fraction(record.Margin, "margin", file, record.Line, errors),
            Sentences(record.Crisis, "crisis", file, record.Line, errors),
            Sentences(record.NotCrisis, "not_crisis", file, record.Line, errors));
        errors.ThrowIfAny();
        return screen;
    }

    private static double Fraction(YamlText? text, string key, string file, int line, ContentErrors errors)
    {
        if (double.TryParse(text?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 1)
        {
            return value;
        }

        errors.Add(file, text?.Line ?? line, null, $"'{key}' must be a number between 0 and 1, not '{text?.Value}'");
        return 0;
    }

    private static List<string> Sentences(YamlTextList? list, string key, string file, int line, ContentErrors errors)
    {
        if (list is not { Items.Count: > 0 })
        {
            errors.Add(file, list?.Line ?? line, null, $"'{key}' must be a non-empty list of sentences");
            return [];
        }

        var sentences = list.Items.Select(i => i.Value.Trim()).ToList();
        foreach (var bad in list.Items.Where(i => !i.Value.Any(char.IsLetter)))
        {
            errors.Add(file, bad.Line, null, $"every entry of '{key}' must be a sentence in words");
        }

        return sentences;
    }

    private sealed class ScreenRecord : YamlRecord
    {
        public YamlText? Version { get; set; }

        public YamlText? Threshold { get; set; }

        public YamlText? Margin { get; set; }

        public YamlTextList? Crisis { get; set; }

        public YamlTextList? NotCrisis { get; set; }
    }
}
