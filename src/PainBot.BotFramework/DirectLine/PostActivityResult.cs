using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>Outcome of a client's post: the stored echo (null when the conversation is unknown) and whether the bot failed.</summary>
public sealed record PostActivityResult(Activity? Echo, bool BotFailed);
