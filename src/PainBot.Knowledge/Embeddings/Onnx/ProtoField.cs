namespace PainBot.Knowledge.Embeddings.Onnx;

/// <summary>
/// One field of a Protocol Buffers message as it appears on the wire: its number, wire type and either the varint
/// value or the bytes (length-delimited, 32-bit and 64-bit fields). Unknown fields survive a read and write unchanged.
/// </summary>
internal sealed record ProtoField(int Number, ProtoWireType WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)
{
    public static ProtoField OfVarint(int number, ulong value) => new(number, ProtoWireType.Varint, value, ReadOnlyMemory<byte>.Empty);

    public static ProtoField OfBytes(int number, ReadOnlyMemory<byte> bytes) => new(number, ProtoWireType.LengthDelimited, 0, bytes);

    public static ProtoField OfString(int number, string value) => OfBytes(number, System.Text.Encoding.UTF8.GetBytes(value));

    public static ProtoField OfMessage(int number, IEnumerable<ProtoField> fields) => OfBytes(number, ProtoWire.Write(fields));

    /// <summary>The bytes read as UTF-8 text.</summary>
    public string AsString() => System.Text.Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>The bytes read as a nested message.</summary>
    public List<ProtoField> AsMessage() => ProtoWire.Read(Bytes);
}

/// <summary>Protocol Buffers wire types (groups, 3 and 4, are obsolete and refused).</summary>
internal enum ProtoWireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
