namespace PainBot.LoadBench;

/// <summary>An endpoint under load: conversations are opened on it and turns taken in them.</summary>
internal interface ILoadTarget
{
    /// <summary>The name printed in the results table.</summary>
    string Name { get; }

    /// <summary>
    /// Opens a conversation for <paramref name="userId"/>. Not timed as a turn (a real client opens once and then
    /// talks), but a failure counts as an error.
    /// </summary>
    Task<IBenchConversation> OpenAsync(string userId, CancellationToken cancellationToken);
}
