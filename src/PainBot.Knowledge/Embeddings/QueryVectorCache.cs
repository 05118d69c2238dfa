namespace PainBot.Knowledge.Embeddings;

/// <summary>
/// A small least-recently-used cache of question vectors keyed by the exact question text. Thread-safe; a miss
/// computes outside the lock, so a slow embedding never blocks other searches.
/// </summary>
public sealed class QueryVectorCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Entries held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _map.Count;
            }
        }
    }

    public float[] GetOrAdd(string text, Func<string, float[]> embed)
    {
        if (capacity <= 0)
        {
            return embed(text);
        }

        lock (_gate)
        {
            if (_map.TryGetValue(text, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                return hit.Value.Vector;
            }
        }

        var vector = embed(text);
        lock (_gate)
        {
            if (!_map.ContainsKey(text))
            {
                _map[text] = _order.AddFirst((text, vector));
                if (_map.Count > capacity)
                {
                    _map.Remove(_order.Last!.Value.Key);
                    _order.RemoveLast();
                }
            }
        }

        return vector;
    }
}
