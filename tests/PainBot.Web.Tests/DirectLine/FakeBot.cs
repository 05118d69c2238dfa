using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;

namespace PainBot.Web.Tests.DirectLine;

/// <summary>A bot that greets, answers every message with one reply, and fails on the text "fail".</summary>
public sealed class FakeBot : IDirectLineBot
{
    public Task<IReadOnlyList<Activity>> OnConversationStartedAsync(Activity conversationUpdate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Activity>>([new Activity { Type = ActivityTypes.Message, Text = "welcome" }]);

    public Task<IReadOnlyList<Activity>> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Text == "fail")
        {
            throw new InvalidOperationException("The bot failed on purpose.");
        }

        return Task.FromResult<IReadOnlyList<Activity>>([new Activity { Type = ActivityTypes.Message, Text = "reply to " + activity.Text }]);
    }
}
