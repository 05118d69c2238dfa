using System.Text.Json;
using PainBot.Core.Knowledge;

namespace PainBot.Cli.Contracts;

/// <summary>Reading JSON Lines input robustly: a bad line becomes an error for that line, never the end of the run.</summary>
internal static class JsonLines
{
    /// <summary>Longest input line accepted; longer ones are reported as errors.</summary>
    public const int MaxLineCharacters = 100_000;

    /// <summary>Each non-blank line, parsed, with its 1-based line number; Error is set when it could not be used.</summary>
    public static IEnumerable<(int LineNumber, InputLine? Line, string Id, string? Error)> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            var fallbackId = $"line-{number}";
            if (raw.Length > MaxLineCharacters)
            {
                yield return (number, null, fallbackId, $"line is longer than {MaxLineCharacters} characters");
                continue;
            }

            InputLine? line;
            string? error = null;
            try
            {
                line = JsonSerializer.Deserialize(raw, CliJson.Default.InputLine);
            }
            catch (JsonException ex)
            {
                line = null;
                error = "malformed JSON: " + ex.Message.Split('.')[0];
            }

            var id = string.IsNullOrWhiteSpace(line?.Id) ? fallbackId : line.Id;
            if (error is null && line is null)
            {
                error = "expected a JSON object";
            }
            else if (error is null && line!.Text is null)
            {
                error = "missing 'text'";
            }
            else if (error is null && line!.Audience is not null && !AudienceExtensions.TryParse(line.Audience, out _))
            {
                error = "'audience' must be patient or staff";
            }

            yield return (number, error is null ? line : null, id, error);
        }
    }

    public static Audience AudienceOf(string? text) =>
        AudienceExtensions.TryParse(text, out var a) && a == Audience.Staff ? Audience.Staff : Audience.Patient;
}
