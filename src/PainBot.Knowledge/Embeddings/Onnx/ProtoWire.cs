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

    /// <summary>Serialises fields in the order given, into an array of exactly the right size.</summary>
    public static byte[] Write(IEnumerable<ProtoField> fields)
    {
        var list = fields as IReadOnlyList<ProtoField> ?? [.. fields];
        var size = 0L;
        foreach (var field in list)
        {
            size += VarintSize(((ulong)field.Number << 3) | (ulong)field.WireType)
                + (field.WireType == ProtoWireType.Varint ? VarintSize(field.Varint)
                    : field.WireType == ProtoWireType.LengthDelimited ? VarintSize((ulong)field.Bytes.Length) + field.Bytes.Length
                    : field.Bytes.Length);
        }

        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"Message of {size} bytes is too large.");
        }

        // A model is tens of megabytes: growing a stream would leave several such buffers behind on the large
        // object heap, so the size is computed first and the bytes written once.
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        foreach (var field in list)
        {
            WriteVarint(ref span, ((ulong)field.Number << 3) | (ulong)field.WireType);
            if (field.WireType == ProtoWireType.Varint)
            {
                WriteVarint(ref span, field.Varint);
                continue;
            }

            if (field.WireType == ProtoWireType.LengthDelimited)
            {
                WriteVarint(ref span, (ulong)field.Bytes.Length);
            }

            field.Bytes.Span.CopyTo(span);
            span = span[field.Bytes.Length..];
        }

        return buffer;
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

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static void WriteVarint(ref Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        span = span[i..];
    }
}
