using PainBot.Core.Content;
using PainBot.Core.Safety;
using PainBot.Core.Text;

namespace PainBot.Knowledge.Screening;

/// <summary>The learned screen's thresholds and check-in texts (<c>knowledge/safety/screen/learned-screen.yaml</c>).</summary>
public sealed class LearnedScreenSettings
{
    /// <summary>The file below the knowledge folder.</summary>
    public const string RelativePath = "safety/screen/learned-screen.yaml";

    private LearnedScreenSettings(IReadOnlyDictionary<SafetyLevel, (float Sure, float? Possible)> thresholds, IReadOnlyDictionary<SafetyLevel, string> checkIn, IReadOnlyDictionary<SafetyLevel, string> checkInSpanish)
    {
        Thresholds = thresholds;
        CheckIn = checkIn;
        CheckInSpanish = checkInSpanish;
    }

    /// <summary>Per level: the "sure" threshold and, for crisis and emergency, the "possible" one.</summary>
    public IReadOnlyDictionary<SafetyLevel, (float Sure, float? Possible)> Thresholds { get; }

    /// <summary>The check-in lines, numbers filled in.</summary>
    public IReadOnlyDictionary<SafetyLevel, string> CheckIn { get; }

    /// <summary>The Spanish check-in lines.</summary>
    public IReadOnlyDictionary<SafetyLevel, string> CheckInSpanish { get; }

    /// <summary>Reads the file; null when there is none (the learned screen is then off).</summary>
    /// <exception cref="ContentException">The file is broken; the message names file, line and key.</exception>
    public static LearnedScreenSettings? Load(string knowledgeFolder, SafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.Combine(knowledgeFolder, RelativePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var file = YamlContent.ReadFile<FileShape>(path, RelativePath);
        var errors = new ContentErrors("The learned screen settings");
        if (file.Version != 1)
        {
            errors.Add(RelativePath, file.Line, "version", "must be 1");
        }

        var thresholds = new Dictionary<SafetyLevel, (float, float?)>();
        foreach (var (name, t) in file.Thresholds)
        {
            if (!SafetyLevelNames.TryParse(name, out var level))
            {
                errors.Add(RelativePath, t.Line, name, "is not a level (emergency, crisis, urgent, med_safety)");
                continue;
            }

            if (t.Sure is not (> 0 and <= 1) || t.Possible is not null and not (> 0 and <= 1) || t.Possible >= t.Sure)
            {
                errors.Add(RelativePath, t.Line, name, "needs 0 < possible < sure <= 1");
            }

            if (t.Possible is not null && level < SafetyLevel.Crisis)
            {
                errors.Add(RelativePath, t.Line, name, "only crisis and emergency have a 'possible' band");
            }

            if (t.Possible is not null && !file.CheckIn.ContainsKey(name))
            {
                errors.Add(RelativePath, t.Line, name, "has a 'possible' band but no check_in text");
            }

            thresholds[level] = (t.Sure, t.Possible);
        }

        var values = options.Placeholders();
        Dictionary<SafetyLevel, string> Texts(Dictionary<string, string> texts, string key)
        {
            var result = new Dictionary<SafetyLevel, string>();
            foreach (var (name, text) in texts)
            {
                if (!SafetyLevelNames.TryParse(name, out var level))
                {
                    errors.Add(RelativePath, file.Line, $"{key}.{name}", "is not a level");
                }
                else if (Placeholders.Names(text).FirstOrDefault(n => !values.ContainsKey(n)) is { } unknown)
                {
                    errors.Add(RelativePath, file.Line, $"{key}.{name}", $"unknown placeholder {{{{{unknown}}}}}");
                }
                else
                {
                    result[level] = Placeholders.Fill(text.Trim(), values);
                }
            }

            return result;
        }

        var checkIn = Texts(file.CheckIn, "check_in");
        var spanish = Texts(file.CheckInEs, "check_in_es");
        errors.ThrowIfAny();
        return new LearnedScreenSettings(thresholds, checkIn, spanish);
    }

    private sealed class FileShape : YamlRecord
    {
        public int Version { get; set; }

        public Dictionary<string, ThresholdShape> Thresholds { get; set; } = [];

        public Dictionary<string, string> CheckIn { get; set; } = [];

        public Dictionary<string, string> CheckInEs { get; set; } = [];
    }

    private sealed class ThresholdShape : YamlRecord
    {
        public float Sure { get; set; }

        public float? Possible { get; set; }
    }
}
