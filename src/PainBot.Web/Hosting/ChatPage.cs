using System.Net;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Text;

namespace PainBot.Web.Hosting;

/// <summary>
/// Serves the chat page (<c>wwwroot/index.html</c>) with its <c>{{placeholders}}</c> filled from configuration:
/// the clinic's name and the emergency and crisis numbers of the Safety section, HTML-encoded. The static side
/// panel then says what the assistant itself says in an escalation, wherever the clinic is.
/// </summary>
public static class ChatPage
{
    /// <summary>What the header shows while Clinic:Name is left at its neutral default.</summary>
    public const string DefaultDisplayName = "Integrative Pain Clinic";

    private const string File = "index.html";

    /// <summary>
    /// Renders the page once, at start, and maps <c>/</c> and <c>/index.html</c> to it (endpoints take precedence
    /// over the static file). A missing page or an unknown placeholder stops the host with the reason.
    /// </summary>
    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder app)
    {
        var page = Render(app.ServiceProvider);
        IResult Serve() => Results.Content(page, "text/html; charset=utf-8");
        app.MapGet("/", Serve);
        app.MapGet("/" + File, Serve);
        return app;
    }

    /// <summary>The page with every placeholder replaced.</summary>
    internal static string Render(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var clinic = services.GetRequiredService<IOptions<ClinicOptions>>().Value;
        var safety = services.GetRequiredService<IOptions<SafetyOptions>>().Value;
        var template = Read(environment.WebRootFileProvider);

        var values = ReplyPlaceholders.From(clinic, safety);
        values["clinic.display_name"] = string.IsNullOrWhiteSpace(clinic.Name) || clinic.Name == new ClinicOptions().Name
            ? DefaultDisplayName
            : clinic.Name;

        try
        {
            return Placeholders.Fill(template, values, strict: true, encode: WebUtility.HtmlEncode);
        }
        catch (KeyNotFoundException ex)
        {
            throw new InvalidOperationException($"wwwroot/{File}: {ex.Message}.", ex);
        }
    }

    private static string Read(IFileProvider files)
    {
        var info = files.GetFileInfo(File);
        if (!info.Exists)
        {
            throw new InvalidOperationException($"The chat page wwwroot/{File} is missing.");
        }

        using var stream = info.CreateReadStream();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
