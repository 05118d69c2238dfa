namespace PainBot.Core.Content;

/// <summary>Hands out the content snapshot currently served.</summary>
public interface IContentSource
{
    /// <summary>The snapshot served now; take it once per turn.</summary>
    /// <exception cref="InvalidOperationException">Nothing has been loaded yet.</exception>
    ClinicContent Current { get; }
}
