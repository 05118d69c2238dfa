using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>The Bot Framework web tests share one fixture: starting a host indexes the knowledge.</summary>
[CollectionDefinition(Name)]
public sealed class BotFrameworkTestGroup : ICollectionFixture<BotFrameworkFixture>
{
    public const string Name = "BotFramework";
}
