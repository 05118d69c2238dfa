using System.ComponentModel.DataAnnotations;

namespace PainBot.Web.Operations;

/// <summary>Who may embed the chat page in a frame (section "Chat").</summary>
public sealed class ChatEmbeddingOptions : IValidatableObject
{
    public const string SectionName = "Chat";

    /// <summary>
    /// Origins allowed to show the chat page in a frame (CSP frame-ancestors), e.g. <c>https://www.example-clinic.org</c>.
    /// Empty (default): no one may frame it. Other pages (staff) are never framed.
    /// </summary>
    public List<string> FrameAncestors { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in FrameAncestors)
        {
            if (!IsOrigin(origin))
            {
                yield return new ValidationResult(
                    $"Chat:FrameAncestors: '{origin}' is not an origin (scheme://host[:port], https unless localhost, no path).",
                    [nameof(FrameAncestors)]);
            }
        }
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
        && value.IndexOfAny([' ', ';', ',', '\'']) < 0;
}
