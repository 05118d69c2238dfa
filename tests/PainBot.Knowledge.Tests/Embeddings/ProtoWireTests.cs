using PainBot.Knowledge.Embeddings.Onnx;

namespace PainBot.Knowledge.Tests.Embeddings;

public sealed class ProtoWireTests
{
    [Fact]
    public void Write_then_Read_keeps_every_field_and_its_order()
    {
        var fields = new List<ProtoField>
        {
            ProtoField.OfVarint(1, 7),
            ProtoField.OfString(2, "pytorch"),
            ProtoField.OfVarint(3, ulong.MaxValue),
            new(4, ProtoWireType.Fixed32, 0, new byte[] { 1, 2, 3, 4 }),
            new(5, ProtoWireType.Fixed64, 0, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }),
            ProtoField.OfMessage(6, [ProtoField.OfString(1, "nested")]),
            ProtoField.OfVarint(1000, 300),
        };

        var read = ProtoWire.Read(ProtoWire.Write(fields));

        Assert.Equal(fields.Select(f => (f.Number, f.WireType, f.Varint)), read.Select(f => (f.Number, f.WireType, f.Varint)));
        Assert.Equal("pytorch", read[1].AsString());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, read[4].Bytes.ToArray());
        Assert.Equal("nested", read[5].AsMessage().Single().AsString());
    }

    [Theory]
    [InlineData(new byte[] { 0x08 })] // field 1 varint, value missing
    [InlineData(new byte[] { 0x08, 0x80 })] // varint never ends
    [InlineData(new byte[] { 0x12, 0x05, 0x61 })] // 5 bytes promised, 1 present
    [InlineData(new byte[] { 0x0B })] // wire type 3 (group)
    [InlineData(new byte[] { 0x00, 0x01 })] // field number 0
    [InlineData(new byte[] { 0x0D, 0x01, 0x02 })] // fixed32 cut short
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // varint over 10 bytes
    public void Read_refuses_malformed_messages_with_a_clear_error(byte[] bytes)
    {
        var error = Assert.Throws<InvalidDataException>(() => ProtoWire.Read(bytes));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void ReadPackedVarints_reads_a_packed_run()
    {
        var bytes = new byte[] { 0x80, 0x03, 0x01, 0x7F };
        Assert.Equal([384L, 1L, 127L], ProtoWire.ReadPackedVarints(bytes));
    }
}
