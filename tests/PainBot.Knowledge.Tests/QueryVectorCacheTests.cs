using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Tests;

public sealed class QueryVectorCacheTests
{
    [Fact]
    public void GetOrAdd_SameText_EmbedsOnce()
    {
        var cache = new QueryVectorCache(4);
        var calls = 0;

        var a = cache.GetOrAdd("is yoga safe", _ => { calls++; return [1f]; });
        var b = cache.GetOrAdd("is yoga safe", _ => { calls++; return [2f]; });

        Assert.Equal(1, calls);
        Assert.Same(a, b);
    }

    [Fact]
    public void GetOrAdd_BeyondCapacity_DropsTheLeastRecentlyUsed()
    {
        var cache = new QueryVectorCache(2);
        var calls = 0;
        float[] Embed(string _) { calls++; return [0f]; }

        cache.GetOrAdd("a", Embed);
        cache.GetOrAdd("b", Embed);
        cache.GetOrAdd("a", Embed);
        cache.GetOrAdd("c", Embed); // evicts b, the least recently used
        cache.GetOrAdd("a", Embed);
        cache.GetOrAdd("b", Embed);

        Assert.Equal(4, calls);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void GetOrAdd_ZeroCapacity_AlwaysEmbeds()
    {
        var cache = new QueryVectorCache(0);
        var calls = 0;

        cache.GetOrAdd("x", _ => { calls++; return [0f]; });
        cache.GetOrAdd("x", _ => { calls++; return [0f]; });

        Assert.Equal(2, calls);
        Assert.Equal(0, cache.Count);
    }
}
