namespace PainBot.Analytics.Tests.Storage;

/// <summary>The store contract on a SQLite file.</summary>
public sealed class SqliteStoreTests : StoreContractTests
{
    protected override bool Postgres => false;
}
