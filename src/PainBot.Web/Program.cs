using PainBot.Web.BotFramework;
using PainBot.Web.DirectLine;
using PainBot.Web.Hosting;
using PainBot.Web.Operations;
using PainBot.Web.Staff;
using PainBot.Web.State;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPainBotAssistant(builder.Configuration);
builder.Services.AddPainBotBotFramework();
builder.Services.AddPainBotDirectLine();
builder.Services.AddPainBotStaff();
builder.Services.AddPainBotState(builder.Configuration);
builder.Services.AddPainBotHealth();
builder.Services.AddPainBotTelemetry(builder.Configuration);
builder.Services.AddPainBotSecurityHeaders();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UsePainBotSecurityHeaders();
app.UseStaticFiles();
app.MapChatPage();
app.MapHealth();
app.MapDirectLine();
app.MapBotFramework();
app.MapStaff();

app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
