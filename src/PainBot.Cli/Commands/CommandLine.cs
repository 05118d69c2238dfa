namespace PainBot.Cli.Commands;

/// <summary>A small parser for "verb [--flag [value]] [positional]" command lines.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public CommandLine(IReadOnlyList<string> args, IReadOnlySet<string> flagsWithValues)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (flagsWithValues.Contains(a))
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new CommandLineException($"{a} needs a value");
                    }

                    _options[a] = args[++i];
                }
                else
                {
                    _options[a] = null;
                }
            }
            else
            {
                _positional.Add(a);
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(string flag) => _options.ContainsKey(flag);

    public string? Value(string flag) => _options.TryGetValue(flag, out var v) ? v : null;

    public int IntValue(string flag, int fallback, int min, int max)
    {
        var v = Value(flag);
        if (v is null)
        {
            return fallback;
        }

        return int.TryParse(v, out var n) && n >= min && n <= max
            ? n
            : throw new CommandLineException($"{flag} must be a whole number from {min} to {max}");
    }

    public void RejectUnknown(params string[] known)
    {
        var unknown = _options.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandLineException($"unknown option {string.Join(", ", unknown)}");
        }
    }
}
