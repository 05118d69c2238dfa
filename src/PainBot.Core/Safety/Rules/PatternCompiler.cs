namespace PainBot.Core.Safety.Rules;

/// <summary>Compiles the pattern language of the rule files (see knowledge/safety/README.md) into <see cref="PatternTerm"/>s.</summary>
internal static class PatternCompiler
{
    private const string Gap = "...";

    /// <summary>Compiles one pattern; returns null and a reason when it is not valid.</summary>
    public static PatternTerm? Compile(string pattern, out string? error)
    {
        error = null;
        var tokens = new List<PatternToken>();
        var pieces = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var piece in pieces)
        {
            if (piece == Gap)
            {
                if (tokens.Count == 0)
                {
                    error = $"pattern \"{pattern}\" starts with '...'";
                    return null;
                }

                tokens.Add(new PatternToken(PatternTokenKind.Gap, string.Empty));
                continue;
            }

            if (piece.EndsWith('*'))
            {
                var stem = TextNormalizer.Normalize(piece.TrimEnd('*'));
                if (stem.Count != 1 || (stem[0].Text.Length < 3 && !char.IsDigit(stem[0].Text[0])))
                {
                    error = $"pattern \"{pattern}\": wildcard '{piece}' needs one word of at least 3 letters (or a number) before '*'";
                    return null;
                }

                tokens.Add(new PatternToken(PatternTokenKind.Prefix, stem[0].Text));
                continue;
            }

            if (piece.Contains('*', StringComparison.Ordinal))
            {
                error = $"pattern \"{pattern}\": '*' is only allowed at the end of a word";
                return null;
            }

            var words = TextNormalizer.Normalize(piece);
            if (words.Count == 0)
            {
                error = $"pattern \"{pattern}\": '{piece}' has no letters or digits";
                return null;
            }

            foreach (var word in words)
            {
                tokens.Add(new PatternToken(PatternTokenKind.Exact, word.Text));
            }
        }

        if (tokens.Count == 0)
        {
            error = "empty pattern";
            return null;
        }

        if (tokens[^1].Kind == PatternTokenKind.Gap)
        {
            error = $"pattern \"{pattern}\" ends with '...'";
            return null;
        }

        return new PatternTerm(pattern, tokens);
    }

    /// <summary>Key that identifies equal patterns, so each is matched once however many rules use it.</summary>
    public static string Key(PatternTerm term) =>
        string.Join(' ', term.Tokens.Select(t => t.Kind switch
        {
            PatternTokenKind.Prefix => t.Text + "*",
            PatternTokenKind.Gap => Gap,
            _ => t.Text,
        }));
}
