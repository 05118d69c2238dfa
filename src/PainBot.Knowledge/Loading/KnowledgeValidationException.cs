using PainBot.Core.Content;

namespace PainBot.Knowledge.Loading;

/// <summary>The knowledge folder breaks the rules; nothing from it is served.</summary>
public sealed class KnowledgeValidationException : ContentException
{
    public KnowledgeValidationException(IReadOnlyList<KnowledgeError> errors)
        : base(Describe(errors)) => Errors = errors;

    public KnowledgeValidationException()
        : this([])
    {
    }

    public KnowledgeValidationException(string message)
        : base(message) => Errors = [];

    public KnowledgeValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<KnowledgeError> Errors { get; }

    private static string Describe(IReadOnlyList<KnowledgeError> errors) =>
        errors.Count == 0
            ? "The knowledge folder is invalid."
            : $"The knowledge folder has {errors.Count} problem(s):{Environment.NewLine}  " +
              string.Join(Environment.NewLine + "  ", errors.Select(e => e.ToString()));
}
