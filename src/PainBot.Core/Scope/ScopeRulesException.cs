using PainBot.Core.Content;

namespace PainBot.Core.Scope;

/// <summary>The scope rules file breaks the rules; no scope rules are served from it.</summary>
public sealed class ScopeRulesException : ContentException
{
    public ScopeRulesException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public ScopeRulesException()
        : this([])
    {
    }

    public ScopeRulesException(string message)
        : base(message) => Problems = [message];

    public ScopeRulesException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Every problem found, each naming the file, the line and key where known, and what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        problems.Count == 0
            ? "The scope rules are invalid."
            : $"The scope rules have {problems.Count} problem(s):{Environment.NewLine}  " +
              string.Join(Environment.NewLine + "  ", problems);
}
