namespace PainBot.Core.Content;

/// <summary>
/// A file under <c>knowledge/</c> breaks its rules. Every loader's error derives from this one type, so a host
/// refuses to start, and a reload keeps the previous content, on any broken file alike. The message names the
/// file, the line or key, and what is wrong.
/// </summary>
public class ContentException : Exception
{
    public ContentException()
    {
    }

    public ContentException(string message)
        : base(message)
    {
    }

    public ContentException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
