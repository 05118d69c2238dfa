using System.Diagnostics;
using System.Diagnostics.Metrics;
using PainBot.Core.Composition;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Core.Telemetry;

/// <summary>
/// The assistant's traces and metrics, with the BCL's <see cref="ActivitySource"/> and <see cref="Meter"/> (both
/// named <see cref="Name"/>), so Core depends on no telemetry SDK: the host decides whether anything listens
/// and where it goes. A span per turn with a child per step (triage, scope, retrieval, composition, model call);
/// a turn-latency histogram and counters of escalations by level, model calls by outcome and model fallbacks by
/// reason. Tags carry only channel, audience, levels, verdicts, counts and scores: never a person's words, their
/// ids or the conversation's id. The instruments are static, as .NET's own libraries declare theirs: one meter
/// per process, shared by every turn handler.
/// </summary>
public static class PainBotTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "PainBot";

    /// <summary>The source of PainBot's spans.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The meter of PainBot's instruments.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Seconds from a message's arrival at the dialog to its replies (tags: channel, audience, kind, level).</summary>
    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "painbot.turn.duration", "s", "Time from a message reaching the dialog to its replies.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    /// <summary>Turns escalated (tags: level, channel).</summary>
    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>("painbot.escalations", "{turn}", "Turns escalated, by safety level.");

    /// <summary>Language-model calls (tags: prompt, outcome = ok or the failure reason).</summary>
    public static readonly Counter<long> ModelCalls = Meter.CreateCounter<long>("painbot.model.calls", "{call}", "Language-model calls, by outcome.");

    /// <summary>Seconds per language-model call (tags: prompt, outcome).</summary>
    public static readonly Histogram<double> ModelCallDuration = Meter.CreateHistogram<double>("painbot.model.duration", "s", "Duration of language-model calls.");

    /// <summary>Generated answers replaced by the extractive one (tag: reason).</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("painbot.model.fallbacks", "{answer}", "Generated answers replaced by the extractive answer, by reason.");

    /// <summary>Starts the span of one turn; null when nobody listens.</summary>
    public static Activity? StartTurn(UserTurn turn)
    {
        var span = Source.StartActivity("painbot.turn");
        span?.SetTag(Tags.Channel, turn.Channel);
        span?.SetTag(Tags.Audience, Wire(turn.Audience));
        return span;
    }

    /// <summary>Records a finished turn on its span and in the latency histogram and escalation counter.</summary>
    public static void TurnCompleted(Activity? span, UserTurn turn, TurnResult result, TimeSpan elapsed)
    {
        var level = result.Safety.Level.ToWire();
        var kind = result.Replies.Count > 0 ? result.Replies[^1].Kind.ToString().ToLowerInvariant() : "none";
        var tags = new TagList
        {
            { Tags.Channel, turn.Channel },
            { Tags.Audience, Wire(turn.Audience) },
            { Tags.ReplyKind, kind },
            { Tags.SafetyLevel, level },
        };
        TurnDuration.Record(elapsed.TotalSeconds, tags);
        if (result.Safety.Level != SafetyLevel.None)
        {
            Escalations.Add(1, new TagList { { Tags.SafetyLevel, level }, { Tags.Channel, turn.Channel } });
        }

        if (span is not null)
        {
            span.SetTag(Tags.ReplyKind, kind);
            span.SetTag(Tags.SafetyLevel, level);
            span.SetTag(Tags.Scope, result.Scope.ToString().ToLowerInvariant());
            span.SetTag(Tags.Sources, result.Sources.Count);
            span.SetTag(Tags.Confidence, Math.Round(result.Confidence, 3));
            span.SetTag(Tags.Handoff, result.Handoff);
        }
    }

    /// <summary>Runs safety triage in its own span, tagged with the level and the number of rules that fired.</summary>
    public static SafetyAssessment Triage(Func<SafetyAssessment> assess)
    {
        using var span = Source.StartActivity("painbot.triage");
        var assessment = assess();
        span?.SetTag(Tags.SafetyLevel, assessment.Level.ToWire());
        span?.SetTag(Tags.Rules, assessment.RuleIds.Count);
        span?.SetTag("painbot.safety.uncertain", assessment.Uncertain);
        return assessment;
    }

    /// <summary>Runs the scope guard in its own span, tagged with the verdict.</summary>
    public static ScopeAssessment Scope(Func<ScopeAssessment> assess)
    {
        using var span = Source.StartActivity("painbot.scope");
        var assessment = assess();
        span?.SetTag(Tags.Scope, assessment.Verdict.ToString().ToLowerInvariant());
        return assessment;
    }

    /// <summary>Runs a knowledge search in its own span, tagged with the hit count and confidence.</summary>
    public static SearchResult Retrieval(Func<SearchResult> search)
    {
        using var span = Source.StartActivity("painbot.retrieval");
        var found = search();
        span?.SetTag(Tags.Hits, found.Hits.Count);
        span?.SetTag(Tags.Confidence, Math.Round(found.Confidence, 3));
        return found;
    }

    /// <summary>Runs composition in its own span, tagged with the passages given, the composer and the citations kept.</summary>
    public static async Task<ComposedAnswer> ComposeAsync(Func<Task<ComposedAnswer>> compose, int passages)
    {
        using var span = Source.StartActivity("painbot.composition");
        span?.SetTag(Tags.Passages, passages);
        var answer = await compose().ConfigureAwait(false);
        span?.SetTag(Tags.Composer, answer.Composer);
        span?.SetTag(Tags.Citations, answer.Citations.Count);
        return answer;
    }

    /// <summary>Starts the span of one language-model call; the caller ends it with <see cref="ModelCallCompleted"/>.</summary>
    public static Activity? StartModelCall(string prompt)
    {
        var span = Source.StartActivity("painbot.model", ActivityKind.Client);
        span?.SetTag(Tags.Prompt, prompt);
        return span;
    }

    /// <summary>Counts a model call by outcome (<c>ok</c> or the failure reason) and records its duration.</summary>
    public static void ModelCallCompleted(Activity? span, string prompt, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { Tags.Prompt, prompt }, { Tags.Outcome, outcome } };
        ModelCalls.Add(1, tags);
        ModelCallDuration.Record(elapsed.TotalSeconds, tags);
        if (span is not null)
        {
            span.SetTag(Tags.Outcome, outcome);
            if (outcome != "ok")
            {
                span.SetStatus(ActivityStatusCode.Error, outcome);
            }
        }
    }

    /// <summary>Counts a generated answer replaced by the extractive one.</summary>
    public static void Fallback(string reason)
    {
        Fallbacks.Add(1, new KeyValuePair<string, object?>(Tags.Reason, reason));
        Activity.Current?.SetTag(Tags.Fallback, reason);
    }

    private static string Wire(Audience audience) => audience.ToString().ToLowerInvariant();

    /// <summary>The tag names; none of them ever holds a person's words.</summary>
    public static class Tags
    {
        public const string Channel = "painbot.channel";
        public const string Audience = "painbot.audience";
        public const string ReplyKind = "painbot.reply.kind";
        public const string SafetyLevel = "painbot.safety.level";
        public const string Rules = "painbot.safety.rules";
        public const string Scope = "painbot.scope";
        public const string Hits = "painbot.retrieval.hits";
        public const string Confidence = "painbot.confidence";
        public const string Sources = "painbot.sources";
        public const string Handoff = "painbot.handoff";
        public const string Passages = "painbot.composition.passages";
        public const string Composer = "painbot.composer";
        public const string Citations = "painbot.citations";
        public const string Prompt = "painbot.model.prompt";
        public const string Outcome = "painbot.model.outcome";
        public const string Reason = "painbot.fallback.reason";
        public const string Fallback = "painbot.fallback";
    }
}
