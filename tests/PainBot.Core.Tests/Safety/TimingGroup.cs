namespace PainBot.Core.Tests.Safety;

/// <summary>Timing tests run alone so other test classes do not share the two cores with them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingGroup
{
    public const string Name = "Timing";
}
