namespace PainBot.Core.Dialog;

/// <summary>The keys of <c>knowledge/responses.yaml</c>.</summary>
public static class ResponseKeys
{
    public const string DeclineOutOfScope = "decline_out_of_scope";
    public const string RedirectClinician = "redirect_clinician";
    public const string RefuseInjection = "refuse_injection";
    public const string NotCovered = "not_covered";
    public const string Disclaimer = "disclaimer";
    public const string Welcome = "welcome";
    public const string Help = "help";
    public const string StartOver = "start_over";
    public const string Handoff = "handoff";
    public const string ForgetMe = "forget_me";
    public const string FeedbackThanks = "feedback_thanks";
    public const string Clarify = "clarify";
    public const string StaffPrefix = "staff_prefix";
    public const string GuideLeft = "guide_left";
    public const string ClarifySubject = "clarify_subject";
    public const string EmptyMessage = "empty_message";
    public const string EnglishOnly = "english_only";
    public const string LongMessage = "long_message";
    public const string SafeNow = "safe_now";
    public const string FacetElsewhere = "facet_elsewhere";
    public const string DeclinePrivacy = "decline_privacy";

    /// <summary>Keys the file must define.</summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        DeclineOutOfScope, RedirectClinician, RefuseInjection, NotCovered, Disclaimer, Welcome,
        Help, StartOver, Handoff, ForgetMe, FeedbackThanks, Clarify,
        GuideLeft, ClarifySubject, EmptyMessage, EnglishOnly, LongMessage, SafeNow, FacetElsewhere, DeclinePrivacy,
    ];

    /// <summary>Keys the file may define.</summary>
    public static IReadOnlyList<string> Optional { get; } = [StaffPrefix];
}
