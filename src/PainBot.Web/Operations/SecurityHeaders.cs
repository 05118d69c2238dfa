using Microsoft.Extensions.Options;

namespace PainBot.Web.Operations;

/// <summary>
/// Security headers on every response (nosniff, no referrer, a minimal permissions policy) and a content security
/// policy on every HTML page (the chat page, the staff pages): scripts only from this host and no inline scripts;
/// styles from this host plus inline styles, because Web Chat injects its styles at run time; connections to this
/// host, its WebSocket included (the Direct Line stream); no plugins, no base-URI changes, forms to this host only.
/// The chat page may be framed by the origins in <c>Chat:FrameAncestors</c>; every other page by no one. HSTS is
/// left to <c>UseHsts</c>, which sends it over HTTPS only.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Permissions-Policy: none of the powerful features; Web Chat's speech input is not used.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    /// <summary>Registers the options (section "Chat").</summary>
    public static IServiceCollection AddPainBotSecurityHeaders(this IServiceCollection services)
    {
        services.AddOptions<ChatEmbeddingOptions>().BindConfiguration(ChatEmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>Adds the headers; call first, so every response (static files and errors included) carries them.</summary>
    public static WebApplication UsePainBotSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var embedding = app.Services.GetRequiredService<IOptions<ChatEmbeddingOptions>>().Value;
        var chatAncestors = embedding.FrameAncestors.Count == 0 ? "'none'" : string.Join(' ', embedding.FrameAncestors.Select(o => o.TrimEnd('/')));
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var isChat = context.Request.Path == "/" || context.Request.Path == "/index.html";
                    var ancestors = isChat ? chatAncestors : "'none'";
                    headers.ContentSecurityPolicy = Policy(context.Request, ancestors);
                    if (ancestors == "'none'")
                    {
                        // For browsers that predate frame-ancestors.
                        headers.XFrameOptions = "DENY";
                    }
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The content security policy of an HTML page served for <paramref name="request"/>.</summary>
    internal static string Policy(HttpRequest request, string frameAncestors)
    {
        var socket = (request.IsHttps ? "wss://" : "ws://") + request.Host.Value;
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            $"connect-src 'self' {socket}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            $"frame-ancestors {frameAncestors}");
    }
}
