using System.Text;
using PainBot.Knowledge.Loading;

namespace PainBot.Knowledge.Search;

/// <summary>Adds the clinic's words for the lay phrases a question contains ("needles" → acupuncture).</summary>
public sealed class SynonymExpander
{
    private readonly (string Phrase, IReadOnlyList<string> Expand)[] _phrases;

    public SynonymExpander(IReadOnlyList<SynonymRule> rules) =>
        _phrases = [.. rules.SelectMany(r => r.When.Select(w => (" " + Normalize(w) + " ", r.Expand)))];

    /// <summary>The extra words for <paramref name="text"/>, without duplicates and without words already in it.</summary>
    public IReadOnlyList<string> Expand(string text)
    {
        var normalized = " " + Normalize(text) + " ";
        var extra = new List<string>();
        foreach (var (phrase, expand) in _phrases)
        {
            if (!normalized.Contains(phrase, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var word in expand)
            {
                if (!extra.Contains(word) && !normalized.Contains(" " + word + " ", StringComparison.Ordinal))
                {
                    extra.Add(word);
                }
            }
        }

        return extra;
    }

    /// <summary>Lower case, letters and digits only, single spaces: phrases then match on word boundaries.</summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                if (c != '\'')
                {
                    sb.Append(char.ToLowerInvariant(c));
                    space = false;
                }
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
