using System.Globalization;
using System.Net;
using System.Text;

namespace PainBot.Web.Staff;

/// <summary>
/// Bar charts as inline SVG, drawn on the server: no script and no CDN, so they work under
/// <c>default-src 'self'</c>. Colours come from classes in <c>wwwroot/staff/staff.css</c>; every bar carries its
/// value in <c>data-count</c> and a <c>&lt;title&gt;</c> (the tooltip and what a screen reader reads).
/// </summary>
public static class SvgCharts
{
    private const int Width = 440;

    /// <summary>One bar: a label and its value.</summary>
    /// <param name="Label">What the bar stands for.</param>
    /// <param name="Value">How much.</param>
    /// <param name="CssClass">The colour class.</param>
    public sealed record Bar(string Label, long Value, string CssClass = "bar");

    /// <summary>One column of a stacked chart: a label and its segments, bottom first.</summary>
    /// <param name="Label">What the column stands for (a day).</param>
    /// <param name="Segments">Its segments, drawn bottom up.</param>
    public sealed record Column(string Label, IReadOnlyList<Bar> Segments);

    /// <summary>Horizontal bars, one row per item, labelled on the left and valued on the right.</summary>
    public static string HorizontalBars(string id, string title, string description, IReadOnlyList<Bar> bars)
    {
        const int row = 28;
        const int labelWidth = 170;
        const int valueWidth = 48;
        var height = Math.Max(1, bars.Count) * row + 8;
        var max = Math.Max(1, bars.Count == 0 ? 0 : bars.Max(b => b.Value));
        var svg = Open(id, title, description, height);
        if (bars.Count == 0)
        {
            Text(svg, 8, 20, "start", "chart-empty", "Nothing in this period.");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = 4 + i * row;
            var w = (double)b.Value / max * (Width - labelWidth - valueWidth);
            Text(svg, labelWidth - 8, y + 18, "end", "chart-label", Shorten(b.Label, 24));
            Rect(svg, labelWidth, y + 4, Math.Max(w, b.Value > 0 ? 2 : 0), row - 8, b.CssClass, b.Value, $"{b.Label}: {N(b.Value)}");
            Text(svg, labelWidth + w + 6, y + 18, "start", "chart-value", N(b.Value));
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Stacked vertical columns (one per day), with a value axis maximum and first/last labels.</summary>
    public static string StackedColumns(string id, string title, string description, IReadOnlyList<Column> columns)
    {
        const int height = 220;
        const int top = 16;
        const int bottom = 28;
        const int left = 40;
        var plot = height - top - bottom;
        var max = Math.Max(1, columns.Count == 0 ? 0 : columns.Max(c => c.Segments.Sum(s => s.Value)));
        var svg = Open(id, title, description, height);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{top + plot}\" x2=\"{Width}\" y2=\"{top + plot}\"/>");
        Text(svg, left - 6, top + 10, "end", "chart-value", N(max));
        Text(svg, left - 6, top + plot, "end", "chart-value", "0");
        if (columns.Count == 0)
        {
            Text(svg, left + 8, top + plot / 2, "start", "chart-empty", "Nothing in this period.");
        }

        var slot = (double)(Width - left) / Math.Max(1, columns.Count);
        var barWidth = Math.Max(1, slot * 0.7);
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            var x = left + i * slot + (slot - barWidth) / 2;
            double y = top + plot;
            foreach (var s in c.Segments.Where(s => s.Value > 0))
            {
                var h = (double)s.Value / max * plot;
                y -= h;
                Rect(svg, x, y, barWidth, h, s.CssClass, s.Value, $"{c.Label} {s.Label}: {N(s.Value)}");
            }
        }

        if (columns.Count > 0)
        {
            Text(svg, left, height - 8, "start", "chart-label", columns[0].Label);
            if (columns.Count > 1)
            {
                Text(svg, Width, height - 8, "end", "chart-label", columns[^1].Label);
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, string description, int height) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMinYMin meet\">")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(title)}</title><desc id=\"{id}-desc\">{E(description)}</desc>");

    private static void Rect(StringBuilder svg, double x, double y, double w, double h, string cssClass, long value, string tip) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"{F(h)}\" data-count=\"{value}\"><title>{E(tip)}</title></rect>");

    private static void Text(StringBuilder svg, double x, double y, string anchor, string cssClass, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"{cssClass}\" x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>");

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
