namespace PainBot.Web.State;

/// <summary>A guided dialog in progress, as stored (see <see cref="StoredConversation"/>).</summary>
internal sealed record StoredGuide(string Name, int Step, Dictionary<string, string> Answers);
