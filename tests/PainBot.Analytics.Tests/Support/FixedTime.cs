namespace PainBot.Analytics.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
