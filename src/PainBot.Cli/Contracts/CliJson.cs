using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>The JSON settings of every contract line: compact, one object per line, non-ASCII kept readable.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InputLine))]
[JsonSerializable(typeof(SearchOutputLine))]
[JsonSerializable(typeof(AskOutputLine))]
[JsonSerializable(typeof(EvalRetrievalLine))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Options with relaxed escaping so accents and quotes stay readable (still valid JSON).</summary>
    public static CliJson Relaxed { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
