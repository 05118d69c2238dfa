using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using PainBot.Core.Analytics;
using PainBot.Core.Safety;

namespace PainBot.Web.Staff;

/// <summary>
/// The HTML of <c>/staff</c>: the sign-in form and the report. Plain, accessible HTML with no script and no inline
/// styles (the styles are <c>wwwroot/staff/staff.css</c>), so it works under a strict content security policy.
/// </summary>
public static class StaffPage
{
    /// <summary>The escalation levels, most serious first (wire names, as the report's dictionaries key them).</summary>
    private static readonly IReadOnlyList<string> Levels =
        [.. new[] { SafetyLevel.Emergency, SafetyLevel.Crisis, SafetyLevel.Urgent, SafetyLevel.MedSafety }.Select(l => l.ToWire())];

    /// <summary>The periods the days selector offers.</summary>
    public static readonly IReadOnlyList<int> Periods = [7, 30, 90, 365];

    /// <summary>How many days the escalation chart shows one by one; longer periods show only days with escalations.</summary>
    private const int DailyColumnsUpTo = 92;

    /// <summary>The sign-in form, with an optional message (a wrong key, too many attempts).</summary>
    public static string SignIn(AntiforgeryTokenSet tokens, string? message)
    {
        var html = Head("Staff sign-in");
        html.Append("<main class=\"signin\"><h1>PainBot staff report</h1>");
        html.Append("<p>Sign in with the staff key to see what patients asked, escalations and feedback.</p>");
        if (message is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(E(message)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"/staff/sign-in\">");
        Antiforgery(html, tokens);
        html.Append("<label for=\"key\">Staff key</label>");
        html.Append("<input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"current-password\" required>");
        html.Append("<button type=\"submit\">Sign in</button></form></main>");
        return Close(html);
    }

    /// <summary>The report page for signed-in staff.</summary>
    public static string Report(AnalyticsReport report, AntiforgeryTokenSet tokens, DateOnly today)
    {
        var html = Head($"Staff report, last {report.Days} days");
        html.Append("<header class=\"bar\"><h1>PainBot staff report</h1>");
        html.Append("<form method=\"post\" action=\"/staff/sign-out\" class=\"signout\">");
        Antiforgery(html, tokens);
        html.Append("<button type=\"submit\">Sign out</button></form></header><main>");

        Period(html, report.Days);
        Summary(html, report);
        Unanswered(html, report);
        Topics(html, report);
        Escalations(html, report, today);
        Feedback(html, report);

        html.Append("</main>");
        return Close(html);
    }

    private static void Period(StringBuilder html, int days)
    {
        html.Append("<form method=\"get\" action=\"/staff\" class=\"period\"><label for=\"days\">Period</label><select id=\"days\" name=\"days\">");
        foreach (var p in Periods.Contains(days) ? Periods : [.. Periods, days])
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{p}\"{(p == days ? " selected" : string.Empty)}>last {p} days</option>");
        }

        html.Append("</select><button type=\"submit\">Show</button>");
        html.Append(CultureInfo.InvariantCulture, $"<a class=\"export\" href=\"/staff/export.csv?days={days}\" download>Download CSV</a></form>");
    }

    private static void Summary(StringBuilder html, AnalyticsReport report)
    {
        html.Append("<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2><dl class=\"figures\">");
        Figure(html, "Turns", report.Turns);
        foreach (var level in Levels)
        {
            Figure(html, LevelName(level) + " escalations", Count(report.Escalations, level));
        }

        Figure(html, "Helpful", report.Helpful);
        Figure(html, "Not helpful", report.NotHelpful);
        html.Append("</dl></section>");
    }

    private static void Unanswered(StringBuilder html, AnalyticsReport report)
    {
        html.Append("<section aria-labelledby=\"todo-h\"><h2 id=\"todo-h\">Content to-do: questions the content did not answer</h2>");
        if (report.Unanswered.Count == 0)
        {
            html.Append("<p>No unanswered questions in this period.</p></section>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><caption>Unanswered questions (redacted), most asked first</caption>");
        html.Append("<thead><tr><th scope=\"col\">Question</th><th scope=\"col\" class=\"num\">Times asked</th><th scope=\"col\">Last asked</th></tr></thead><tbody>");
        foreach (var u in report.Unanswered.OrderByDescending(u => u.Count).ThenByDescending(u => u.Last))
        {
            html.Append("<tr><td>").Append(E(u.Text)).Append("</td><td class=\"num\">").Append(N(u.Count))
                .Append("</td><td>").Append(Day(u.Last)).Append("</td></tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static void Topics(StringBuilder html, AnalyticsReport report)
    {
        html.Append("<section aria-labelledby=\"topics-h\"><h2 id=\"topics-h\">Top topics</h2>");
        var bars = report.TopTopics.Select(t => new SvgCharts.Bar(t.Topic, t.Turns)).ToList();
        html.Append("<figure>").Append(SvgCharts.HorizontalBars(
            "chart-topics",
            "Turns per topic",
            bars.Count == 0 ? "No topics in this period." : string.Join("; ", bars.Select(b => $"{b.Label}: {N(b.Value)}")),
            bars));
        html.Append("<figcaption>Turns that touched each topic, last ").Append(report.Days.ToString(CultureInfo.InvariantCulture)).Append(" days.</figcaption></figure></section>");
    }

    private static void Escalations(StringBuilder html, AnalyticsReport report, DateOnly today)
    {
        html.Append("<section aria-labelledby=\"esc-h\"><h2 id=\"esc-h\">Escalations per day</h2>");
        var byDay = report.EscalationsPerDay.ToDictionary(d => d.Day);
        IEnumerable<DateOnly> days = report.Days <= DailyColumnsUpTo
            ? Enumerable.Range(0, report.Days).Select(i => today.AddDays(i - report.Days + 1))
            : byDay.Keys.Order();
        var columns = days.Select(day => new SvgCharts.Column(
            Day(day),
            [.. Levels.Select(level => new SvgCharts.Bar(
                LevelName(level),
                byDay.TryGetValue(day, out var d) ? Count(d.Levels, level) : 0,
                "bar level-" + level.Replace('_', '-')))])).ToList();
        var total = report.EscalationsPerDay.Sum(d => d.Levels.Values.Sum());
        html.Append("<figure>").Append(SvgCharts.StackedColumns(
            "chart-escalations",
            "Escalations per day by level",
            $"{N(total)} escalations in {columns.Count} days shown; the table below lists each day.",
            columns));
        html.Append("<figcaption><ul class=\"legend\">");
        foreach (var level in Levels)
        {
            html.Append("<li><span class=\"swatch level-").Append(level.Replace('_', '-')).Append("\" aria-hidden=\"true\"></span>")
                .Append(LevelName(level)).Append("</li>");
        }

        html.Append("</ul></figcaption></figure>");
        var withEscalations = report.EscalationsPerDay.Where(d => d.Levels.Values.Sum() > 0).OrderByDescending(d => d.Day).ToList();
        if (withEscalations.Count > 0)
        {
            html.Append("<details><summary>Escalations by day (table)</summary><div class=\"scroll\"><table><caption>Escalations per day by level, newest first</caption><thead><tr><th scope=\"col\">Day</th>");
            foreach (var level in Levels)
            {
                html.Append("<th scope=\"col\" class=\"num\">").Append(LevelName(level)).Append("</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var d in withEscalations)
            {
                html.Append("<tr><th scope=\"row\">").Append(Day(d.Day)).Append("</th>");
                foreach (var level in Levels)
                {
                    html.Append("<td class=\"num\">").Append(N(Count(d.Levels, level))).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table></div></details>");
        }

        html.Append("</section>");
    }

    private static void Feedback(StringBuilder html, AnalyticsReport report)
    {
        html.Append("<section aria-labelledby=\"fb-h\"><h2 id=\"fb-h\">Feedback on answers</h2>");
        html.Append("<figure>").Append(SvgCharts.HorizontalBars(
            "chart-feedback",
            "Feedback on answers",
            $"Helpful: {N(report.Helpful)}; not helpful: {N(report.NotHelpful)}.",
            [new SvgCharts.Bar("Helpful", report.Helpful, "bar helpful"), new SvgCharts.Bar("Not helpful", report.NotHelpful, "bar not-helpful")]));
        html.Append("<figcaption>Thumbs up and down from the website chat and Teams.</figcaption></figure>");
        html.Append("<h3>Recent reasons given for \"not helpful\"</h3>");
        if (report.NotHelpfulReasons.Count == 0)
        {
            html.Append("<p>No reasons given in this period.</p>");
        }
        else
        {
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in report.NotHelpfulReasons)
            {
                html.Append("<li>").Append(E(reason)).Append("</li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
    }

    private static void Figure(StringBuilder html, string name, long value) =>
        html.Append("<div><dt>").Append(E(name)).Append("</dt><dd>").Append(N(value)).Append("</dd></div>");

    private static void Antiforgery(StringBuilder html, AntiforgeryTokenSet tokens) =>
        html.Append("<input type=\"hidden\" name=\"").Append(E(tokens.FormFieldName)).Append("\" value=\"").Append(E(tokens.RequestToken ?? string.Empty)).Append("\">");

    private static StringBuilder Head(string title) => new StringBuilder()
        .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .Append("<meta name=\"robots\" content=\"noindex\">")
        .Append("<title>").Append(E(title)).Append(" · PainBot</title>")
        .Append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
        .Append("<link rel=\"stylesheet\" href=\"/staff/staff.css\"></head><body>");

    private static string Close(StringBuilder html) => html.Append("</body></html>").ToString();

    private static string LevelName(string level) => level switch
    {
        "emergency" => "Emergency",
        "crisis" => "Crisis",
        "urgent" => "Urgent",
        "med_safety" => "Medication safety",
        _ => level,
    };

    private static long Count(IReadOnlyDictionary<string, long> counts, string level) => counts.TryGetValue(level, out var n) ? n : 0;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
