using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Web.State;

/// <summary>
/// <see cref="ConversationState"/> as stored in Redis (encrypted). Every property of the state has a field here;
/// a test fails when one is added to the state and not here.
/// </summary>
internal sealed record StoredConversation(
    string Id,
    Audience Audience,
    int Turns,
    bool DisclaimerShown,
    string? LastTopic,
    List<string> EarlierTopics,
    List<string> LastPassageIds,
    List<string> ShownPassageIds,
    StoredGuide? Guide,
    float[]? LastMessageVector,
    SafetyLevel HighestEscalation,
    DateTimeOffset LastSeen)
{
    public static StoredConversation From(ConversationState state) => new(
        state.Id,
        state.Audience,
        state.Turns,
        state.DisclaimerShown,
        state.LastTopic,
        [.. state.EarlierTopics],
        [.. state.LastPassageIds],
        [.. state.ShownPassageIds],
        state.Guide is null ? null : new StoredGuide(state.Guide.Name, state.Guide.Step, new Dictionary<string, string>(state.Guide.Answers, StringComparer.Ordinal)),
        state.LastMessageVector,
        state.HighestEscalation,
        state.LastSeen);

    public ConversationState ToState()
    {
        var state = new ConversationState(Id, Audience)
        {
            Turns = Turns,
            DisclaimerShown = DisclaimerShown,
            LastTopic = LastTopic,
            LastPassageIds = LastPassageIds,
            LastMessageVector = LastMessageVector,
            HighestEscalation = HighestEscalation,
            LastSeen = LastSeen,
        };
        state.EarlierTopics.AddRange(EarlierTopics);
        state.ShownPassageIds.UnionWith(ShownPassageIds);
        if (Guide is not null)
        {
            state.Guide = new GuideState(Guide.Name) { Step = Guide.Step };
            foreach (var (key, value) in Guide.Answers)
            {
                state.Guide.Answers[key] = value;
            }
        }

        return state;
    }
}
