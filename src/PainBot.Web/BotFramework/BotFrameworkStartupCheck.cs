using Microsoft.Extensions.Options;

namespace PainBot.Web.BotFramework;

/// <summary>Says loudly at start when the Bot Framework endpoint runs without authentication.</summary>
internal sealed class BotFrameworkStartupCheck(IOptions<BotFrameworkOptions> options, ILogger<BotFrameworkStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsAuthenticationDisabled)
        {
            BotFrameworkLog.AuthenticationDisabled(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
