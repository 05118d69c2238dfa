using System.Text.Json.Serialization;

namespace PainBot.Web.State;

/// <summary>Source-generated JSON for what the state stores write.</summary>
[JsonSerializable(typeof(StoredConversation))]
internal sealed partial class StateJson : JsonSerializerContext;
