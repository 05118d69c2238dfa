using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PainBot.Analytics;
using PainBot.Core.Analytics;

namespace PainBot.Web.Staff;

/// <summary>
/// <c>/staff</c>: the sign-in form, the report page, <c>report.json</c> (header <c>X-Staff-Key</c>) and
/// <c>export.csv</c> (signed in, or the header), both written by <see cref="AnalyticsReportFormat"/> as the CLI's
/// <c>report</c> prints them. Nothing is mapped while <c>Staff:ApiKey</c> is empty, so every
/// path answers 404. The key only ever travels in a form body or a header, never in a URL.
/// </summary>
public static class StaffEndpoints
{
    /// <summary>The cookie authentication scheme of signed-in staff.</summary>
    public const string Scheme = "PainBotStaff";

    /// <summary>The header that carries the key to <c>report.json</c> and <c>export.csv</c>.</summary>
    public const string KeyHeader = "X-Staff-Key";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "painbot-staff";

    private const int DefaultDays = 30;
    private const int MaxDays = 3650;

    /// <summary>Options, key check, sign-in throttle, cookie authentication and antiforgery for <c>/staff</c>.</summary>
    public static IServiceCollection AddPainBotStaff(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>().BindConfiguration(StaffOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffKey>();
        services.AddSingleton<SignInThrottle>();
        services.AddAntiforgery();
        services.AddAuthentication().AddCookie(Scheme);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<StaffOptions>>((cookie, staff) =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(staff.Value.SessionMinutes);
            cookie.SlidingExpiration = true;
        });
        return services;
    }

    /// <summary>Maps <c>/staff</c> when <c>Staff:ApiKey</c> is set.</summary>
    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<StaffOptions>>().Value.Enabled)
        {
            return app;
        }

        var staff = app.MapGroup("/staff").ExcludeFromDescription();
        staff.MapGet("/", PageAsync);
        staff.MapPost("/sign-in", SignInAsync);
        staff.MapPost("/sign-out", SignOutAsync);
        staff.MapGet("/report.json", ReportJsonAsync);
        staff.MapGet("/export.csv", ExportCsvAsync);
        return app;
    }

    private static async Task<IResult> PageAsync(HttpContext context, IAntiforgery antiforgery, IAnalyticsStore store, TimeProvider time)
    {
        NoStore(context);
        var tokens = antiforgery.GetAndStoreTokens(context);
        if (!await IsSignedInAsync(context).ConfigureAwait(false))
        {
            return Html(StaffPage.SignIn(tokens, null));
        }

        if (!TryDays(context, out var days, out var problem))
        {
            return problem;
        }

        if (await ReportAsync(context, store, days).ConfigureAwait(false) is not { } report)
        {
            return Unavailable();
        }

        return Html(StaffPage.Report(report, tokens, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, StaffKey key, SignInThrottle throttle)
    {
        NoStore(context);
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form expired or did not come from this site. Reload the page and sign in again.");
        }

        var address = Address(context);
        var wait = throttle.RetryAfter(address);
        if (wait > TimeSpan.Zero)
        {
            return TooManyAttempts(context, antiforgery, wait);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!key.Matches(form["key"].ToString()))
        {
            throttle.Failed(address);
            wait = throttle.RetryAfter(address);
            return wait > TimeSpan.Zero
                ? TooManyAttempts(context, antiforgery, wait)
                : Html(StaffPage.SignIn(antiforgery.GetAndStoreTokens(context), "That key is not right."), StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(address);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "staff")], Scheme));
        await context.SignInAsync(Scheme, principal).ConfigureAwait(false);

        // 303: the browser follows with a GET, so a reload does not post the key again.
        return SeeOther(context, "/staff");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        NoStore(context);
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form expired or did not come from this site. Reload the page and try again.");
        }

        await context.SignOutAsync(Scheme).ConfigureAwait(false);
        return SeeOther(context, "/staff");
    }

    private static async Task<IResult> ReportJsonAsync(HttpContext context, StaffKey key, SignInThrottle throttle, IAnalyticsStore store)
    {
        NoStore(context);
        if (HeaderKey(context, key, throttle) is { } refused)
        {
            return refused;
        }

        if (!TryDays(context, out var days, out var problem))
        {
            return problem;
        }

        if (await ReportAsync(context, store, days).ConfigureAwait(false) is not { } report)
        {
            return Unavailable();
        }

        return Results.Text(AnalyticsReportFormat.ToJson(report), "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> ExportCsvAsync(HttpContext context, StaffKey key, SignInThrottle throttle, IAnalyticsStore store)
    {
        NoStore(context);
        if (!await IsSignedInAsync(context).ConfigureAwait(false) && HeaderKey(context, key, throttle) is { } refused)
        {
            return refused;
        }

        if (!TryDays(context, out var days, out var problem))
        {
            return problem;
        }

        if (await ReportAsync(context, store, days).ConfigureAwait(false) is not { } report)
        {
            return Unavailable();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"painbot-report-{days}d.csv");
        return Results.File(Encoding.UTF8.GetBytes(AnalyticsReportFormat.ToCsv(report)), "text/csv; charset=utf-8", name);
    }

    /// <summary>Null when the header carries the key; otherwise 401 (no key), 403 (wrong key) or 429 (too many wrong keys).</summary>
    private static IResult? HeaderKey(HttpContext context, StaffKey key, SignInThrottle throttle)
    {
        var presented = context.Request.Headers[KeyHeader].ToString();
        if (presented.Length == 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"Send the staff key in the {KeyHeader} header.");
        }

        var address = Address(context);
        var wait = throttle.RetryAfter(address);
        if (wait > TimeSpan.Zero)
        {
            RetryAfter(context, wait);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong staff keys; try again later.");
        }

        if (!key.Matches(presented))
        {
            throttle.Failed(address);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The staff key is not right.");
        }

        return null;
    }

    private static bool TryDays(HttpContext context, out int days, out IResult problem)
    {
        problem = Results.Empty;
        var value = context.Request.Query["days"];
        if (value.Count == 0)
        {
            days = DefaultDays;
            return true;
        }

        if (value.Count == 1 && int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= MaxDays)
        {
            return true;
        }

        days = 0;
        problem = Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Bad days",
            detail: $"days must be a whole number from 1 to {MaxDays}.");
        return false;
    }

    /// <summary>The report, or null (logged) when the analytics store fails.</summary>
    private static async Task<AnalyticsReport?> ReportAsync(HttpContext context, IAnalyticsStore store, int days)
    {
        try
        {
            return await store.ReportAsync(days, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            StaffLog.ReportFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffEndpoints)), e);
            return null;
        }
    }

    private static IResult Unavailable()
    {
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The analytics store is not answering; try again shortly.");
    }

    private static async Task<bool> IsSignedInAsync(HttpContext context) =>
        (await context.AuthenticateAsync(Scheme).ConfigureAwait(false)).Succeeded;

    private static IResult TooManyAttempts(HttpContext context, IAntiforgery antiforgery, TimeSpan wait)
    {
        RetryAfter(context, wait);
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return Html(
            StaffPage.SignIn(antiforgery.GetAndStoreTokens(context), $"Too many wrong keys. Try again in {minutes} minute{(minutes == 1 ? string.Empty : "s")}."),
            StatusCodes.Status429TooManyRequests);
    }

    private static void RetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
