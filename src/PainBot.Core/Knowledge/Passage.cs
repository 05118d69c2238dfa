namespace PainBot.Core.Knowledge;

/// <summary>One retrievable unit of the clinic's reviewed content: an FAQ answer or one guide section.</summary>
/// <param name="Id">Unique, stable, kebab-case id.</param>
/// <param name="Topic">One topic id from the topic list.</param>
/// <param name="Title">Plain-language heading shown as the citation.</param>
/// <param name="Audience">Who the passage is written for.</param>
/// <param name="Sources">The public sources the facts rest on.</param>
/// <param name="Reviewed">When clinic staff last reviewed it.</param>
/// <param name="Questions">Alternative phrasings people use for the question it answers.</param>
/// <param name="Related">Related topic ids.</param>
/// <param name="Body">Markdown body, with clinic placeholders already filled in.</param>
/// <param name="SourceFile">The file it was loaded from, relative to the knowledge folder.</param>
public sealed record Passage(
    string Id,
    string Topic,
    string Title,
    Audience Audience,
    IReadOnlyList<string> Sources,
    DateOnly Reviewed,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Related,
    string Body,
    string SourceFile);
