using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PainBot.Core.Analytics;

namespace PainBot.Web.Staff;

/// <summary>
/// The staff report as JSON (shared/CONTRACTS.md section 3, plus added fields: <c>top_topics</c>,
/// <c>escalations_per_day</c>, <c>not_helpful_reasons</c>) and as CSV.
/// </summary>
public static class StaffReportFormat
{
    /// <summary>The escalation levels in the contract's order (wire names).</summary>
    public static readonly IReadOnlyList<string> Levels = ["emergency", "crisis", "urgent", "med_safety"];

    /// <summary>The CSV's header line.</summary>
    public const string CsvHeader = "section,day,item,count";

    /// <summary>The report as the contract's JSON object.</summary>
    public static JsonObject ToJson(AnalyticsReport report)
    {
        var escalations = new JsonObject();
        foreach (var level in Levels)
        {
            escalations[level] = Count(report.Escalations, level);
        }

        var unanswered = new JsonArray();
        foreach (var u in report.Unanswered)
        {
            unanswered.Add(new JsonObject { ["text"] = u.Text, ["count"] = u.Count, ["last"] = Day(u.Last) });
        }

        var topics = new JsonArray();
        foreach (var t in report.TopTopics)
        {
            topics.Add(new JsonObject { ["topic"] = t.Topic, ["turns"] = t.Turns });
        }

        var perDay = new JsonArray();
        foreach (var d in report.EscalationsPerDay.OrderBy(d => d.Day))
        {
            var day = new JsonObject { ["day"] = Day(d.Day) };
            foreach (var level in Levels)
            {
                day[level] = Count(d.Levels, level);
            }

            perDay.Add(day);
        }

        return new JsonObject
        {
            ["days"] = report.Days,
            ["turns"] = report.Turns,
            ["escalations"] = escalations,
            ["unanswered"] = unanswered,
            ["feedback"] = new JsonObject { ["helpful"] = report.Helpful, ["not_helpful"] = report.NotHelpful },
            ["top_topics"] = topics,
            ["escalations_per_day"] = perDay,
            ["not_helpful_reasons"] = new JsonArray([.. report.NotHelpfulReasons.Select(r => (JsonNode?)JsonValue.Create(r))]),
        };
    }

    /// <summary>
    /// The report as CSV (RFC 4180): one row per figure, <c>section,day,item,count</c>. Sections: <c>turns</c>,
    /// <c>escalations</c>, <c>feedback</c>, <c>topic</c>, <c>escalations_per_day</c> (day and level),
    /// <c>unanswered</c> (day = last asked, item = the redacted question), <c>not_helpful_reason</c>.
    /// </summary>
    public static string ToCsv(AnalyticsReport report)
    {
        var csv = new StringBuilder().Append(CsvHeader).Append("\r\n");
        void Row(string section, DateOnly? day, string item, long count) => csv
            .Append(section).Append(',')
            .Append(day is { } d ? Day(d) : string.Empty).Append(',')
            .Append(Field(item)).Append(',')
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");

        Row("turns", null, "turns", report.Turns);
        foreach (var level in Levels)
        {
            Row("escalations", null, level, Count(report.Escalations, level));
        }

        Row("feedback", null, "helpful", report.Helpful);
        Row("feedback", null, "not_helpful", report.NotHelpful);
        foreach (var t in report.TopTopics)
        {
            Row("topic", null, t.Topic, t.Turns);
        }

        foreach (var d in report.EscalationsPerDay.OrderBy(d => d.Day))
        {
            foreach (var level in Levels)
            {
                Row("escalations_per_day", d.Day, level, Count(d.Levels, level));
            }
        }

        foreach (var u in report.Unanswered)
        {
            Row("unanswered", u.Last, u.Text, u.Count);
        }

        foreach (var reason in report.NotHelpfulReasons)
        {
            Row("not_helpful_reason", null, reason, 1);
        }

        return csv.ToString();
    }

    /// <summary>A count by level, zero when the level is absent.</summary>
    public static long Count(IReadOnlyDictionary<string, long> counts, string level) =>
        counts.TryGetValue(level, out var n) ? n : 0;

    /// <summary>A day as the contract writes it (yyyy-MM-dd).</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        // A leading =, +, - or @ would be run as a formula by a spreadsheet: the question is text, so quote it as text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
