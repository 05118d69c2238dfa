using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PainBot.Analytics;
using PainBot.Core;
using PainBot.Generation;
using PainBot.Knowledge;

namespace PainBot.Cli;

/// <summary>
/// Builds the CLI's services from the embedded defaults, an optional <c>appsettings.json</c> in the working
/// directory and <c>PAINBOT_</c> environment variables (for example <c>PAINBOT_Knowledge__Path</c>).
/// Logs go to standard error so standard output carries only the contract's lines.
/// </summary>
internal static class CliHost
{
    public static IHost Build(IDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("PAINBOT_")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());

        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddPainBotCore();
        builder.Services.AddPainBotKnowledge();

        // Before the dialog: when a model is configured its composer replaces the extractive default.
        builder.Services.AddPainBotGeneration(builder.Configuration);
        builder.Services.AddPainBotDialog();

        // The store only, for `report`: the CLI's own turns (ask, eval) are not recorded.
        builder.Services.AddPainBotAnalytics(KnowledgeOptions.DataRoot);
        return builder.Build();
    }
}
