using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PainBot.Core.Analytics;

namespace PainBot.Analytics;

/// <summary>
/// The staff report as text: JSON as shared/CONTRACTS.md section 3 gives it (days, turns, escalations,
/// unanswered, feedback) plus added fields (top_topics, escalations_per_day, not_helpful_reasons), and CSV.
/// </summary>
public static class AnalyticsReportFormat
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>The report as one JSON object (indented).</summary>
    public static string ToJson(AnalyticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Relaxed))
        {
            json.WriteStartObject();
            json.WriteNumber("days", report.Days);
            json.WriteNumber("turns", report.Turns);
            json.WriteStartObject("escalations");
            foreach (var (level, count) in report.Escalations)
            {
                json.WriteNumber(level, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("unanswered");
            foreach (var question in report.Unanswered)
            {
                json.WriteStartObject();
                json.WriteString("text", question.Text);
                json.WriteNumber("count", question.Count);
                json.WriteString("last", Day(question.Last));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("feedback");
            json.WriteNumber("helpful", report.Helpful);
            json.WriteNumber("not_helpful", report.NotHelpful);
            json.WriteEndObject();
            json.WriteStartArray("top_topics");
            foreach (var topic in report.TopTopics)
            {
                json.WriteStartObject();
                json.WriteString("topic", topic.Topic);
                json.WriteNumber("turns", topic.Turns);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("escalations_per_day");
            foreach (var day in report.EscalationsPerDay)
            {
                json.WriteStartObject();
                json.WriteString("day", Day(day.Day));
                foreach (var (level, count) in day.Levels)
                {
                    json.WriteNumber(level, count);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("not_helpful_reasons");
            foreach (var reason in report.NotHelpfulReasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The report as CSV (RFC 4180, one header line): <c>section,name,count,day</c>, one row per figure, in the
    /// order of the JSON. A cell a spreadsheet would read as a formula is prefixed with an apostrophe.
    /// </summary>
    public static string ToCsv(AnalyticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("section,name,count,day\r\n");
        void Row(string section, string name, long? count, DateOnly? day) =>
            csv.Append(Cell(section)).Append(',').Append(Cell(name)).Append(',')
                .Append(count?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(day is { } d ? Day(d) : string.Empty).Append("\r\n");

        Row("days", "days", report.Days, null);
        Row("turns", "turns", report.Turns, null);
        foreach (var (level, count) in report.Escalations)
        {
            Row("escalations", level, count, null);
        }

        foreach (var question in report.Unanswered)
        {
            Row("unanswered", question.Text, question.Count, question.Last);
        }

        Row("feedback", "helpful", report.Helpful, null);
        Row("feedback", "not_helpful", report.NotHelpful, null);
        foreach (var topic in report.TopTopics)
        {
            Row("top_topics", topic.Topic, topic.Turns, null);
        }

        foreach (var day in report.EscalationsPerDay)
        {
            foreach (var (level, count) in day.Levels)
            {
                Row("escalations_per_day", level, count, day.Day);
            }
        }

        foreach (var reason in report.NotHelpfulReasons)
        {
            Row("not_helpful_reasons", reason, null, null);
        }

        return csv.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cell(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
