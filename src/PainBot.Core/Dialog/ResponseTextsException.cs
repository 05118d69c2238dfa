using PainBot.Core.Content;

namespace PainBot.Core.Dialog;

/// <summary>The reply texts file breaks the rules; nothing from it is served.</summary>
public sealed class ResponseTextsException : ContentException
{
    public ResponseTextsException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public ResponseTextsException()
        : this([])
    {
    }

    public ResponseTextsException(string message)
        : base(message) => Problems = [message];

    public ResponseTextsException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Every problem found, each naming the file and the key.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count == 0
            ? "The reply texts are invalid."
            : $"The reply texts have {problems.Count} problem(s):{Environment.NewLine}  " +
              string.Join(Environment.NewLine + "  ", problems);
}
