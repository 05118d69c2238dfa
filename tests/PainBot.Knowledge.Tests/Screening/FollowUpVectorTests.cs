using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests.Screening;

public class FollowUpVectorTests
{
    [Fact]
    public void FollowUp_WithTopic_EmbedsTheMessageOnce_AndTheTopicNameOnceForAll()
    {
        var embedder = new HashingEmbedder();
        using var service = Services.Knowledge(Path.Combine(Services.RepoRoot(), "knowledge"), embedder, queryCacheSize: 0);
        service.Load();
        var label = service.TopicLabels.Values.First();
        var before = embedder.TextsEmbedded;

        // As a turn runs: the crisis screen embeds the message, then the search gets it resolved with the topic.
        foreach (var message in new[] { "is it safe?", "how long does it take to work?" })
        {
            service.QuestionVector(message);
            var found = service.Search(new PainBot.Core.Knowledge.SearchRequest(message + " " + label) { Topic = label });
            Assert.NotEmpty(found.Hits);
        }

        Assert.Equal(before + 3, embedder.TextsEmbedded); // two messages, one topic name

        // A topic that is not one of the content's names is not cached: the joined text is embedded as it is.
        service.Search(new PainBot.Core.Knowledge.SearchRequest("is it safe? something else") { Topic = "something else" });
        Assert.Equal(before + 4, embedder.TextsEmbedded);
    }
}
