namespace PainBot.Core.Composition;

/// <summary>Builds an answer only from the retrieved passages. The extractive composer is the default and the fallback.</summary>
public interface IAnswerComposer
{
    /// <summary>True when answers come from a language model (slow enough that channels should show typing first).</summary>
    bool UsesLanguageModel => false;

    Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken);
}
