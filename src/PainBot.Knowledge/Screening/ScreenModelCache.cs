using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;

namespace PainBot.Knowledge.Screening;

/// <summary>
/// Where a learned screen's trained model is kept: <c>{cache}/{prefix}-{hash}.zip</c>, keyed by a hash of its
/// training data. One training per file at a time in this process (others wait and load what it saved), written
/// atomically, and the screen's older models deleted when a new one is saved.
/// </summary>
internal static class ScreenModelCache
{
    private static readonly ConcurrentDictionary<string, object> Building = new(StringComparer.Ordinal);

    /// <summary>A short hash of the recipe, the encoder and every training line.</summary>
    public static string Hash(string recipe, string modelId, IEnumerable<string> lines)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(recipe + "\n" + modelId + "\n"));
        foreach (var line in lines)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>The cached model, or one trained by <paramref name="train"/> and cached; <paramref name="log"/> says which.</summary>
    public static ITransformer LoadOrTrain(MLContext ml, string? cacheFolder, string prefix, string hash, Func<(ITransformer Model, DataViewSchema Schema)> train, Action<string> log)
    {
        var path = string.IsNullOrWhiteSpace(cacheFolder) ? null : Path.Combine(cacheFolder, $"{prefix}-{hash}.zip");
        lock (Building.GetOrAdd(path ?? string.Empty, _ => new object()))
        {
            if (path is not null && File.Exists(path))
            {
                try
                {
                    var cached = ml.Model.Load(path, out _);
                    log("loaded from the cache");
                    return cached;
                }
                catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or FormatException)
                {
                    log("cache unreadable, trained again");
                }
            }

            var (model, schema) = train();
            if (path is not null)
            {
                Directory.CreateDirectory(cacheFolder!);
                var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
                ml.Model.Save(model, schema, temporary);
                File.Move(temporary, path, overwrite: true);

                // Models of earlier banks are never loaded again.
                foreach (var stale in Directory.EnumerateFiles(cacheFolder!, prefix + "-*.zip").Where(f => f != path))
                {
                    File.Delete(stale);
                }
            }

            log("trained");
            return model;
        }
    }
}
