namespace PainBot.Core.Safety.Rules;

/// <summary>A compiled phrase: words that must appear in order, in one sentence.</summary>
/// <param name="Text">The pattern as written in the rule file (for messages and debugging).</param>
/// <param name="Tokens">Normalised words; the first is never a gap.</param>
internal sealed record PatternTerm(string Text, IReadOnlyList<PatternToken> Tokens)
{
    /// <summary>Most words a <c>...</c> gap skips; keeps "can't ... pee" from spanning a whole sentence.</summary>
    public const int MaxGap = 3;

    /// <summary>Tries to match at <paramref name="start"/>; returns the index after the last matched word, or -1.</summary>
    public int MatchAt(IReadOnlyList<NormalizedToken> words, int start) => MatchFrom(words, start, 0, words[start].Sentence);

    private int MatchFrom(IReadOnlyList<NormalizedToken> words, int position, int tokenIndex, int sentence)
    {
        if (tokenIndex == Tokens.Count)
        {
            return position;
        }

        var token = Tokens[tokenIndex];
        if (token.Kind == PatternTokenKind.Gap)
        {
            for (var skip = 0; skip <= MaxGap; skip++)
            {
                var next = position + skip;
                if (next > words.Count || (skip > 0 && words[next - 1].Sentence != sentence))
                {
                    break;
                }

                var end = MatchFrom(words, next, tokenIndex + 1, sentence);
                if (end >= 0)
                {
                    return end;
                }
            }

            return -1;
        }

        if (position >= words.Count || words[position].Sentence != sentence)
        {
            return -1;
        }

        if (token.Matches(words[position].Text))
        {
            return MatchFrom(words, position + 1, tokenIndex + 1, sentence);
        }

        // Inside a phrase, up to two filler words the pattern does not name are passed over:
        // "hope i just don't wake up" still matches "hope i do not wake up".
        for (var skipped = 0; tokenIndex > 0 && skipped < MaxFillers && position < words.Count && IsFiller(words[position].Text); skipped++)
        {
            position++;
            if (position < words.Count && words[position].Sentence == sentence && token.Matches(words[position].Text))
            {
                return MatchFrom(words, position + 1, tokenIndex + 1, sentence);
            }
        }

        return -1;
    }

    /// <summary>Most filler words passed over between two words of a phrase.</summary>
    public const int MaxFillers = 2;

    /// <summary>
    /// Hedges and intensifiers people drop into the middle of a phrase without changing what it says. Words that
    /// change the meaning ("almost", "never", "not") are deliberately not here.
    /// </summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "just", "really", "honestly", "actually", "literally", "kinda", "totally", "seriously", "basically",
        "simply", "truly", "genuinely", "even", "ever", "still", "sometimes", "probably", "maybe", "quite",
        "way", "so", "all", "completely", "suddenly",
    };

    private static bool IsFiller(string word) => Fillers.Contains(word);
}
