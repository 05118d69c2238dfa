namespace PainBot.Knowledge.Embeddings.Onnx;

/// <summary>
/// Reads and writes the Protocol Buffers wire format generically (field number, wire type, payload), which is all
/// the weight quantizer needs to rewrite an ONNX model without generated classes. Nested messages stay as bytes
/// until asked for, so a 90 MB model is not copied field by field.
/// </summary>
internal static class ProtoWire
{
    /// <summary>Splits a message into its fields; throws <see cref="InvalidDataException"/> on malformed input.</summary>
    public static List<ProtoField> Read(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var span = message.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var number = (int)(key >> 3);
            if (number <= 0)
            {
                throw new InvalidDataException($"Invalid field number {number} at byte {position}.");
            }

            var wireType = (ProtoWireType)(key & 7);
            switch (wireType)
            {
                case ProtoWireType.Varint:
                    fields.Add(ProtoField.OfVarint(number, ReadVarint(span, ref position)));
                    break;
                case ProtoWireType.Fixed64:
                    fields.Add(new ProtoField(number, wireType, 0, Slice(message, ref position, 8)));
                    break;
                case ProtoWireType.Fixed32:
                    fields.Add(new ProtoField(number, wireType, 0, Slice(message, ref position, 4)));
                    break;
                case ProtoWireType.LengthDelimited:
                    var length = ReadVarint(span, ref position);
                    if (length > int.MaxValue)
                    {
                        throw new InvalidDataException($"Field {number} claims {length} bytes.");
                    }

                    fields.Add(ProtoField.OfBytes(number, Slice(message, ref position, (int)length)));
                    break;
                default:
                    throw new InvalidDataException($"Unsupported wire type {(int)wireType} for field {number}.");
            }
        }

        return fields;
    }

    /// <summary>Serialises fields in the order given.</summary>
    public static byte[] Write(IEnumerable<ProtoField> fields)
    {
        using var stream = new MemoryStream();
        foreach (var field in fields)
        {
            WriteVarint(stream, ((ulong)field.Number << 3) | (ulong)field.WireType);
            switch (field.WireType)
            {
                case ProtoWireType.Varint:
                    WriteVarint(stream, field.Varint);
                    break;
                case ProtoWireType.LengthDelimited:
                    WriteVarint(stream, (ulong)field.Bytes.Length);
                    stream.Write(field.Bytes.Span);
                    break;
                default:
                    stream.Write(field.Bytes.Span);
                    break;
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads a run of varints (a packed repeated integer field).</summary>
    public static List<long> ReadPackedVarints(ReadOnlySpan<byte> bytes)
    {
        var values = new List<long>();
        var position = 0;
        while (position < bytes.Length)
        {
            values.Add((long)ReadVarint(bytes, ref position));
        }

        return values;
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> message, ref int position, int length)
    {
        if (length > message.Length - position)
        {
            throw new InvalidDataException($"Field of {length} bytes runs past the end of the message at byte {position}.");
        }

        var slice = message.Slice(position, length);
        position += length;
        return slice;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException("Message ends inside a varint.");
            }

            var b = span[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException($"Varint longer than 10 bytes at byte {position}.");
    }

    private static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
