namespace PainBot.Core.Content;

/// <summary>A content source that always serves one snapshot (a host without reloads, tools, tests).</summary>
public sealed class FixedContentSource(ClinicContent content) : IContentSource
{
    /// <inheritdoc/>
    public ClinicContent Current { get; } = content;
}
