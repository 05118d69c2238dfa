using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Generation.Prompts;

/// <summary>
/// Reads a prompt in Semantic Kernel's YAML format into a <see cref="PromptTemplateConfig"/>. The YAML is turned
/// into the equivalent JSON (plain scalars that look like numbers or booleans become numbers and booleans) and
/// read by <see cref="PromptTemplateConfig.FromJson(string)"/>, since the Microsoft.SemanticKernel.Yaml package
/// is not served here.
/// </summary>
public static class PromptFile
{
    /// <summary>Loads and checks one prompt file; the message names the file on any problem.</summary>
    public static PromptTemplateConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Prompt file not found: {path}", path);
        }

        try
        {
            var config = Parse(File.ReadAllText(path));
            if (string.IsNullOrWhiteSpace(config.Template))
            {
                throw new InvalidDataException("it has no template");
            }

            return config;
        }
        catch (Exception ex) when (ex is YamlException or System.Text.Json.JsonException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"Prompt file {path} is not a valid Semantic Kernel prompt: {ex.Message}", ex);
        }
    }

    /// <summary>Parses the text of a prompt file.</summary>
    public static PromptTemplateConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("expected one YAML mapping");
        }

        return PromptTemplateConfig.FromJson(ToJson(root)!.ToJsonString());
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? string.Empty, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(value);
    }
}
