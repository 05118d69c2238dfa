using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

public sealed class StateOptionsTests
{
    [Theory]
    [InlineData("Postgres", "localhost:6379", DirectLineApplication.Secret, "State:Provider must be Memory or Redis")]
    [InlineData("Redis", "", DirectLineApplication.Secret, "State:Redis")]
    [InlineData("Redis", "localhost:6379,nonsense=1", DirectLineApplication.Secret, "State:Redis is not a valid")]
    [InlineData("Redis", "localhost:6379", "", "DirectLine:Secret must be set when State:Provider is Redis")]
    public void BadStateSettings_StopTheHostWithAClearMessage(string provider, string redis, string secret, string expected)
    {
        using var parent = new DirectLineApplication();
        using var app = parent.WithWebHostBuilder(b => b
            .UseSetting("State:Provider", provider)
            .UseSetting("State:Redis", redis)
            .UseSetting("DirectLine:Secret", secret));

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
