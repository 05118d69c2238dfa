using PainBot.Core.Composition;

namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>
/// Stands in for the language-model composer: says its answers come from a model, and holds every composition
/// from <see cref="Hold"/> until the test releases it, so a test can look at the channel while a turn is still
/// running (before <see cref="Hold"/>, e.g. the host's warm-up turns at start, it answers at once).
/// </summary>
public sealed class BlockingModelComposer : IAnswerComposer
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _entered;
    private volatile bool _holding;

    /// <summary>Completes when the first composition has started.</summary>
    public TaskCompletionSource FirstEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Compositions started so far.</summary>
    public int Entered => Volatile.Read(ref _entered);

    /// <inheritdoc/>
    public bool UsesLanguageModel => true;

    /// <summary>From now on, compositions wait for <see cref="Release"/>.</summary>
    public void Hold() => _holding = true;

    /// <summary>Lets every held composition, and every later one, finish.</summary>
    public void Release() => _release.TrySetResult();

    /// <inheritdoc/>
    public async Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken)
    {
        if (!_holding)
        {
            return ExtractiveComposer.Compose(request);
        }

        Interlocked.Increment(ref _entered);
        FirstEntered.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        return ExtractiveComposer.Compose(request);
    }
}
