namespace PainBot.Core.Text;

/// <summary>A light check for messages written in Spanish, which PainBot's English content cannot answer well.</summary>
public static class Language
{
    private static readonly HashSet<string> Spanish = new(StringComparer.Ordinal)
    {
        "el", "la", "los", "las", "de", "del", "que", "por", "para", "con", "una", "uno", "es", "está", "esta", "tengo",
        "me", "mi", "duele", "dolor", "puedo", "ayuda", "sirve", "hay", "cómo", "como", "qué", "cuál", "espalda", "rodilla",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "is", "and", "my", "i", "for", "with", "what", "how", "does", "do", "can", "pain", "help", "it", "to", "of",
    };

    /// <summary>True when Spanish function words clearly outnumber English ones.</summary>
    public static bool LooksSpanish(string text)
    {
        var tokens = Words.Tokens(text).ToList();
        var es = tokens.Count(Spanish.Contains);
        var en = tokens.Count(English.Contains);
        return es >= 2 && es > en * 2;
    }
}
