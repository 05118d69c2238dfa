namespace PainBot.Core.Conversation;

/// <summary>Questions the content did not cover, redacted, for the content owners.</summary>
public interface IUnansweredQuestionLog
{
    /// <summary>Records one question; <paramref name="redactedText"/> has already been through <see cref="Text.Redactor"/>.</summary>
    void Record(string redactedText, string channel, double confidence);

    /// <summary>
    /// Records one question with the turn that asked it, so a store can keep it under the person's pseudonymous
    /// keys (and forget it with them); <paramref name="redactedText"/> has already been redacted.
    /// </summary>
    void Record(string redactedText, Dialog.UserTurn turn, double confidence) => Record(redactedText, turn?.Channel ?? "unknown", confidence);

    /// <summary>The most recent entries, newest last.</summary>
    IReadOnlyList<UnansweredQuestion> Recent(int max);
}
