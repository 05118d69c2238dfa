namespace PainBot.Knowledge.Loading;

/// <summary>One problem found while loading the knowledge folder.</summary>
/// <param name="File">Path relative to the knowledge folder.</param>
/// <param name="Line">1-based line in that file, or null when the problem is not tied to a line.</param>
/// <param name="Key">The front-matter key concerned, if any.</param>
/// <param name="Message">What is wrong, in words an editor can act on.</param>
public sealed record KnowledgeError(string File, int? Line, string? Key, string Message)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        return Key is null ? $"{where}: {Message}" : $"{where}: '{Key}': {Message}";
    }
}
