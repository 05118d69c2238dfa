namespace PainBot.Core.Dialog;

/// <summary>
/// Told of every turn once the dialog manager has finished it (analytics, metrics). Called on the turn's own path:
/// an observer must return at once (queue the work) and must not throw.
/// </summary>
public interface ITurnObserver
{
    /// <summary>One finished turn: what came in, what was answered, and how long it took including waiting for the conversation's earlier turn.</summary>
    void OnTurn(UserTurn turn, TurnResult result, TimeSpan latency);
}
