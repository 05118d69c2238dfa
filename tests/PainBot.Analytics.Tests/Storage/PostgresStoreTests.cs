namespace PainBot.Analytics.Tests.Storage;

/// <summary>The store contract on PostgreSQL (a fresh schema per test; skipped locally without the server, a failure under CI).</summary>
public sealed class PostgresStoreTests : StoreContractTests
{
    protected override bool Postgres => true;
}
