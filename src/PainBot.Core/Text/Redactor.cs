using System.Text.RegularExpressions;

namespace PainBot.Core.Text;

/// <summary>
/// Removes what identifies a person from text that will be stored: e-mail addresses, phone numbers, dates,
/// long numbers (record, insurance and card numbers), and names introduced as names ("my name is …").
/// </summary>
public static partial class Redactor
{
    public static string Redact(string text)
    {
        var t = Email().Replace(text, "[email]");
        t = Phone().Replace(t, "[phone]");
        t = Date().Replace(t, "[date]");
        t = LongNumber().Replace(t, "[number]");
        t = IntroducedName().Replace(t, m => m.Groups[1].Value + " [name]");
        return t.Length > 500 ? t[..500] + "…" : t;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<!\w)(\+?\d[\d\s().-]{7,}\d)(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b\d{5,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\b(my name is|i am called|i'm called|this is|name:|patient)\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IntroducedName();
}
