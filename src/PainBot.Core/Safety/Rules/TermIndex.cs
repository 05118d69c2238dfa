namespace PainBot.Core.Safety.Rules;

/// <summary>
/// Finds every pattern in a normalised message. Patterns are indexed by their first word (exact words in one
/// dictionary, wildcard stems in another) so each message word costs a few lookups whatever the rule count.
/// Typo-tolerant: a message word of five letters or more that no pattern knows is read as the one pattern word
/// it is a single slip away from (a letter missing, added, changed or two swapped: "numbnes", "bladdar",
/// "chets"), when exactly one such word (or forms of one word) starts with the same letter.
/// </summary>
internal sealed class TermIndex
{
    private readonly IReadOnlyList<PatternTerm> _terms;
    private readonly Dictionary<string, int[]> _byExact;
    private readonly Dictionary<string, int[]> _byPrefix;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int[] _prefixLengths;

    // Every exact pattern word of MinTypoLength letters or more, under itself and under each of its one-letter deletions.
    private readonly Dictionary<string, List<string>> _slips = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vocabulary = new(StringComparer.Ordinal);
    private const int MinTypoLength = 5;

    public TermIndex(IReadOnlyList<PatternTerm> terms)
    {
        _terms = terms;
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefix = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            var first = terms[i].Tokens[0];
            var target = first.Kind == PatternTokenKind.Prefix ? prefix : exact;
            if (!target.TryGetValue(first.Text, out var list))
            {
                target[first.Text] = list = [];
            }

            list.Add(i);
        }

        _byExact = exact.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _byPrefix = prefix.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _prefixLookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLengths = [.. _byPrefix.Keys.Select(k => k.Length).Distinct().Order()];
        foreach (var word in terms.SelectMany(t => t.Tokens).Where(t => t.Kind == PatternTokenKind.Exact && t.Text.Length >= MinTypoLength).Select(t => t.Text).Distinct(StringComparer.Ordinal))
        {
            _vocabulary.Add(word);
            foreach (var key in Deletions(word).Prepend(word))
            {
                if (!_slips.TryGetValue(key, out var list))
                {
                    _slips[key] = list = [];
                }

                list.Add(word);
            }
        }
    }

    /// <summary>The pattern word <paramref name="word"/> is one slip away from, or null (none, or several different words).</summary>
    public string? Correction(string word)
    {
        if (word.Length < MinTypoLength || _vocabulary.Contains(word) || !char.IsLetter(word[0]))
        {
            return null;
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Deletions(word).Prepend(word))
        {
            if (_slips.TryGetValue(key, out var list))
            {
                found.UnionWith(list.Where(c => c[0] == word[0] && Math.Abs(c.Length - word.Length) <= 1));
            }
        }

        // Forms of one word ("chest", "chests") are one correction; two different words are none.
        var shortest = found.MinBy(c => c.Length);
        return shortest is not null && found.All(c => c.StartsWith(shortest, StringComparison.Ordinal)) ? shortest : null;
    }

    private static IEnumerable<string> Deletions(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }

    /// <summary>All hits, negation already decided, grouped by term.</summary>
    public Dictionary<int, List<TermHit>> Find(IReadOnlyList<NormalizedToken> words, TriageSettings settings)
    {
        var hits = new Dictionary<int, List<TermHit>>();

        // Messages repeat words; look each distinct word up once.
        var seen = new Dictionary<string, int[]>(StringComparer.Ordinal);
        List<NormalizedToken>? corrected = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (Candidates(words[i].Text).Length == 0 && Correction(words[i].Text) is { } fixedWord)
            {
                corrected ??= [.. words];
                corrected[i] = words[i] with { Text = fixedWord };
            }
        }

        words = corrected ?? words;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Text;
            if (!seen.TryGetValue(word, out var candidates))
            {
                seen[word] = candidates = Candidates(word);
            }

            if (candidates.Length > 0)
            {
                Try(candidates, words, i, settings, hits);
            }
        }

        return hits;
    }

    private int[] Candidates(string word)
    {
        List<int>? found = null;
        if (_byExact.TryGetValue(word, out var exact))
        {
            (found ??= []).AddRange(exact);
        }

        foreach (var length in _prefixLengths)
        {
            if (length > word.Length)
            {
                break;
            }

            if (_prefixLookup.TryGetValue(word.AsSpan(0, length), out var prefixed))
            {
                (found ??= []).AddRange(prefixed);
            }
        }

        return found is null ? [] : [.. found];
    }

    private void Try(int[] candidates, IReadOnlyList<NormalizedToken> words, int start, TriageSettings settings, Dictionary<int, List<TermHit>> hits)
    {
        foreach (var term in candidates)
        {
            var end = _terms[term].MatchAt(words, start);
            if (end < 0)
            {
                continue;
            }

            if (!hits.TryGetValue(term, out var list))
            {
                hits[term] = list = [];
            }

            list.Add(new TermHit(term, start, end, words[start].Sentence, IsNegated(words, start, settings)));
        }
    }

    /// <summary>
    /// A sign is negated when a cue ("no", "not", "without") comes shortly before it in the same clause with no
    /// breaker ("but") in between. A pattern that itself contains the cue ("can not breathe") starts at or
    /// before the cue and so is never cancelled by it.
    /// </summary>
    private static bool IsNegated(IReadOnlyList<NormalizedToken> words, int start, TriageSettings settings)
    {
        var clause = words[start].Clause;
        var stop = Math.Max(0, start - settings.NegationWindow);
        for (var j = start - 1; j >= stop; j--)
        {
            var w = words[j];
            if (w.Clause != clause || settings.NegationBreakers.Contains(w.Text))
            {
                return false;
            }

            if (settings.NegationCues.Contains(w.Text))
            {
                return true;
            }
        }

        return false;
    }
}
