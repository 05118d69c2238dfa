using System.Text;
using PainBot.Core.Text;

namespace PainBot.Core.Safety.Rules;

/// <summary>
/// Turns a message (or a rule pattern) into lower-case, accent-free words with sentence and clause indices,
/// expanding contractions so that "can't", "cant" and "cannot" all read "can not". Messages and patterns go
/// through the same code so that they always agree.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Triage reads at most this many characters; red flags are stated early, and the cap bounds the cost.</summary>
    public const int MaxChars = 4000;

    // Expanded whether or not the writer typed the apostrophe: none of these is an ordinary word without it.
    private static readonly Dictionary<string, string[]> AlwaysExpand = new(StringComparer.Ordinal)
    {
        ["cant"] = ["can", "not"],
        ["cannot"] = ["can", "not"],
        ["dont"] = ["do", "not"],
        ["doesnt"] = ["does", "not"],
        ["didnt"] = ["did", "not"],
        ["isnt"] = ["is", "not"],
        ["wasnt"] = ["was", "not"],
        ["arent"] = ["are", "not"],
        ["werent"] = ["were", "not"],
        ["wont"] = ["will", "not"],
        ["wouldnt"] = ["would", "not"],
        ["couldnt"] = ["could", "not"],
        ["shouldnt"] = ["should", "not"],
        ["havent"] = ["have", "not"],
        ["hasnt"] = ["has", "not"],
        ["hadnt"] = ["had", "not"],
        ["aint"] = ["is", "not"],
        ["mustnt"] = ["must", "not"],
        ["im"] = ["i", "am"],
        ["ive"] = ["i", "have"],
        ["youre"] = ["you", "are"],
        ["theyre"] = ["they", "are"],
        ["hes"] = ["he", "is"],
        ["shes"] = ["she", "is"],
        ["thats"] = ["that", "is"],
        ["whats"] = ["what", "is"],
        ["theres"] = ["there", "is"],
        ["gonna"] = ["going", "to"],
        ["wanna"] = ["want", "to"],
        ["gotta"] = ["got", "to"],
        ["idk"] = ["i", "do", "not", "know"],
    };

    // Only expanded when typed with an apostrophe: "ill", "id", "its", "well", "were" are words of their own.
    private static readonly Dictionary<string, string[]> ApostropheOnly = new(StringComparer.Ordinal)
    {
        ["i'll"] = ["i", "will"],
        ["i'd"] = ["i", "would"],
        ["it's"] = ["it", "is"],
        ["let's"] = ["let", "us"],
        ["we're"] = ["we", "are"],
        ["we'll"] = ["we", "will"],
        ["he'll"] = ["he", "will"],
        ["she'll"] = ["she", "will"],
        ["he'd"] = ["he", "would"],
        ["she'd"] = ["she", "would"],
        ["they'd"] = ["they", "would"],
        ["you'd"] = ["you", "would"],
        ["we'd"] = ["we", "would"],
        ["they'll"] = ["they", "will"],
        ["you'll"] = ["you", "will"],
    };

    /// <summary>Normalises a message. Never throws; null and empty give no tokens.</summary>
    public static IReadOnlyList<NormalizedToken> Normalize(string? text)
    {
        var tokens = new List<NormalizedToken>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        var word = new StringBuilder(24);
        var sentence = 0;
        var clause = 0;
        var pendingSentence = false;
        var pendingClause = false;

        void Flush()
        {
            if (word.Length == 0)
            {
                return;
            }

            if (pendingSentence && tokens.Count > 0)
            {
                sentence++;
                clause++;
            }
            else if (pendingClause && tokens.Count > 0)
            {
                clause++;
            }

            pendingSentence = false;
            pendingClause = false;
            AddWord(word.ToString(), sentence, clause, tokens);
            word.Clear();
        }

        foreach (var raw in span)
        {
            var c = TextFold.IsApostrophe(raw) ? '\'' : raw;
            if (char.IsLetterOrDigit(c))
            {
                TextFold.Append(word, c);
            }
            else if (c == '\'' && word.Length > 0)
            {
                word.Append('\'');
            }
            else
            {
                Flush();
                if (c is '.' or '!' or '?' or ';' or '\n' or '\r' or '¿' or '¡' or ':')
                {
                    pendingSentence = true;
                }
                else if (c is ',' or '(' or ')' or '-' or '–' or '—' or '/')
                {
                    pendingClause = true;
                }
            }
        }

        Flush();

        // "could not" reads as "can not", so "couldn't feel my legs" and "couldn't get my words out" meet the
        // patterns written in the present ("can not feel ... legs"). Patterns go through here too.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text == "could" && tokens[i + 1].Text == "not")
            {
                tokens[i] = tokens[i] with { Text = "can" };
            }
        }

        return tokens;
    }

    private static void AddWord(string word, int sentence, int clause, List<NormalizedToken> tokens)
    {
        word = word.TrimEnd('\'');
        if (word.Length == 0)
        {
            return;
        }

        if (word.Contains('\''))
        {
            if (ApostropheOnly.TryGetValue(word, out var expanded))
            {
                AddAll(expanded, sentence, clause, tokens);
                return;
            }

            var bare = word.Replace("'", string.Empty, StringComparison.Ordinal);
            if (AlwaysExpand.TryGetValue(bare, out expanded))
            {
                AddAll(expanded, sentence, clause, tokens);
                return;
            }

            // Generic endings: "mustn't" -> "must not", "husband's" -> "husband", "they've" -> "they have".
            var apostrophe = word.IndexOf('\'', StringComparison.Ordinal);
            var stem = word[..apostrophe];
            var tail = word[(apostrophe + 1)..];
            if (tail == "t" && stem.EndsWith('n') && stem.Length > 1)
            {
                AddAll([stem[..^1], "not"], sentence, clause, tokens);
                return;
            }

            string? extra = tail switch
            {
                "ve" => "have",
                "re" => "are",
                "ll" => "will",
                "d" => "would",
                "m" => "am",
                _ => null,
            };
            tokens.Add(new NormalizedToken(stem, sentence, clause));
            if (extra is not null)
            {
                tokens.Add(new NormalizedToken(extra, sentence, clause));
            }

            return;
        }

        if (AlwaysExpand.TryGetValue(word, out var always))
        {
            AddAll(always, sentence, clause, tokens);
            return;
        }

        tokens.Add(new NormalizedToken(word, sentence, clause));
    }

    private static void AddAll(string[] words, int sentence, int clause, List<NormalizedToken> tokens)
    {
        foreach (var w in words)
        {
            tokens.Add(new NormalizedToken(w, sentence, clause));
        }
    }
}
