using Microsoft.Extensions.Logging;

namespace PainBot.Core.Safety;

/// <summary>Log events of triage. Never the user's words: they are health data (STYLE.md 6).</summary>
internal static partial class SafetyTriageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Safety escalation {Level} fired (informational: {Informational}); rules {RuleIds}")]
    public static partial void EscalationFired(ILogger logger, SafetyLevel level, bool informational, string ruleIds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Safety rules loaded: {RuleCount} rules, {PatternCount} distinct patterns")]
    public static partial void RulesLoaded(ILogger logger, int ruleCount, int patternCount);
}
