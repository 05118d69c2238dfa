namespace PainBot.Core.Composition;

/// <summary>Builds an answer only from the retrieved passages. The extractive composer is the default and the fallback.</summary>
public interface IAnswerComposer
{
    Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken);
}
