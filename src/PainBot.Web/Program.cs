using PainBot.Web.DirectLine;
using PainBot.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPainBotAssistant();
builder.Services.AddProblemDetails();
builder.Services.AddPainBotDirectLine();

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealth();
app.MapDirectLine();

app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
