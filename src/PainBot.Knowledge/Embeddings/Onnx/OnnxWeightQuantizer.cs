using System.Buffers.Binary;

namespace PainBot.Knowledge.Embeddings.Onnx;

/// <summary>
/// Rewrites an ONNX model so that every MatMul against a constant float weight matrix becomes ONNX Runtime's
/// DynamicQuantizeMatMul (domain com.microsoft) with that matrix stored as 8-bit integers, one scale per output
/// column. Activations are quantized on the fly by the runtime, so only the weights change. On a CPU this runs
/// the encoder about twice as fast; the embeddings stay within a cosine of about 0.99 of the float model's.
/// </summary>
/// <remarks>
/// Weights use the full signed range (−127..127). On x86 CPUs without VNNI the runtime's unsigned-by-signed
/// multiply-add can saturate on such weights (ONNX Runtime's own quantizer offers reduce_range for that); the
/// fidelity test against the float model would show it, and <see cref="EmbeddingPrecision.Full"/> avoids it.
/// </remarks>
internal static class OnnxWeightQuantizer
{
    private const int WeightLimit = 127;

    // ONNX protobuf field numbers (onnx.proto3).
    private const int ModelIrVersion = 1;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeDomain = 7;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int ValueInfoName = 1;
    private const int DataTypeFloat = 1;
    private const int DataTypeInt8 = 3;
    private const string ContribDomain = "com.microsoft";

    /// <summary>Returns the rewritten model and how many MatMul nodes were quantized.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model this rewrite understands.</exception>
    public static (byte[] Model, int QuantizedNodes) Quantize(ReadOnlyMemory<byte> onnxModel)
    {
        var model = ProtoWire.Read(onnxModel);
        if (!model.Any(f => f.Number == ModelIrVersion && f.WireType == ProtoWireType.Varint))
        {
            throw new InvalidDataException("Not an ONNX model: no IR version.");
        }

        var graphIndex = model.FindIndex(f => f.Number == ModelGraph && f.WireType == ProtoWireType.LengthDelimited);
        if (graphIndex < 0)
        {
            throw new InvalidDataException("Not an ONNX model: no graph.");
        }

        var graph = model[graphIndex].AsMessage();
        var initializers = new Dictionary<string, int>(StringComparer.Ordinal);
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Count; i++)
        {
            if (graph[i].Number == GraphInitializer)
            {
                initializers[NameOf(graph[i].AsMessage(), TensorName)] = i;
            }
            else if (graph[i].Number == GraphNode)
            {
                foreach (var input in graph[i].AsMessage().Where(f => f.Number == NodeInput))
                {
                    var name = input.AsString();
                    uses[name] = uses.GetValueOrDefault(name) + 1;
                    consumer[name] = i;
                }
            }
        }

        var graphOutputs = graph.Where(f => f.Number == GraphOutput).Select(f => NameOf(f.AsMessage(), ValueInfoName)).ToHashSet(StringComparer.Ordinal);
        var dropped = new HashSet<int>(); // graph fields to leave out: replaced weights and folded bias Adds
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var added = new List<ProtoField>();
        for (var i = 0; i < graph.Count; i++)
        {
            if (graph[i].Number != GraphNode)
            {
                continue;
            }

            var node = graph[i].AsMessage();
            var inputs = node.Where(f => f.Number == NodeInput).Select(f => f.AsString()).ToList();
            if (NameOf(node, NodeOpType) != "MatMul" || NameOf(node, NodeDomain).Length > 0 || inputs.Count != 2
                || uses.GetValueOrDefault(inputs[1]) != 1 || !initializers.TryGetValue(inputs[1], out var weightIndex))
            {
                continue;
            }

            if (!TryReadMatrix(graph[weightIndex].AsMessage(), out var rows, out var columns, out var weights))
            {
                continue;
            }

            var (quantized, scales) = QuantizeColumns(weights, rows, columns);
            var quantizedName = inputs[1] + "_int8";
            var scaleName = inputs[1] + "_scale";
            added.Add(ProtoField.OfMessage(GraphInitializer, Tensor(quantizedName, [rows, columns], DataTypeInt8, quantized)));
            added.Add(ProtoField.OfMessage(GraphInitializer, Tensor(scaleName, [columns], DataTypeFloat, scales)));
            removed.Add(inputs[1]);
            dropped.Add(weightIndex);

            var rewritten = new List<ProtoField>
            {
                ProtoField.OfString(NodeInput, inputs[0]),
                ProtoField.OfString(NodeInput, quantizedName),
                ProtoField.OfString(NodeInput, scaleName),
            };
            var outputs = node.Where(f => f.Number == NodeOutput).ToList();
            if (FusableBias(graph, initializers, uses, consumer, graphOutputs, outputs, columns) is var (addIndex, bias, addOutput))
            {
                // MatMul then Add of a constant bias: the bias becomes the fused op's fifth input (no zero point).
                rewritten.Add(ProtoField.OfString(NodeInput, string.Empty));
                rewritten.Add(ProtoField.OfString(NodeInput, bias));
                outputs = [ProtoField.OfString(NodeOutput, addOutput)];
                dropped.Add(addIndex);
            }

            rewritten.AddRange(outputs);
            rewritten.AddRange(node.Where(f => f.Number == NodeName));
            rewritten.Add(ProtoField.OfString(NodeOpType, "DynamicQuantizeMatMul"));
            rewritten.Add(ProtoField.OfString(NodeDomain, ContribDomain));
            graph[i] = ProtoField.OfMessage(GraphNode, rewritten);
        }

        if (removed.Count == 0)
        {
            return (onnxModel.ToArray(), 0);
        }

        var newGraph = graph
            .Where((f, i) => !dropped.Contains(i) && !(f.Number == GraphInput && removed.Contains(NameOf(f.AsMessage(), ValueInfoName))))
            .Concat(added);
        model[graphIndex] = ProtoField.OfMessage(ModelGraph, newGraph);

        var importsContrib = model.Any(f => f.Number == ModelOpsetImport && NameOf(f.AsMessage(), OpsetDomain) == ContribDomain);
        if (!importsContrib)
        {
            model.Add(ProtoField.OfMessage(ModelOpsetImport, [ProtoField.OfString(OpsetDomain, ContribDomain), ProtoField.OfVarint(OpsetVersion, 1)]));
        }

        return (ProtoWire.Write(model), removed.Count);
    }

    /// <summary>
    /// When the MatMul's only output feeds only an Add whose other input is a constant float vector of
    /// <paramref name="columns"/> values, that Add's index, the bias name and the Add's output.
    /// </summary>
    private static (int AddIndex, string Bias, string AddOutput)? FusableBias(
        List<ProtoField> graph, Dictionary<string, int> initializers, Dictionary<string, int> uses,
        Dictionary<string, int> consumer, HashSet<string> graphOutputs, List<ProtoField> outputs, int columns)
    {
        if (outputs.Count != 1)
        {
            return null;
        }

        var product = outputs[0].AsString();
        if (uses.GetValueOrDefault(product) != 1 || graphOutputs.Contains(product) || !consumer.TryGetValue(product, out var addIndex))
        {
            return null;
        }

        var add = graph[addIndex].AsMessage();
        var addInputs = add.Where(f => f.Number == NodeInput).Select(f => f.AsString()).ToList();
        var addOutputs = add.Where(f => f.Number == NodeOutput).Select(f => f.AsString()).ToList();
        if (NameOf(add, NodeOpType) != "Add" || NameOf(add, NodeDomain).Length > 0 || addInputs.Count != 2 || addOutputs.Count != 1)
        {
            return null;
        }

        var bias = addInputs[0] == product ? addInputs[1] : addInputs[0];
        if (bias == product || !initializers.TryGetValue(bias, out var biasIndex))
        {
            return null;
        }

        var tensor = graph[biasIndex].AsMessage();
        var dims = Dims(tensor);
        return DataType(tensor) == DataTypeFloat && dims.Count == 1 && dims[0] == columns ? (addIndex, bias, addOutputs[0]) : null;
    }

    /// <summary>Symmetric per-column quantization: column j's largest magnitude maps to ±<see cref="WeightLimit"/>.</summary>
    internal static (byte[] Quantized, byte[] Scales) QuantizeColumns(float[] weights, int rows, int columns)
    {
        var scales = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            var max = 0f;
            for (var r = 0; r < rows; r++)
            {
                max = Math.Max(max, Math.Abs(weights[(r * columns) + c]));
            }

            scales[c] = max == 0 ? 1f : max / WeightLimit;
        }

        var quantized = new byte[weights.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var q = (int)MathF.Round(weights[(r * columns) + c] / scales[c], MidpointRounding.ToEven);
                quantized[(r * columns) + c] = unchecked((byte)(sbyte)Math.Clamp(q, -WeightLimit, WeightLimit));
            }
        }

        var scaleBytes = new byte[columns * sizeof(float)];
        for (var c = 0; c < columns; c++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * sizeof(float)), scales[c]);
        }

        return (quantized, scaleBytes);
    }

    private static bool TryReadMatrix(List<ProtoField> tensor, out int rows, out int columns, out float[] values)
    {
        rows = columns = 0;
        values = [];
        var dims = Dims(tensor);
        if (DataType(tensor) != DataTypeFloat || dims.Count != 2 || dims[0] <= 0 || dims[1] <= 0 || dims[0] * dims[1] > int.MaxValue / 4)
        {
            return false;
        }

        rows = (int)dims[0];
        columns = (int)dims[1];
        var count = rows * columns;
        var raw = tensor.FirstOrDefault(f => f.Number == TensorRawData);
        var packed = tensor.Where(f => f.Number == TensorFloatData).ToList();
        ReadOnlySpan<byte> bytes;
        if (raw is not null)
        {
            bytes = raw.Bytes.Span;
        }
        else if (packed.Count == 1 && packed[0].WireType == ProtoWireType.LengthDelimited)
        {
            bytes = packed[0].Bytes.Span;
        }
        else
        {
            return false; // external data or an unusual layout: leave this MatMul in float
        }

        if (bytes.Length != count * sizeof(float))
        {
            throw new InvalidDataException($"Tensor '{NameOf(tensor, TensorName)}' holds {bytes.Length} bytes for {rows}x{columns} floats.");
        }

        values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return true;
    }

    /// <summary>A tensor's shape (dims written one by one or packed).</summary>
    private static List<long> Dims(List<ProtoField> tensor) =>
        [.. tensor.Where(f => f.Number == TensorDims)
            .SelectMany(f => f.WireType == ProtoWireType.Varint ? [(long)f.Varint] : ProtoWire.ReadPackedVarints(f.Bytes.Span))];

    private static ulong? DataType(List<ProtoField> tensor) => tensor.FirstOrDefault(f => f.Number == TensorDataType)?.Varint;

    private static List<ProtoField> Tensor(string name, long[] dims, int dataType, byte[] raw)
    {
        var fields = dims.Select(d => ProtoField.OfVarint(TensorDims, (ulong)d)).ToList();
        fields.Add(ProtoField.OfVarint(TensorDataType, (ulong)dataType));
        fields.Add(ProtoField.OfString(TensorName, name));
        fields.Add(ProtoField.OfBytes(TensorRawData, raw));
        return fields;
    }

    private static string NameOf(List<ProtoField> message, int field) =>
        message.FirstOrDefault(f => f.Number == field && f.WireType == ProtoWireType.LengthDelimited)?.AsString() ?? string.Empty;
}
