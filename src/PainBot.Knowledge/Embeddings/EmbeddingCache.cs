using System.Security.Cryptography;
using System.Text;

namespace PainBot.Knowledge.Embeddings;

/// <summary>
/// Passage vectors on disk, keyed by a hash of the model id and the exact text embedded, so a restart with
/// unchanged knowledge computes nothing. One binary file per model; written to a temporary file and renamed,
/// so a crash never leaves a torn cache. A corrupt file is ignored (and rebuilt), never trusted.
/// </summary>
public sealed class EmbeddingCache
{
    private const int Magic = 0x50424543; // "PBEC"
    private const int Version = 1;
    private readonly string? _file;
    private readonly int _dimensions;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _dirty;

    /// <param name="folder">Cache folder; null or empty keeps vectors in memory only.</param>
    /// <param name="modelId">The model the vectors come from (part of the file name).</param>
    /// <param name="dimensions">The vectors' length.</param>
    /// <param name="set">Which texts the file holds: each user keeps its own file, because saving keeps only the texts of its own last build.</param>
    public EmbeddingCache(string? folder, string modelId, int dimensions, string set = "embeddings")
    {
        _dimensions = dimensions;
        ModelId = modelId;
        if (!string.IsNullOrWhiteSpace(folder))
        {
            _file = System.IO.Path.Combine(folder, $"{set}-{modelId}.bin");
            TryLoad();
        }
    }

    public string ModelId { get; }

    /// <summary>Vectors read from disk at start.</summary>
    public int LoadedCount { get; private set; }

    /// <summary>
    /// Vectors for the texts: cached ones as they are, the rest computed in one batch with <paramref name="embed"/>.
    /// </summary>
    /// <returns>The vectors and how many had to be computed.</returns>
    public (float[][] Vectors, int Computed) GetOrAdd(IReadOnlyList<string> texts, Func<IReadOnlyList<string>, float[][]> embed)
    {
        var keys = texts.Select(Key).ToArray();
        var result = new float[texts.Count][];
        var missing = new List<int>();
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (_vectors.TryGetValue(keys[i], out var v))
                {
                    result[i] = v;
                }
                else
                {
                    missing.Add(i);
                }
            }
        }

        if (missing.Count > 0)
        {
            var computed = embed([.. missing.Select(i => texts[i])]);
            lock (_gate)
            {
                for (var j = 0; j < missing.Count; j++)
                {
                    result[missing[j]] = computed[j];
                    _vectors[keys[missing[j]]] = computed[j];
                }

                _dirty = true;
            }
        }

        return (result, missing.Count);
    }

    /// <summary>Writes new vectors to disk, keeping only those in <paramref name="keep"/> texts so the file does not grow forever.</summary>
    public void Save(IEnumerable<string> keep)
    {
        if (_file is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_dirty)
            {
                return;
            }

            var keepKeys = keep.Select(Key).ToHashSet(StringComparer.Ordinal);
            var entries = _vectors.Where(kv => keepKeys.Contains(kv.Key)).ToList();
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_file)!);
            var temp = _file + "." + Environment.ProcessId + ".tmp";
            using (var stream = File.Create(temp))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(_dimensions);
                writer.Write(entries.Count);
                foreach (var (key, vector) in entries)
                {
                    writer.Write(Convert.FromHexString(key));
                    foreach (var f in vector)
                    {
                        writer.Write(f);
                    }
                }
            }

            File.Move(temp, _file, overwrite: true);
            _dirty = false;
        }
    }

    private string Key(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ModelId + "\n" + text)));

    private void TryLoad()
    {
        if (_file is null || !File.Exists(_file))
        {
            return;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(_file));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version || reader.ReadInt32() != _dimensions)
            {
                return;
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = Convert.ToHexString(reader.ReadBytes(32));
                var vector = new float[_dimensions];
                for (var d = 0; d < _dimensions; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                _vectors[key] = vector;
            }

            LoadedCount = count;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException)
        {
            // A torn or foreign file: start empty and let Save replace it.
            _vectors.Clear();
            LoadedCount = 0;
        }
    }
}
