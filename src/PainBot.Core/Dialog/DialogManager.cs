using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Composition;
using PainBot.Core.Content;
using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;
using PainBot.Core.Telemetry;
using PainBot.Core.Text;

namespace PainBot.Core.Dialog;

/// <summary>
/// One turn, in order: take the content snapshot, clean the message and compute its vector once, safety triage
/// (always first, never a model), commands, scope, guided dialogs, follow-up resolution, retrieval,
/// composition, then disclaimer and citations added by code. Every step gets the turn's <see cref="TurnContext"/>.
/// </summary>
public sealed partial class DialogManager(
    IContentSource content,
    IAnswerComposer composer,
    IConversationStore conversations,
    IUnansweredQuestionLog unanswered,
    IOptions<DialogOptions> options,
    IOptions<ClinicOptions> clinic,
    IOptions<SafetyOptions> safetyOptions,
    ILogger<DialogManager> logger,
    IEnumerable<ITurnObserver>? observers = null,
    IConversationLock? conversationLock = null)
{
    /// <summary>The channel of <see cref="WarmUpAsync"/>'s turns (observers leave them out).</summary>
    public const string WarmUpChannel = "warm-up";

    private readonly ITurnObserver[] _observers = [.. observers ?? []];

    private const int MaxEarlierTopics = 4;

    // A resolved follow-up lifts passages on the subject in play by this many facet steps.
    private const double SubjectLift = 1.5;

    // How far a passage moves for the facet of its title, as a share of the best score.
    private const double FacetRerankShare = 0.08;

    // How deep the search for a facet's own topic goes, and the score it joins the hits with.
    private const int FacetSearchDepth = 30;
    private const double FacetTopicShare = 0.9;

    /// <summary>Offered after a crisis reply; <see cref="CommandRecognizer"/> takes it as <see cref="Command.SafeNow"/>.</summary>
    public const string SafeNowSuggestion = "I'm safe now, let's continue";

    /// <summary>Offered after every escalation; <see cref="CommandRecognizer"/> takes it as <see cref="Command.Handoff"/>.</summary>
    public const string HandoffSuggestion = "Talk to a person";

    private readonly DialogOptions _options = options.Value;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly Dictionary<string, string> _placeholders = ReplyPlaceholders.From(clinic.Value, safetyOptions.Value);

    // Covered questions (nothing is recorded as unanswered) along the answer and follow-up paths.
    private static readonly string[] WarmUpQuestions = ["does acupuncture help back pain?", "is it safe?", "tell me more", "what is tai chi"];

    /// <summary>
    /// Runs a few ordinary turns on a throw-away conversation and deletes it, so that the first visitor after
    /// start does not pay for compiling the turn's code paths. Hosts call it once the content is loaded.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var id = "warm-up-" + Guid.NewGuid().ToString("N");
        foreach (var question in WarmUpQuestions)
        {
            await HandleAsync(new UserTurn(id, id, question, WarmUpChannel, Audience.Patient, "en-US"), cancellationToken).ConfigureAwait(false);
        }

        await conversations.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles one message and returns what to show.</summary>
    public async Task<TurnResult> HandleAsync(UserTurn turn, CancellationToken cancellationToken = default)
    {
        // Turns of one conversation run one at a time (a visitor can send again before the reply arrives);
        // different conversations only share a stripe by hash, so they rarely wait for each other.
        using var span = PainBotTelemetry.StartTurn(turn);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(turn.ConversationId) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        TurnResult result;
        try
        {
            // Other instances sharing the state (when there are any) wait too: the turn reads, changes and saves it.
            await using var shared = conversationLock is null ? null : await conversationLock.AcquireAsync(turn.ConversationId, cancellationToken).ConfigureAwait(false);
            result = await HandleLockedAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        var latency = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        PainBotTelemetry.TurnCompleted(span, turn, result, latency);
        foreach (var observer in _observers)
        {
            observer.OnTurn(turn, result, latency);
        }

        return result;
    }

    private async Task<TurnResult> HandleLockedAsync(UserTurn turn, CancellationToken cancellationToken)
    {
        // One snapshot for the whole turn: never new rules with old passages.
        var snapshot = content.Current;
        var state = await conversations.GetOrCreateAsync(turn.ConversationId, turn.Audience, cancellationToken).ConfigureAwait(false);
        state.Audience = turn.Audience;
        TurnResult result;
        var text = MessageText.Clean(turn.Text, _options.MaxMessageCharacters, out var truncated);
        LogTurn(turn.Channel, text.Length);

        var hasWords = MessageText.HasWords(text);
        var vector = hasWords ? Encode(snapshot, text) : null;
        // The assistant's own commands ("I'm safe now, let's continue", "start over") are read by the rules, not
        // by the learned screen, which needs the vector: a suggestion the bot offers must do what it says.
        var command = hasWords ? CommandRecognizer.Recognize(text) : Command.None;
        var isCommand = command != Command.None;
        var safety = hasWords ? PainBotTelemetry.Triage(() => snapshot.Triage.Assess(text, turn.Audience, isCommand ? null : vector, isCommand ? null : state.LastMessageVector)) : SafetyAssessment.None;

        // The next message is read with this one, unless this one was already escalated (the person has the
        // number; "I'm safe now" must not be read back into the crisis).
        state.LastMessageVector = safety.StopsAnswering ? null : vector ?? state.LastMessageVector;
        var context = new TurnContext(turn, text, vector, snapshot, state, safety, command);
        if (safety.StopsAnswering)
        {
            result = Escalate(context);
        }
        else
        {
            result = await AnswerAsync(context, cancellationToken).ConfigureAwait(false);
            if (safety.Uncertain && safety.Response is not null)
            {
                // The learned screen finds a crisis or emergency possible: ask directly first, then answer.
                var checkIn = new BotReply(safety.Response, ReplyKind.Escalation, [], [], safety.Level);
                result = result with { Replies = [checkIn, .. result.Replies] };
            }

            if (truncated && result.Replies.Count > 0)
            {
                result = result with { Replies = [.. result.Replies, new BotReply(Render(snapshot.Texts, ResponseKeys.LongMessage), ReplyKind.Command, [], [])] };
            }
        }

        // A question about warning signs is answered (with the escalation line), not escalated: it is reported as such.
        if (safety.Informational)
        {
            result = result with { Safety = SafetyAssessment.None };
        }

        state.Turns++;
        if (result.Disclaimer)
        {
            state.DisclaimerShown = true;
        }

        if (!_forgotten.TryRemove(turn.ConversationId, out _))
        {
            await conversations.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    // Conversations cleared by "forget me" during the current turn: their state must not be saved again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _forgotten = new(StringComparer.Ordinal);

    private TurnResult Escalate(TurnContext context)
    {
        var (state, safety) = (context.State, context.Safety);
        LogEscalation(safety.Level, string.Join(",", safety.RuleIds));
        if (safety.Level > state.HighestEscalation)
        {
            state.HighestEscalation = safety.Level;
        }

        // A guide in progress is paused, not lost: the person can come back to it once safe.
        var suggestions = safety.Level >= SafetyLevel.Crisis ? (IReadOnlyList<string>)[SafeNowSuggestion, HandoffSuggestion] : [HandoffSuggestion];
        var reply = new BotReply(safety.Response ?? string.Empty, ReplyKind.Escalation, [], suggestions, safety.Level);
        return new TurnResult([reply], safety, ScopeVerdict.In, [], 1.0, false, false, suggestions);
    }

    private async Task<TurnResult> AnswerAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var (state, text, safety) = (context.State, context.Text, context.Safety);
        var starters = context.Content.Policy.StarterSuggestions;
        if (!MessageText.HasWords(text))
        {
            return Simple(context, ReplyKind.Clarification, ResponseKeys.EmptyMessage, starters);
        }

        switch (context.Command)
        {
            case Command.Help:
                return Simple(context, ReplyKind.Command, ResponseKeys.Help, starters);
            case Command.StartOver:
                ResetState(state);
                return Simple(context, ReplyKind.Command, ResponseKeys.StartOver, starters);
            case Command.Handoff:
                return Simple(context, ReplyKind.Command, ResponseKeys.Handoff, [], handoff: true);
            case Command.ForgetMe:
                await conversations.DeleteAsync(state.Id, cancellationToken).ConfigureAwait(false);
                _forgotten[state.Id] = 0;
                ResetState(state);
                return Simple(context, ReplyKind.Command, ResponseKeys.ForgetMe, starters) with { Forgotten = true };
            case Command.Feedback:
                return Simple(context, ReplyKind.Command, ResponseKeys.FeedbackThanks, []);
            case Command.Leave when state.Guide is not null:
                state.Guide = null;
                return Simple(context, ReplyKind.Command, ResponseKeys.GuideLeft, starters);
            case Command.StartPainPlan:
                return GuideResult(context, Guide(context).Start(state, Guides.PainPlan));
            case Command.StartProviderQuestions:
                return GuideResult(context, Guide(context).Start(state, Guides.ProviderQuestions));
            case Command.SafeNow:
                // The crisis reply's suggestion: acknowledge, keep the crisis line in view, then go back to a
                // paused guide where there is one.
                var safe = Simple(context, ReplyKind.Command, ResponseKeys.SafeNow, state.Guide is null ? starters : []);
                return state.Guide is null
                    ? safe
                    : safe with { Replies = [.. safe.Replies, new BotReply(Guide(context).CurrentPrompt(state.Guide), ReplyKind.Guide, [], [])] };
        }

        var verdict = PainBotTelemetry.Scope(() => context.Content.Scope.Assess(text));

        // The learned screen reads messages on their own; a short follow-up ("and app-based versions?") means
        // something only with the subject in play, so only the rules judge it.
        if (verdict.RuleId?.StartsWith("screen:", StringComparison.Ordinal) == true && state.LastTopic is not null
            && (FollowUp.NeedsContext(text) || FollowUp.IsFragment(text)))
        {
            verdict = ScopeAssessment.In;
        }

        if (verdict.Verdict != ScopeVerdict.In)
        {
            var key = verdict.Verdict switch
            {
                ScopeVerdict.Injection => ResponseKeys.RefuseInjection,
                ScopeVerdict.Clinician => ResponseKeys.RedirectClinician,
                ScopeVerdict.Privacy => ResponseKeys.DeclinePrivacy,
                _ => ResponseKeys.DeclineOutOfScope,
            };
            return Simple(context, ReplyKind.Declined, key, starters) with { Scope = verdict.Verdict };
        }

        if (state.Guide is not null)
        {
            // A question in the middle of a guide is answered, then the step is asked again.
            if (!text.TrimEnd().EndsWith('?'))
            {
                return GuideResult(context, Guide(context).Next(state, text));
            }

            var answered = await RetrieveAndComposeAsync(context, text, cancellationToken).ConfigureAwait(false);
            var prompt = new BotReply(Guide(context).CurrentPrompt(state.Guide), ReplyKind.Guide, [], []);
            return answered with { Replies = [.. answered.Replies, prompt] };
        }

        if (FollowUp.IsMore(text))
        {
            return await MoreAsync(context, cancellationToken).ConfigureAwait(false);
        }

        if (Language.LooksSpanish(text))
        {
            return Simple(context, ReplyKind.Clarification, ResponseKeys.EnglishOnly, starters);
        }

        var query = text;
        string? topic = null;
        string? subject = null;
        // "Going back to what you said before" with nothing named: the subject before the last one.
        var inPlay = FollowUp.IsReturn(text) && !NamesAnotherTherapy(context, text) && state.EarlierTopics.Count > 0 ? state.EarlierTopics[0] : state.LastTopic;
        if (!FollowUp.IsSwitch(text) && (FollowUp.NeedsContext(text) || inPlay != state.LastTopic) && !NamesAnotherTherapy(context, text))
        {
            if (inPlay is not null && context.Search.TopicLabels.TryGetValue(inPlay, out var label))
            {
                query = FollowUp.Resolve(text, label);
                subject = inPlay;
                topic = label;
            }
            else if (!FollowUp.HasSubject(text))
            {
                // "Is it safe?" with nothing before it: ask rather than guess what "it" is.
                return Simple(context, ReplyKind.Clarification, ResponseKeys.ClarifySubject, context.Content.Policy.ClarifySubjectSuggestions);
            }
        }

        // "even on bad days?", "gentler kind then?": a short fragment the content does not cover on its own is read
        // with the subject in play before the person is told it is not covered (and only then recorded as such).
        var inPlayLabel = subject is null && state.LastTopic is not null && FollowUp.IsFragment(text) && context.Search.TopicLabels.TryGetValue(state.LastTopic, out var l) ? l : null;
        var answer = await RetrieveAndComposeAsync(context, query, cancellationToken, topic, subject, record: inPlayLabel is null).ConfigureAwait(false);
        return inPlayLabel is not null && answer.Replies is [{ Kind: ReplyKind.NotCovered }]
            ? await RetrieveAndComposeAsync(context, FollowUp.Resolve(text, inPlayLabel), cancellationToken, inPlayLabel, state.LastTopic).ConfigureAwait(false)
            : answer;
    }

    /// <summary>
    /// The facet-aware order: a passage whose title is about a facet the question asks for ("Does insurance pay for
    /// acupuncture?" for "is acupuncture covered") moves up. (Moving down the passages about a facet not asked for
    /// was tried and dropped: it sank "How do I find a good yoga teacher?", whose cost section answered.)
    /// </summary>
    private static SearchResult Rerank(SearchResult found, TurnContext context, string? subject = null)
    {
        if (found.Hits.Count < 2)
        {
            return found;
        }

        var policy = context.Content.Policy;
        var asked = context.Facets;
        var step = found.Hits[0].Score * FacetRerankShare;
        var hits = found.Hits.Select(h =>
        {
            var title = FacetDefinition.Padded(h.Passage.Title);
            var about = policy.Facets.Where(f => f.Value.Elsewhere is not null && FacetDefinition.Mentions(title, f.Value.Asks)).Select(f => f.Key).ToList();
            // A follow-up is about the subject in play: "any side effects?" after acupuncture wants acupuncture's.
            var lift = (about.Any(asked.Contains) ? step : 0) + (h.Passage.Topic == subject ? step * SubjectLift : 0);
            return lift > 0 ? h with { Score = h.Score + lift } : h;
        }).OrderByDescending(h => h.Score).ToList();
        return found with { Hits = hits };
    }

    /// <summary>
    /// "Will my insurance pay for yoga classes?": when the question asks for a facet that another topic covers
    /// (cost: insurance) and neither the best passage's sections nor the first hits cover it, the best passage
    /// on that topic from a wider search joins the hits second, for the composer to add its answering section.
    /// </summary>
    private static SearchResult WithFacetTopic(SearchResult found, TurnContext context, string query, float[]? vector)
    {
        if (found.Hits.Count == 0)
        {
            return found;
        }

        var policy = context.Content.Policy;
        var top = found.Hits[0].Passage;
        foreach (var name in context.Facets)
        {
            var facet = policy.Facets[name];
            if (facet.Elsewhere is not { } elsewhere || found.Hits.Take(3).Any(h => h.Passage.Topic == elsewhere)
                || PassageSections.Of(top.Body).Any(s => FacetDefinition.Mentions(s.Cue, facet.AnsweredBy)))
            {
                continue;
            }

            var wider = context.Search.Search(new SearchRequest(query, context.State.Audience, FacetSearchDepth) { Vector = vector });
            if (wider.Hits.FirstOrDefault(h => h.Passage.Topic == elsewhere) is { } extra)
            {
                return found with { Hits = [found.Hits[0], extra with { Score = found.Hits[0].Score * FacetTopicShare }, .. found.Hits.Skip(1).Where(h => h.Passage.Id != extra.Passage.Id)] };
            }
        }

        return found;
    }

    /// <summary>
    /// "How many acupuncture sessions?" after a question on tai chi names its own subject: it is read on its own.
    /// A condition or a facet named in a follow-up ("what about for migraines?", "any risks?") keeps the therapy in play.
    /// </summary>
    private static bool NamesAnotherTherapy(TurnContext context, string text)
    {
        var stems = Words.ContentStems(text);
        return context.Search.TopicLabels.Keys.Any(t => t != context.State.LastTopic && TopicNames.IsTherapy(t) && TopicNames.SubjectWords(t).Any(stems.Contains));
    }

    private async Task<TurnResult> RetrieveAndComposeAsync(TurnContext context, string query, CancellationToken cancellationToken, string? topic = null, string? subject = null, bool record = true)
    {
        var (state, safety, search) = (context.State, context.Safety, context.Search);

        // The turn's vector is the message's: for a follow-up the search adds the topic's name to it by meaning.
        var vector = topic is not null || string.Equals(query, context.Text, StringComparison.Ordinal) ? context.Vector : null;
        var found = PainBotTelemetry.Retrieval(() => WithFacetTopic(Rerank(search.Search(new SearchRequest(query, state.Audience, 6) { Topic = topic, Vector = vector }), context, subject), context, query, vector));
        if (found.Hits.Count == 0 || found.Confidence < _options.AnswerThreshold)
        {
            return NotCovered(context, query, found, record);
        }

        // A very short message whose best passages split across topics gets one clarifying question.
        if (Words.ContentStems(query).Count <= 1 && found.Hits.Count > 1 && found.Hits[0].Passage.Topic != found.Hits[1].Passage.Topic
            && found.Hits[0].Score - found.Hits[1].Score < 0.03 && search.TopicLabels.TryGetValue(found.Hits[0].Passage.Topic, out var a)
            && search.TopicLabels.TryGetValue(found.Hits[1].Passage.Topic, out var b))
        {
            var ask = new BotReply(Render(context.Content.Texts, ResponseKeys.Clarify, new() { ["options"] = $"**{a}** or **{b}**" }), ReplyKind.Clarification, [], [a, b]);
            return new TurnResult([ask], safety, ScopeVerdict.In, [], found.Confidence, false, false, ask.Suggestions);
        }

        return await ComposeAsync(context, query, found.Hits, found.Confidence, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TurnResult> ComposeAsync(TurnContext context, string query, IReadOnlyList<SearchHit> hits, double confidence, CancellationToken cancellationToken)
    {
        var (state, safety) = (context.State, context.Safety);
        var maxWords = state.Audience == Audience.Staff ? _options.StaffAnswerWords : _options.PatientAnswerWords;
        // The facets come from the person's own words ("how much is it?" asks for cost whatever "it" is).
        var policy = context.Content.Policy;
        var request = new ComposeRequest(query, state.Audience, hits, maxWords) { Facets = context.Facets.ToDictionary(f => f, f => policy.Facets[f]) };
        ComposedAnswer answer;
        try
        {
            answer = await PainBotTelemetry.ComposeAsync(() => composer.ComposeAsync(request, cancellationToken), hits.Count).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogComposerFailed(ex.GetType().Name);
            answer = ExtractiveComposer.Compose(request) with { Fallback = "composer_error" };
        }

        var cited = answer.Citations.Select(c => hits.First(h => h.Passage.Id == c.PassageId)).ToList();
        var topic = hits[0].Passage.Topic;
        Remember(context, topic, request.Facets.Values);
        state.LastPassageIds = [.. hits.Select(h => h.Passage.Id)];
        foreach (var c in answer.Citations)
        {
            state.ShownPassageIds.Add(c.PassageId);
        }

        var parts = new List<string>();
        if (safety.Level == SafetyLevel.MedSafety && safety.Response is not null)
        {
            parts.Add(safety.Response);
        }

        parts.Add(answer.Markdown);
        var elsewhere = Elsewhere(context, answer, topic);
        if (elsewhere is not null)
        {
            parts.Add(Render(context.Content.Texts, ResponseKeys.FacetElsewhere, new() { ["facet"] = elsewhere.Value.Facet, ["topic"] = elsewhere.Value.Label }));
        }

        if (safety.Informational && safety.Response is not null)
        {
            parts.Add(safety.Response);
        }

        parts.Add(ExtractiveComposer.SourceList(answer.Citations));
        var disclaimer = !state.DisclaimerShown || safety.Level == SafetyLevel.MedSafety || context.Content.Policy.AlwaysDisclaims(topic);
        if (disclaimer)
        {
            parts.Add("_" + Render(context.Content.Texts, ResponseKeys.Disclaimer) + "_");
        }

        var suggestions = elsewhere is null ? Suggestions(context, hits) : [elsewhere.Value.Label, .. Suggestions(context, hits).Take(2)];
        var level = safety.Level == SafetyLevel.MedSafety ? SafetyLevel.MedSafety : SafetyLevel.None;
        var reply = new BotReply(string.Join("\n\n", parts), ReplyKind.Answer, answer.Citations, suggestions, level);
        return new TurnResult([reply], safety, ScopeVerdict.In, cited, confidence, disclaimer, false, suggestions) { Composer = answer.Composer, Fallback = answer.Fallback };
    }

    /// <summary>
    /// Keeps the subject in play: the answer's topic becomes the last topic (the one before it moves to the earlier
    /// ones), except that a facet's own topic (insurance for "how much is it?") does not replace the subject the
    /// person is asking about.
    /// </summary>
    private static void Remember(TurnContext context, string topic, IEnumerable<FacetDefinition> facets)
    {
        var state = context.State;
        if (topic == state.LastTopic || (state.LastTopic is not null && facets.Any(f => f.Elsewhere == topic)))
        {
            return;
        }

        if (state.LastTopic is not null)
        {
            state.EarlierTopics.Remove(state.LastTopic);
            state.EarlierTopics.Insert(0, state.LastTopic);
            if (state.EarlierTopics.Count > MaxEarlierTopics)
            {
                state.EarlierTopics.RemoveAt(MaxEarlierTopics);
            }
        }

        state.EarlierTopics.Remove(topic);
        state.LastTopic = topic;
    }

    /// <summary>The first facet asked for that the answer does not cover, with the label of the topic that does.</summary>
    private static (string Facet, string Label)? Elsewhere(TurnContext context, ComposedAnswer answer, string topic)
    {
        foreach (var name in answer.UnansweredFacets)
        {
            var facet = context.Content.Policy.Facets[name];
            if (facet.Elsewhere != topic && answer.Citations.All(c => c.Topic != facet.Elsewhere) && context.Search.TopicLabels.TryGetValue(facet.Elsewhere!, out var label))
            {
                return (facet.Name!, label);
            }
        }

        return null;
    }

    private async Task<TurnResult> MoreAsync(TurnContext context, CancellationToken cancellationToken)
    {
        // Same subject first: unseen passages of the last topic (those the last search found lead), then the
        // rest of what the last search found.
        var (state, safety) = (context.State, context.Safety);
        var passages = context.Search.Passages;
        bool Unseen(string id) => !state.ShownPassageIds.Contains(id) && passages.TryGetValue(id, out var p) && p.Audience.IsVisibleTo(state.Audience);
        var lastFound = state.LastPassageIds.Where(Unseen).ToList();
        var remaining = lastFound.Where(id => passages[id].Topic == state.LastTopic)
            .Concat(passages.Values.Where(p => p.Topic == state.LastTopic).Select(p => p.Id).Where(Unseen))
            .Concat(lastFound)
            .Distinct()
            .ToList();

        if (remaining.Count == 0)
        {
            return Simple(context, ReplyKind.Clarification, ResponseKeys.ClarifySubject, context.Content.Policy.StarterSuggestions);
        }

        var hits = remaining.Take(2).Select((id, i) => new SearchHit(passages[id], 1.0 - (i * 0.01))).ToList();
        return await ComposeAsync(context, hits[0].Passage.Title, hits, 1.0, cancellationToken).ConfigureAwait(false);
    }

    private TurnResult NotCovered(TurnContext context, string query, SearchResult found, bool record = true)
    {
        var channel = context.Turn.Channel;
        if (record)
        {
            unanswered.Record(Redactor.Redact(query), context.Turn, found.Confidence);
            LogNotCovered(channel, found.Confidence);
        }

        var labels = context.Search.TopicLabels;
        var related = found.Hits.Select(h => h.Passage.Topic).Distinct()
            .Select(t => labels.TryGetValue(t, out var l) ? l : null).OfType<string>().Take(3).ToList();
        var suggestions = related.Count > 0 ? related.Append(HandoffSuggestion).ToList() : [HandoffSuggestion, .. context.Content.Policy.StarterSuggestions.Take(2)];
        var reply = new BotReply(Render(context.Content.Texts, ResponseKeys.NotCovered), ReplyKind.NotCovered, [], suggestions);
        return new TurnResult([reply], context.Safety, ScopeVerdict.In, [], found.Confidence, false, false, suggestions);
    }

    private static List<string> Suggestions(TurnContext context, IReadOnlyList<SearchHit> hits)
    {
        var state = context.State;
        var passages = context.Search.Passages;
        var top = hits[0].Passage;
        var sameTopic = passages.Values.Where(p => p.Topic == top.Topic && p.Id != top.Id && !state.ShownPassageIds.Contains(p.Id) && p.Audience.IsVisibleTo(state.Audience));
        var related = top.Related.SelectMany(r => passages.Values.Where(p => p.Topic == r && p.Audience.IsVisibleTo(state.Audience)).Take(1));
        return [.. sameTopic.Take(2).Concat(related).Select(p => p.Title).Distinct().Take(3)];
    }

    private TurnResult Simple(TurnContext context, ReplyKind kind, string key, IReadOnlyList<string> suggestions, bool handoff = false)
    {
        var reply = new BotReply(Render(context.Content.Texts, key), kind, [], suggestions);
        return new TurnResult([reply], context.Safety, ScopeVerdict.In, [], 0, false, handoff, suggestions);
    }

    private TurnResult GuideResult(TurnContext context, BotReply reply)
    {
        var passages = context.Search.Passages;
        var sources = reply.Citations.Where(c => passages.ContainsKey(c.PassageId)).Select(c => new SearchHit(passages[c.PassageId], 1.0)).ToList();
        var disclaimer = sources.Count > 0;
        var shown = disclaimer ? reply with { Markdown = reply.Markdown + "\n\n_" + Render(context.Content.Texts, ResponseKeys.Disclaimer) + "_" } : reply;
        return new([shown], context.Safety, ScopeVerdict.In, sources, sources.Count > 0 ? 1.0 : 0, disclaimer, false, reply.Suggestions);
    }

    private static Guides Guide(TurnContext context) => new(context.Search, context.Content.Policy);

    private static float[]? Encode(ClinicContent snapshot, string text)
    {
        try
        {
            return snapshot.Encoder?.Encode(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Without a vector the rules still run and the search falls back to its words.
            return null;
        }
    }

    private string Render(ResponseTexts texts, string key, Dictionary<string, string>? extra = null)
    {
        if (extra is null)
        {
            return texts.Render(key, _placeholders);
        }

        var values = new Dictionary<string, string>(_placeholders, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in extra)
        {
            values[k] = v;
        }

        return texts.Render(key, values);
    }

    private static void ResetState(ConversationState state)
    {
        state.LastMessageVector = null;
        state.Guide = null;
        state.LastTopic = null;
        state.EarlierTopics.Clear();
        state.LastPassageIds = [];
        state.ShownPassageIds.Clear();
    }

    // The person's words are never logged; only lengths, levels and rule ids.
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Turn on {Channel}, {Length} characters")]
    private partial void LogTurn(string channel, int length);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Escalation {Level} fired: {Rules}")]
    private partial void LogEscalation(SafetyLevel level, string rules);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Nothing in the content covers a question on {Channel} (confidence {Confidence:0.00})")]
    private partial void LogNotCovered(string channel, double confidence);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Answer composer failed ({Error}); the extractive answer was used")]
    private partial void LogComposerFailed(string error);
}
