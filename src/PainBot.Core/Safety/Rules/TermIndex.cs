namespace PainBot.Core.Safety.Rules;

/// <summary>
/// Finds every pattern in a normalised message. Patterns are indexed by their first word (exact words in one
/// dictionary, wildcard stems in another) so each message word costs a few lookups whatever the rule count.
/// </summary>
internal sealed class TermIndex
{
    private readonly IReadOnlyList<PatternTerm> _terms;
    private readonly Dictionary<string, int[]> _byExact;
    private readonly Dictionary<string, int[]> _byPrefix;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int[] _prefixLengths;

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
    }

    /// <summary>All hits, negation already decided, grouped by term.</summary>
    public Dictionary<int, List<TermHit>> Find(IReadOnlyList<NormalizedToken> words, TriageSettings settings)
    {
        var hits = new Dictionary<int, List<TermHit>>();

        // Messages repeat words; look each distinct word up once.
        var seen = new Dictionary<string, int[]>(StringComparer.Ordinal);
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
