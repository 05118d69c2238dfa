namespace PainBot.Core.Conversation;

/// <summary>Questions the content did not cover, redacted, for the content owners.</summary>
public interface IUnansweredQuestionLog
{
    /// <summary>Records one question; <paramref name="redactedText"/> has already been through <see cref="Text.Redactor"/>.</summary>
    void Record(string redactedText, string channel, double confidence);

    /// <summary>The most recent entries, newest last.</summary>
    IReadOnlyList<UnansweredQuestion> Recent(int max);
}
