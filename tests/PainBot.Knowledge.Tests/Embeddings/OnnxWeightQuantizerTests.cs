using System.Buffers.Binary;
using Microsoft.ML.OnnxRuntime;
using PainBot.Knowledge.Embeddings.Onnx;

namespace PainBot.Knowledge.Tests.Embeddings;

/// <summary>
/// The quantizer on a small model built here: Y = X·W with W a constant 16x8 matrix. The rewritten model must load
/// in ONNX Runtime, use DynamicQuantizeMatMul with 8-bit weights, and give nearly the same outputs.
/// </summary>
public sealed class OnnxWeightQuantizerTests
{
    private const int Rows = 16;
    private const int Columns = 8;

    [Fact]
    public void Quantized_model_runs_and_matches_the_float_model()
    {
        var weights = Weights();
        var model = MatMulModel(weights);

        var (quantized, count) = OnnxWeightQuantizer.Quantize(model);

        Assert.Equal(1, count);
        AssertSameOutputs(model, quantized, [.. Enumerable.Range(0, Rows).Select(i => MathF.Sin(i * 0.7f) * 2f)]);
    }

    [Fact]
    public void A_bias_added_after_the_matmul_is_fused_into_it()
    {
        var bias = Enumerable.Range(0, Columns).Select(c => c * 0.5f - 1f).ToArray();
        var model = MatMulModel(Weights(), bias: bias);

        var (quantized, count) = OnnxWeightQuantizer.Quantize(model);

        Assert.Equal(1, count);
        var graph = ProtoWire.Read(quantized).Single(f => f.Number == 7).AsMessage();
        var node = Assert.Single(graph, f => f.Number == 1).AsMessage();
        Assert.Equal("DynamicQuantizeMatMul", node.Single(f => f.Number == 4).AsString());
        Assert.Equal(["X", "W_int8", "W_scale", string.Empty, "B"], node.Where(f => f.Number == 1).Select(f => f.AsString()));
        Assert.Equal("Y", node.Single(f => f.Number == 2).AsString());

        AssertSameOutputs(model, quantized, [.. Enumerable.Range(0, Rows).Select(i => MathF.Cos(i * 0.3f))]);
    }

    /// <summary>Both models run in ONNX Runtime on <paramref name="input"/>; every output within 3% of the float model's largest.</summary>
    private static void AssertSameOutputs(byte[] model, byte[] quantized, float[] input)
    {
        var expected = Run(model, input);
        var actual = Run(quantized, input);
        var scale = expected.Max(MathF.Abs);
        for (var c = 0; c < Columns; c++)
        {
            Assert.True(MathF.Abs(expected[c] - actual[c]) <= 0.03f * scale, $"column {c}: {expected[c]} vs {actual[c]}");
        }
    }

    [Fact]
    public void Rewrite_replaces_the_node_and_stores_the_weights_as_int8()
    {
        var (quantized, _) = OnnxWeightQuantizer.Quantize(MatMulModel(Weights()));

        var model = ProtoWire.Read(quantized);
        var graph = model.Single(f => f.Number == 7).AsMessage();
        var node = graph.Single(f => f.Number == 1).AsMessage();
        Assert.Equal("DynamicQuantizeMatMul", node.Single(f => f.Number == 4).AsString());
        Assert.Equal("com.microsoft", node.Single(f => f.Number == 7).AsString());
        var initializers = graph.Where(f => f.Number == 5).Select(f => f.AsMessage()).ToList();
        Assert.DoesNotContain(initializers, t => t.Single(f => f.Number == 8).AsString() == "W");
        var int8 = Assert.Single(initializers, t => t.Single(f => f.Number == 2).Varint == 3);
        Assert.Equal(Rows * Columns, int8.Single(f => f.Number == 9).Bytes.Length);
        Assert.Contains(model, f => f.Number == 8 && f.AsMessage().Any(o => o.Number == 1 && o.AsString() == "com.microsoft"));
    }

    [Fact]
    public void Column_scales_map_each_columns_largest_weight_to_the_top_of_the_range()
    {
        float[] weights = [1f, -0.5f, -2f, 0.25f, 0f, 0f]; // 3 rows x 2 columns
        var (quantized, scales) = OnnxWeightQuantizer.QuantizeColumns(weights, 3, 2);

        var q = quantized.Select(b => (int)(sbyte)b).ToArray();
        Assert.Equal([64, -127, -127, 64, 0, 0], q);
        Assert.Equal(2f / 127, BinaryPrimitives.ReadSingleLittleEndian(scales), 6);
        Assert.Equal(0.5f / 127, BinaryPrimitives.ReadSingleLittleEndian(scales.AsSpan(4)), 6);
    }

    [Fact]
    public void A_model_without_constant_matmul_weights_comes_back_unchanged()
    {
        var model = ProtoWire.Write([ProtoField.OfVarint(1, 7), ProtoField.OfMessage(7, [ProtoField.OfString(2, "empty")])]);
        var (result, count) = OnnxWeightQuantizer.Quantize(model);
        Assert.Equal(0, count);
        Assert.Equal(model, result);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x3A, 0x00 })] // a graph but no IR version
    [InlineData(new byte[] { 0x08, 0x07 })] // an IR version but no graph
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })] // a zip file's first bytes
    public void Bytes_that_are_not_an_onnx_model_are_refused(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => OnnxWeightQuantizer.Quantize(bytes));
    }

    [Fact]
    public void A_weight_whose_data_does_not_match_its_shape_is_refused()
    {
        var model = MatMulModel(Weights(), truncateWeights: true);
        var error = Assert.Throws<InvalidDataException>(() => OnnxWeightQuantizer.Quantize(model));
        Assert.Contains("'W'", error.Message, StringComparison.Ordinal);
    }

    private static float[] Weights() =>
        [.. Enumerable.Range(0, Rows * Columns).Select(i => MathF.Cos(i * 1.3f) * (1 + (i % Columns)) / 4f)];

    private static float[] Run(byte[] model, float[] input)
    {
        using var session = new InferenceSession(model);
        using var x = OrtValue.CreateTensorValueFromMemory(input, [1, Rows]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["X"], [x], ["Y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>An ONNX model (IR 7, opset 13): graph input X [1, Rows], constant W [Rows, Columns], Y = MatMul(X, W).</summary>
    private static byte[] MatMulModel(float[] weights, bool truncateWeights = false, float[]? bias = null)
    {
        var raw = new byte[weights.Length * 4];
        for (var i = 0; i < weights.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), weights[i]);
        }

        var weight = new List<ProtoField>
        {
            ProtoField.OfVarint(1, Rows),
            ProtoField.OfVarint(1, Columns),
            ProtoField.OfVarint(2, 1),
            ProtoField.OfString(8, "W"),
            ProtoField.OfBytes(9, truncateWeights ? raw[..^4] : raw),
        };
        var node = new List<ProtoField>
        {
            ProtoField.OfString(1, "X"),
            ProtoField.OfString(1, "W"),
            ProtoField.OfString(2, bias is null ? "Y" : "XW"),
            ProtoField.OfString(3, "matmul"),
            ProtoField.OfString(4, "MatMul"),
        };
        var graph = new List<ProtoField>
        {
            ProtoField.OfMessage(1, node),
            ProtoField.OfString(2, "test"),
            ProtoField.OfMessage(5, weight),
            ProtoField.OfMessage(11, ValueInfo("X", 1, Rows)),
            ProtoField.OfMessage(12, ValueInfo("Y", 1, Columns)),
        };
        if (bias is not null)
        {
            var biasRaw = new byte[bias.Length * 4];
            for (var i = 0; i < bias.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(biasRaw.AsSpan(i * 4), bias[i]);
            }

            graph.Insert(1, ProtoField.OfMessage(1,
            [
                ProtoField.OfString(1, "B"), ProtoField.OfString(1, "XW"), ProtoField.OfString(2, "Y"), ProtoField.OfString(3, "add"), ProtoField.OfString(4, "Add"),
            ]));
            graph.Add(ProtoField.OfMessage(5, [ProtoField.OfVarint(1, Columns), ProtoField.OfVarint(2, 1), ProtoField.OfString(8, "B"), ProtoField.OfBytes(9, biasRaw)]));
        }
        return ProtoWire.Write(
        [
            ProtoField.OfVarint(1, 7),
            ProtoField.OfMessage(7, graph),
            ProtoField.OfMessage(8, [ProtoField.OfString(1, string.Empty), ProtoField.OfVarint(2, 13)]),
        ]);
    }

    private static List<ProtoField> ValueInfo(string name, params long[] shape)
    {
        var dims = shape.Select(d => ProtoField.OfMessage(1, [ProtoField.OfVarint(1, (ulong)d)]));
        var tensorType = new List<ProtoField> { ProtoField.OfVarint(1, 1), ProtoField.OfMessage(2, dims) };
        return [ProtoField.OfString(1, name), ProtoField.OfMessage(2, [ProtoField.OfMessage(1, tensorType)])];
    }
}
