namespace PainBot.Generation;

/// <summary>One earlier message of the conversation, given to a prompt as context.</summary>
public sealed record ConversationLine(bool FromPerson, string Text);
