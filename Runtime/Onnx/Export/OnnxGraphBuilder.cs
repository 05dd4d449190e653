using System;
using System.Collections.Generic;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Export;

/// <summary>How a graph value's axes are laid out: the network's NHWC, ONNX's NCHW, or a batch of vectors <c>[N, C]</c>.</summary>
internal enum ValueLayout
{
    Nhwc,
    Nchw,
    Vector,
}

/// <summary>A value in the graph being built: its name and layout.</summary>
internal readonly record struct GraphValue(string Name, ValueLayout Layout);

/// <summary>
/// Appends nodes and initializers to one ONNX graph and converts values between NHWC and NCHW with Transpose nodes,
/// at most once per value (convolutions and pooling run in NCHW, Dense/Flatten/LayerNormalization on the NHWC order).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Dictionary<string, GraphValue> _converted = new();
    private int _unnamed;

    public GraphProto Graph { get; } = new();

    /// <summary>A unique value name starting with <paramref name="stem"/>.</summary>
    public string Fresh(string stem) => $"{stem}/{_unnamed++}";

    /// <summary>Adds a node and returns its (single) output's name.</summary>
    public string Node(string opType, string stem, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        NodeTo(opType, Fresh(stem + "/" + opType), inputs, attributes);

    /// <summary>Adds a node whose output has the given name (the graph's output).</summary>
    public string NodeTo(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds a node with several outputs (MaxPool's values and indices) and returns their names.</summary>
    public string[] NodeWithOutputs(string opType, string stem, int outputs, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var names = new string[outputs];
        for (var i = 0; i < outputs; i++)
        {
            names[i] = Fresh(stem + "/" + opType);
        }
        var node = new NodeProto { OpType = opType, Name = names[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return names;
    }

    /// <summary>A float scalar (rank 0) constant with a fresh name (Clip's bounds, a factor).</summary>
    public string Scalar(string stem, float value) => Constant(Fresh(stem + "/scalar"), Array.Empty<int>(), new[] { value });

    /// <summary>
    /// A per-channel float constant shaped to broadcast against a value of <paramref name="layout"/>: <c>[C]</c> for
    /// NHWC and vectors (the last axis), <c>[C, 1, 1]</c> for NCHW.
    /// </summary>
    public string ChannelConstant(string name, ValueLayout layout, ReadOnlySpan<float> values) =>
        Constant(name, layout == ValueLayout.Nchw ? new[] { values.Length, 1, 1 } : new[] { values.Length }, values);

    /// <summary>A float constant of shape <paramref name="dims"/>.</summary>
    public string Constant(string name, IReadOnlyList<int> dims, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        foreach (var dim in dims)
        {
            tensor.Dims.Add(dim);
        }
        tensor.FloatData.Add(values.ToArray());
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>An int64 vector constant (Pad's pads, Reshape's shape).</summary>
    public string Int64Constant(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>The value in NCHW (a Transpose for NHWC values; vectors have no spatial axes and stay as they are).</summary>
    public GraphValue ToNchw(GraphValue value) => value.Layout == ValueLayout.Nhwc ? Convert(value, ValueLayout.Nchw, 0, 3, 1, 2) : value;

    /// <summary>The value in NHWC (a Transpose for NCHW values).</summary>
    public GraphValue ToNhwc(GraphValue value) => value.Layout == ValueLayout.Nchw ? Convert(value, ValueLayout.Nhwc, 0, 2, 3, 1) : value;

    private GraphValue Convert(GraphValue value, ValueLayout layout, params long[] permutation)
    {
        var key = value.Name + "|" + layout;
        if (!_converted.TryGetValue(key, out var converted))
        {
            converted = new GraphValue(Node("Transpose", value.Name, new[] { value.Name }, Ints("perm", permutation)), layout);
            _converted[key] = converted;
        }
        return converted;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>A float tensor value's type: element type and dimensions, <c>null</c> dimensions symbolic (<paramref name="symbol"/>).</summary>
    public static ValueInfoProto FloatValue(string name, string symbol, params int?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim is { } size ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = symbol });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
