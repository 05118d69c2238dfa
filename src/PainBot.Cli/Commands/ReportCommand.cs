using System.Data.Common;
using PainBot.Analytics;
using PainBot.Core.Analytics;

namespace PainBot.Cli.Commands;

/// <summary>
/// <c>report [--days N] [--csv]</c>: the staff report of the last N days (default 30) from the configured analytics
/// store, as JSON (shared/CONTRACTS.md section 3, plus added fields) or CSV. The schema is brought up to date first.
/// </summary>
internal sealed class ReportCommand(IAnalyticsStore store, TextWriter output, TextWriter error)
{
    public const int DefaultDays = 30;

    public async Task<int> RunAsync(CommandLine cmd)
    {
        cmd.RejectUnknown("--days", "--csv");
        if (cmd.Positional.Count > 0)
        {
            throw new CommandLineException($"report takes no argument '{cmd.Positional[0]}'");
        }

        var days = cmd.IntValue("--days", DefaultDays, 1, 3650);
        AnalyticsReport report;
        try
        {
            await store.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
            report = await store.ReportAsync(days, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or TimeoutException or InvalidOperationException)
        {
            error.WriteLine($"painbot: the analytics store could not be read ({ex.GetType().Name}: {ex.Message}). Check Analytics:Provider and Analytics:ConnectionString.");
            return 1;
        }

        output.Write(cmd.Has("--csv") ? AnalyticsReportFormat.ToCsv(report) : AnalyticsReportFormat.ToJson(report) + Environment.NewLine);
        return 0;
    }
}
