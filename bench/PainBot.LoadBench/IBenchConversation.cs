namespace PainBot.LoadBench;

/// <summary>One open conversation on a <see cref="ILoadTarget"/>.</summary>
internal interface IBenchConversation
{
    /// <summary>
    /// One turn: sends <paramref name="text"/> and returns once the bot's reply to it has been received. Throws when
    /// the turn fails (status code, missing reply, timeout); the runner counts that as an error.
    /// </summary>
    Task TurnAsync(string text, CancellationToken cancellationToken);
}
