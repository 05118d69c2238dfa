using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core;
using PainBot.Core.Composition;
using PainBot.Generation.Prompts;
using PainBot.Generation.Tests.Support;

namespace PainBot.Generation.Tests;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public void AddPainBotGeneration_NotEnabled_RegistersNothingAndExtractiveAnswers(string? enabled)
    {
        var settings = new Dictionary<string, string?> { ["Generation:Endpoint"] = "http://127.0.0.1:1/v1", ["Generation:Model"] = "m" };
        if (enabled is not null)
        {
            settings["Generation:Enabled"] = enabled;
        }

        var services = Services(settings);
        var before = services.Count;
        services.AddPainBotGeneration();
        Assert.Equal(before, services.Count);

        services.AddPainBotDialog();
        using var provider = services.BuildServiceProvider();
        Assert.IsType<ExtractiveComposer>(provider.GetRequiredService<IAnswerComposer>());
        Assert.Null(provider.GetService<GenerationStats>());
    }

    [Fact]
    public void AddPainBotGeneration_Enabled_ReplacesTheExtractiveComposer()
    {
        var services = Services(new() { ["Generation:Enabled"] = "true", ["Generation:Endpoint"] = "http://127.0.0.1:1/v1", ["Generation:Model"] = "m", ["Generation:PromptsPath"] = Repo.Prompts });
        services.AddPainBotGeneration();
        services.AddPainBotDialog();
        services.AddSingleton<Knowledge.Embeddings.ITextEmbedder>(SharedEmbedder.Instance);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<GroundedComposer>(provider.GetRequiredService<IAnswerComposer>());
    }

    [Theory]
    [InlineData(Knowledge.Embeddings.EmbeddingPrecision.Quantized, false)]
    [InlineData(Knowledge.Embeddings.EmbeddingPrecision.Full, true)]
    public void AddPainBotGeneration_Enabled_GroundsWithTheFullPrecisionEncoder(Knowledge.Embeddings.EmbeddingPrecision retrieval, bool shared)
    {
        var services = Services(new() { ["Generation:Enabled"] = "true", ["Generation:Endpoint"] = "http://127.0.0.1:1/v1", ["Generation:Model"] = "m", ["Generation:PromptsPath"] = Repo.Prompts });
        using var retrievalEmbedder = new Knowledge.Embeddings.MiniLmEmbedder(retrieval);
        services.AddSingleton<Knowledge.Embeddings.ITextEmbedder>(retrievalEmbedder);
        services.AddPainBotGeneration();
        using var provider = services.BuildServiceProvider();

        var grounding = provider.GetRequiredKeyedService<Knowledge.Embeddings.ITextEmbedder>(GenerationServiceCollectionExtensions.GroundingEmbedderKey);

        // Full precision either way; a second encoder only when retrieval runs the quantized one.
        Assert.Equal(new Knowledge.Embeddings.MiniLmEmbedder(Knowledge.Embeddings.EmbeddingPrecision.Full).ModelId, grounding.ModelId);
        Assert.Equal(shared, grounding is not Knowledge.Embeddings.MiniLmEmbedder);
    }

    [Theory]
    [InlineData("Generation:Model", "", "Generation:Model")]
    [InlineData("Generation:Endpoint", "", "Generation:Endpoint")]
    [InlineData("Generation:TimeoutMilliseconds", "5", "TimeoutMilliseconds")]
    [InlineData("Generation:PromptsPath", "/nonexistent/prompts", "Generation:PromptsPath")]
    public void AddPainBotGeneration_EnabledWithBadValue_FailsNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Generation:Enabled"] = "true",
            ["Generation:Endpoint"] = "http://127.0.0.1:1/v1",
            ["Generation:Model"] = "m",
            ["Generation:PromptsPath"] = Repo.Prompts,
            [key] = value,
        };
        var services = Services(settings);
        services.AddPainBotGeneration();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GenerationOptions>>().Value);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PromptLibrary.GroundedAnswerFile, new[] { "question", "audience", "passages", "recent_turns", "max_words" })]
    [InlineData(PromptLibrary.CondenseFollowUpFile, new[] { "message", "recent_turns" })]
    public void PromptFile_ShippedPrompts_LoadWithTheirVariables(string file, string[] variables)
    {
        var config = PromptFile.Load(Path.Combine(Repo.Prompts, file));

        Assert.Equal(variables, config.InputVariables.Select(v => v.Name));
        Assert.Equal("semantic-kernel", config.TemplateFormat);
        Assert.True(config.ExecutionSettings.ContainsKey("default"));
        Assert.NotNull(PromptLibrary.Load(Repo.Prompts).GroundedAnswer);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddPainBotCore();
        return services;
    }
}
