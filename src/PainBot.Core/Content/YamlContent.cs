using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PainBot.Core.Content;

/// <summary>
/// Typed reading of the content's YAML files: a file becomes a record in one call (keys in snake_case, an
/// unknown key is an error, not ignored), and every object deriving from <see cref="YamlRecord"/> remembers the
/// line it started on, so the validation pass that follows can name file, line and key like the parser does.
/// </summary>
public static partial class YamlContent
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(inner => new LineRecorder(inner), s => s.InsteadOf<YamlDotNet.Serialization.NodeDeserializers.ObjectNodeDeserializer>())
        .Build();

    /// <summary>Reads <paramref name="yaml"/> as a <typeparamref name="T"/>.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="file">How errors name the file (usually its path relative to the knowledge folder).</param>
    /// <exception cref="ContentException">The text is not valid YAML, has an unknown key or a value of the wrong type; the message names file, line and key.</exception>
    public static T Read<T>(string yaml, string file)
        where T : class
    {
        try
        {
            return Deserializer.Deserialize<T>(yaml ?? string.Empty) ?? throw new ContentException($"{file}: the file is empty");
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the precise error (unknown key, bad value) in an outer one pointing at the parent.
            var inner = ex;
            while (inner.InnerException is YamlException deeper)
            {
                inner = deeper;
            }

            var reason = Explain(typeof(T), (inner.InnerException?.Message ?? inner.Message).Split('\n')[0]);
            var syntax = inner is SyntaxErrorException or SemanticErrorException || inner.InnerException is InvalidOperationException ? "not valid YAML: " : string.Empty;
            throw new ContentException($"{file}:{inner.Start.Line}: {syntax}{reason}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's parser gives up this way on some unterminated flow collections.
            throw new ContentException($"{file}: not valid YAML: the file could not be parsed (an unclosed [ or {{ ?)", ex);
        }
    }

    /// <summary>Reads the file at <paramref name="path"/>, named in errors as <paramref name="file"/>.</summary>
    /// <exception cref="ContentException">The file is missing or invalid.</exception>
    public static T ReadFile<T>(string path, string file)
        where T : class =>
        File.Exists(path) ? Read<T>(File.ReadAllText(path), file) : throw new ContentException($"{file}: the file does not exist");

    /// <summary>
    /// The line of each top-level key of <paramref name="yaml"/> written in block style (<c>key: value</c> at the
    /// start of a line), for messages about a value that is a plain string or list and so has no line of its own.
    /// </summary>
    public static IReadOnlyDictionary<string, int> KeyLines(string yaml)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in (yaml ?? string.Empty).Split('\n'))
        {
            number++;
            if (TopLevelKey().Match(line) is { Success: true } m)
            {
                lines.TryAdd(m.Groups[1].Value, number);
            }
        }

        return lines;
    }

    /// <summary>YamlDotNet's reason in the words of the file, without the C# types it was read into.</summary>
    private static string Explain(Type root, string reason)
    {
        reason = reason.StartsWith('(') && reason.Contains("): ", StringComparison.Ordinal) ? reason[(reason.IndexOf("): ", StringComparison.Ordinal) + 3)..] : reason;
        if (Reason().Match(reason) is not { Success: true } m)
        {
            return reason;
        }

        // A type (System.String, List`1[...], a record) or a parsing event (Scalar, SequenceStart, MappingStart).
        static string Kind(string type) =>
            type.Contains("List`", StringComparison.Ordinal) || type == "SequenceStart" ? "a list"
            : type.Contains("Dictionary`", StringComparison.Ordinal) || type == "MappingStart" || (!type.StartsWith("System.", StringComparison.Ordinal) && type != "Scalar") ? "a mapping of keys to values"
            : "a single value";
        return m.Groups["op"].Value switch
        {
            // Clinic staff read these: YamlDotNet's "Property 'x' not found on type 'Y'" names a C# type, not the file's words.
            "Property '" => $"unknown key '{m.Groups["a"].Value}'" + (root.Assembly.GetType(m.Groups["b"].Value) is { } type
                ? $" (allowed: {string.Join(", ", type.GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => UnderscoredNamingConvention.Instance.Apply(p.Name)))})"
                : string.Empty),
            "Operation is not valid" => "the file could not be parsed (an unclosed [ or { ?)",
            "No node deserializer" => $"expected {Kind(m.Groups["a"].Value)}",
            _ => $"expected {Kind(m.Groups["b"].Value)}, found {Kind(m.Groups["a"].Value)}",
        };
    }

    // The reasons YamlDotNet gives for an unknown key, a parser failure and a value of the wrong
    // shape (a list where a text belongs, a text where a mapping belongs...).
    [GeneratedRegex(
        @"^(?:(?<op>Property ')(?<a>[^']*)' not found on type '(?<b>[^']*)'|(?<op>Operation is not valid)|(?<op>No node deserializer).* into type (?<a>[^,]*)|(?<op>Invalid cast) from '(?<a>[^']*)' to '(?<b>[^']*)'|(?<op>Expected) '(?<b>\w+)', got '(?<a>\w+)')",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reason();

    [GeneratedRegex(@"^([A-Za-z0-9_]+)[ \t]*:", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelKey();

    private sealed class LineRecorder(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var line = reader.Current is ParsingEvent e ? (int)e.Start.Line : 0;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is YamlRecord record)
            {
                record.Line = line;
            }

            return true;
        }
    }
}

/// <summary>A record read from a content file; knows the line it started on.</summary>
public abstract class YamlRecord
{
    /// <summary>1-based line of the record in its file (0 when unknown).</summary>
    [YamlIgnore]
    public int Line { get; internal set; }
}

/// <summary>Collects every problem of a validation pass, then throws them together as one <see cref="ContentException"/>.</summary>
/// <param name="what">What is being read, for the message's first line ("The scope rules").</param>
public sealed class ContentErrors(string what)
{
    private readonly List<string> _problems = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Records a problem at <paramref name="file"/>:<paramref name="line"/>, about <paramref name="key"/> when given.</summary>
    public void Add(string file, int line, string? key, string problem) =>
        _problems.Add($"{(line > 0 ? $"{file}:{line}" : file)}: {(key is null ? string.Empty : $"'{key}': ")}{problem}");

    /// <summary>Records a problem that was thrown as a <see cref="ContentException"/> (a file that could not be read at all).</summary>
    public void Add(ContentException error) => _problems.Add(error?.Message ?? string.Empty);

    /// <summary>Throws when anything was recorded.</summary>
    /// <exception cref="ContentException">With every problem, one per line.</exception>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ContentException($"{what} have {_problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", _problems));
        }
    }
}
