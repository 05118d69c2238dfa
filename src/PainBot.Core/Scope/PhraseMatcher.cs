namespace PainBot.Core.Scope;

/// <summary>
/// Finds any of a set of phrases in the words of a normalised message, by hashing rather than regular expressions,
/// so a rule with hundreds of phrases costs one dictionary look-up per word. A word written with a trailing
/// <c>*</c> matches every word that starts with it.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly Dictionary<string, List<PhraseWord[]>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PhraseWord[]>> _byFirstPrefix = new(StringComparer.Ordinal);
    private readonly int _longestPrefix;

    /// <param name="phrases">Each phrase as normalised words; a word ending in <c>*</c> is a prefix.</param>
    public PhraseMatcher(IEnumerable<IReadOnlyList<string>> phrases)
    {
        foreach (var phrase in phrases)
        {
            var words = phrase.Select(w => new PhraseWord(w.TrimEnd('*'), w.EndsWith('*'))).ToArray();
            var first = words[0];
            var index = first.IsPrefix ? _byFirstPrefix : _byFirstWord;
            if (!index.TryGetValue(first.Text, out var list))
            {
                index[first.Text] = list = [];
            }

            list.Add(words);
            if (first.IsPrefix)
            {
                _longestPrefix = Math.Max(_longestPrefix, first.Text.Length);
            }
        }
    }

    public bool IsEmpty => _byFirstWord.Count == 0 && _byFirstPrefix.Count == 0;

    /// <summary>Whether any phrase occurs as consecutive whole words of <paramref name="words"/>.</summary>
    public bool Matches(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (_byFirstWord.TryGetValue(word, out var exact) && AnyFrom(exact, words, i))
            {
                return true;
            }

            if (_byFirstPrefix.Count == 0)
            {
                continue;
            }

            var max = Math.Min(word.Length, _longestPrefix);
            for (var length = 1; length <= max; length++)
            {
                if (_byFirstPrefix.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word.AsSpan(0, length), out var prefixed) && AnyFrom(prefixed, words, i))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AnyFrom(List<PhraseWord[]> candidates, IReadOnlyList<string> words, int start)
    {
        foreach (var phrase in candidates)
        {
            if (start + phrase.Length > words.Count)
            {
                continue;
            }

            var all = true;
            for (var k = 1; k < phrase.Length && all; k++)
            {
                all = phrase[k].Matches(words[start + k]);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct PhraseWord(string Text, bool IsPrefix)
    {
        public bool Matches(string word) => IsPrefix ? word.StartsWith(Text, StringComparison.Ordinal) : word == Text;
    }
}
