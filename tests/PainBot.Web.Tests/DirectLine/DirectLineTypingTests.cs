using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PainBot.Core.Composition;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.Operations;

namespace PainBot.Web.Tests.DirectLine;

/// <summary>With a language model composing, the visitor sees typing while the answer is on its way, then the answer.</summary>
public sealed class DirectLineTypingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Post_ModelComposing_TypingStoredBeforeTheAnswer()
    {
        var composer = new BlockingModelComposer();
        await using var app = new OperationsApp(
            new Dictionary<string, string?> { ["DirectLine:Secret"] = DirectLineApplication.Secret, ["Dialog:AnswerThreshold"] = "0" },
            services =>
            {
                services.RemoveAll<IAnswerComposer>();
                services.AddSingleton<IAnswerComposer>(composer);
            });
        var client = new DirectLineClient(app.ClientFrom("10.0.0.1"));
        var conversation = await client.StartAsync(DirectLineApplication.Secret);
        composer.Hold();

        var posting = client.PostAsync(conversation.ConversationId!, conversation.Token!, "Does acupuncture help back pain?", "c-typing");
        await composer.FirstEntered.Task.WaitAsync(Patience);
        var (during, _) = await client.GetActivitiesAsync(conversation.ConversationId!, conversation.Token!, null);
        composer.Release();
        await posting.WaitAsync(Patience);
        var (after, _) = await client.GetActivitiesAsync(conversation.ConversationId!, conversation.Token!, null);

        var typing = Assert.Single(during.Activities, a => a.Type == "typing");
        Assert.Equal("bot", typing.From?.Role);
        Assert.DoesNotContain(during.Activities, a => a.Type == "message" && a.From?.Role == "bot" && a.ReplyToId is not null);
        var order = after.Activities.Select(a => a.Type + ":" + a.From?.Role).ToList();
        Assert.True(order.IndexOf("typing:bot") < order.LastIndexOf("message:bot"), string.Join(", ", order));
    }
}
