using System.Text.RegularExpressions;

namespace PainBot.Generation.Grounding;

/// <summary>
/// Recognises text that addresses the model instead of the reader ("ignore previous instructions", "you are now
/// …", "system prompt"). Such a sentence in a passage is withheld from the model; in an answer it fails it.
/// </summary>
public static partial class InjectionDetector
{
    /// <summary>Whether the text reads as an instruction to a language model.</summary>
    public static bool LooksLikeInstruction(string text) => Pattern().IsMatch(text);

    [GeneratedRegex(
        @"\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(instructions?|rules?|prompts?|guidelines|directions|messages?)\b|system\s+prompt|\byou\s+are\s+now\b|\bnew\s+instructions?\b|developer\s+mode|\bjailbreak|\bas\s+an\s+ai\b|\bact\s+as\s+(an?\s+)?(unrestricted|different|new)\b|<\s*/?\s*message\b|\brole\s*=\s*[""']?(system|assistant|user)|\bpretend\s+(to\s+be|you\s+are)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
