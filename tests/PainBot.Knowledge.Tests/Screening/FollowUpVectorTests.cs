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

        // As a turn runs: the message is embedded once, then the search gets it with the topic it was resolved with.
        foreach (var message in new[] { "is it safe?", "how long does it take to work?" })
        {
            var vector = service.QuestionVector(message);
            var found = service.Search(new PainBot.Core.Knowledge.SearchRequest(message + " " + label) { Topic = label, Vector = vector });
            Assert.NotEmpty(found.Hits);
        }

        Assert.Equal(before + 3, embedder.TextsEmbedded); // two messages, one topic name

        // A topic that is not one of the content's names is not embedded or cached: the message's vector is used as it is.
        var other = service.QuestionVector("is it safe? something else");
        service.Search(new PainBot.Core.Knowledge.SearchRequest("is it safe? something else") { Topic = "something else", Vector = other });
        Assert.Equal(before + 4, embedder.TextsEmbedded);
    }
}
