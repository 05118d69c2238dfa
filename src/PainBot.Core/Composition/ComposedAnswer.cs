using PainBot.Core.Dialog;

namespace PainBot.Core.Composition;

/// <summary>An answer body (without disclaimer) and the passages it cites, numbered as in the text.</summary>
public sealed record ComposedAnswer(string Markdown, IReadOnlyList<Citation> Citations, string Composer);
