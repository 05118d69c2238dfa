using System.Text.Json;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

/// <summary>One labelled message from a JSON-lines file (label: emergency, crisis, urgent, med_safety, benign).</summary>
internal sealed record SafetyCase(string Id, string Text, string Label, bool Informational)
{
    public SafetyLevel Expected => Label switch
    {
        "emergency" => SafetyLevel.Emergency,
        "crisis" => SafetyLevel.Crisis,
        "urgent" => SafetyLevel.Urgent,
        "med_safety" => SafetyLevel.MedSafety,
        "benign" => SafetyLevel.None,
        _ => throw new InvalidDataException($"unknown label '{Label}'"),
    };

    /// <summary>An informational answer is not an escalation: it is a benign answer with the escalation line.</summary>
    public static SafetyLevel Effective(SafetyAssessment a) => a.Informational ? SafetyLevel.None : a.Level;

    public static List<SafetyCase> Read(string path)
    {
        var cases = new List<SafetyCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            cases.Add(new SafetyCase(
                root.GetProperty("id").GetString()!,
                root.GetProperty("text").GetString()!,
                root.GetProperty("label").GetString()!,
                root.TryGetProperty("informational", out var info) && info.GetBoolean()));
        }

        return cases;
    }
}
