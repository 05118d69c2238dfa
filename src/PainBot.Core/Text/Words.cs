namespace PainBot.Core.Text;

/// <summary>Simple English word handling for composing answers: tokens, stop words and a light stem.</summary>
public static class Words
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had",
        "i", "me", "my", "mine", "you", "your", "we", "our", "us", "they", "them", "their", "he", "she", "his", "her",
        "it", "its", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "how", "why",
        "when", "where", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "not", "no",
        "so", "than", "then", "too", "very", "just", "about", "any", "some", "all", "more", "most", "also", "into",
        "out", "up", "down", "over", "again", "get", "got", "really", "much", "many", "lot", "thing", "things",
        "help", "helps", "good", "work", "works", "im", "ive", "dont", "doesnt", "cant", "anything", "something",
    };

    /// <summary>Lower-case word tokens.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '\'');
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i].Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>Content words, lightly stemmed, each once.</summary>
    public static HashSet<string> ContentStems(string text) =>
        Tokens(text).Where(t => t.Length > 1 && !StopWords.Contains(t)).Select(Stem).ToHashSet(StringComparer.Ordinal);

    /// <summary>A light suffix strip, enough to match "headaches" with "headache" and "stretching" with "stretch".</summary>
    public static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    /// <summary>Number of words in a text.</summary>
    public static int Count(string text) => text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
}
