using PainBot.Core.Content;

namespace PainBot.Core.Safety;

/// <summary>A safety rule file is broken. Thrown at start so the program refuses to run with rules it cannot trust.</summary>
public sealed class SafetyRuleException : ContentException
{
    public SafetyRuleException()
    {
    }

    public SafetyRuleException(string message)
        : base(message)
    {
    }

    public SafetyRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal SafetyRuleException(string file, int line, string? ruleId, string problem, Exception? inner = null)
        : base(Format(file, line, ruleId, problem), inner)
    {
        File = file;
        Line = line;
        RuleId = ruleId;
    }

    /// <summary>Rule file name.</summary>
    public string? File { get; }

    /// <summary>1-based line of the problem, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Id of the rule being read, when there is one.</summary>
    public string? RuleId { get; }

    private static string Format(string file, int line, string? ruleId, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return ruleId is null ? $"{where}: {problem}" : $"{where}: rule '{ruleId}': {problem}";
    }
}
