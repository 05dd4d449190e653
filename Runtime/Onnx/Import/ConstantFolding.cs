using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

/// <summary>
/// Evaluates the small constant subgraphs exporters leave behind (PyTorch computes Pad's pads with ConstantOfShape, Concat,
/// Reshape, Slice, Transpose and Cast on constants), so the layer nodes after them read plain constants.
/// </summary>
internal static class ConstantFolding
{
    /// <summary>The operators evaluated when every input is a constant.</summary>
    public static readonly IReadOnlyList<string> Operators = new[]
    {
        "Constant", "ConstantOfShape", "Concat", "Reshape", "Slice", "Transpose", "Cast", "Unsqueeze", "Squeeze", "Identity", "Dropout",
    };

    /// <summary>Folds every node it can, in graph order; returns the folded nodes.</summary>
    public static HashSet<NodeProto> Fold(GraphProto graph, Dictionary<string, ConstantTensor> constants)
    {
        var folded = new HashSet<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (!Operators.Contains(node.OpType) || node.Output.Count == 0 || !node.Input.All(i => i.Length == 0 || constants.ContainsKey(i)))
            {
                continue;
            }
            var inputs = node.Input.Select(i => i.Length == 0 ? null : constants[i]).ToArray();
            var name = node.Output[0];
            constants[name] = node.OpType switch
            {
                "Constant" => ConstantTensor.From(node.Attribute.FirstOrDefault(a => a.Name == "value")?.T
                    ?? throw new OnnxImportException($"Node '{node.Name}' (Constant) has no tensor 'value'."), name),
                "ConstantOfShape" => Filled(node, inputs[0]!, name),
                "Concat" => Concat(node, inputs!, name),
                "Reshape" => Reshape(inputs[0]!, inputs[1]!, name),
                "Slice" => Slice(inputs, name),
                "Transpose" => Transpose(node, inputs[0]!, name),
                "Cast" => Cast(node, inputs[0]!, name),
                "Unsqueeze" => Unsqueeze(inputs[0]!, inputs.Length > 1 ? inputs[1] : null, node, name),
                "Squeeze" => new ConstantTensor(name, inputs[0]!.Dims.Where(d => d != 1).ToArray(), inputs[0]!.Values),
                _ => inputs[0]! with { Name = name }, // Identity, inference Dropout
            };
            folded.Add(node);
        }
        return folded;
    }

    private static ConstantTensor Filled(NodeProto node, ConstantTensor shape, string name)
    {
        var value = node.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } tensor ? ConstantTensor.From(tensor, name).Values.Single() : 0.0;
        var dims = shape.Values.Select(v => (long)v).ToArray();
        return new ConstantTensor(name, dims, Enumerable.Repeat(value, (int)dims.Aggregate(1L, (a, b) => a * b)).ToArray());
    }

    private static ConstantTensor Concat(NodeProto node, ConstantTensor[] inputs, string name)
    {
        var axis = node.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 0;
        if (inputs.Any(i => i.Dims.Length != 1) || axis is not (0 or -1))
        {
            throw new OnnxImportException($"Node '{node.Name}' (Concat) concatenates constants of rank above 1; the importer folds 1-D ones only.");
        }
        var values = inputs.SelectMany(i => i.Values).ToArray();
        return new ConstantTensor(name, new long[] { values.Length }, values);
    }

    private static ConstantTensor Reshape(ConstantTensor data, ConstantTensor shape, string name)
    {
        var dims = shape.Values.Select((v, i) => v == 0 ? data.Dims[i] : (long)v).ToArray();
        var known = dims.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        return new ConstantTensor(name, dims.Select(d => d == -1 ? data.Count / known : d).ToArray(), data.Values);
    }

    private static ConstantTensor Slice(ConstantTensor?[] inputs, string name)
    {
        var data = inputs[0]!;
        var rank = data.Dims.Length;
        var starts = inputs[1]!.Values;
        var ends = inputs[2]!.Values;
        var axes = inputs.Length > 3 && inputs[3] is { } a ? a.Values.Select(v => (int)(v < 0 ? v + rank : v)).ToArray() : Enumerable.Range(0, starts.Length).ToArray();
        var steps = inputs.Length > 4 && inputs[4] is { } s ? s.Values : Enumerable.Repeat(1.0, starts.Length).ToArray();
        // Per axis: the source indices taken, as ONNX clamps them.
        var taken = new List<long>[rank];
        for (var d = 0; d < rank; d++)
        {
            taken[d] = Enumerable.Range(0, (int)data.Dims[d]).Select(i => (long)i).ToList();
        }
        for (var i = 0; i < axes.Length; i++)
        {
            var size = data.Dims[axes[i]];
            var step = (long)steps[i];
            double start = starts[i] < 0 ? starts[i] + size : starts[i], end = ends[i] < 0 ? ends[i] + size : ends[i];
            var list = new List<long>();
            if (step > 0)
            {
                for (var k = (long)Math.Clamp(start, 0, size); k < Math.Clamp(end, 0, size); k += step)
                {
                    list.Add(k);
                }
            }
            else
            {
                for (var k = (long)Math.Clamp(start, -1, size - 1); k > Math.Clamp(end, -1, size - 1); k += step)
                {
                    list.Add(k);
                }
            }
            taken[axes[i]] = list;
        }
        var dims = taken.Select(t => (long)t.Count).ToArray();
        var values = new List<double>();
        var strides = Strides(data.Dims);
        Walk(dims, index => values.Add(data.Values[Enumerable.Range(0, rank).Sum(d => taken[d][(int)index[d]] * strides[d])]));
        return new ConstantTensor(name, dims, values.ToArray());
    }

    private static ConstantTensor Transpose(NodeProto node, ConstantTensor data, string name)
    {
        var rank = data.Dims.Length;
        var perm = node.Attribute.FirstOrDefault(a => a.Name == "perm")?.Ints.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, rank).Reverse().ToArray();
        var dims = perm.Select(p => data.Dims[p]).ToArray();
        var strides = Strides(data.Dims);
        var values = new List<double>();
        Walk(dims, index => values.Add(data.Values[Enumerable.Range(0, rank).Sum(d => index[d] * strides[perm[d]])]));
        return new ConstantTensor(name, dims, values.ToArray());
    }

    private static ConstantTensor Cast(NodeProto node, ConstantTensor data, string name)
    {
        var to = (TensorProto.Types.DataType)(node.Attribute.FirstOrDefault(a => a.Name == "to")?.I ?? 1);
        return to is TensorProto.Types.DataType.Float or TensorProto.Types.DataType.Double
            ? data with { Name = name }
            : new ConstantTensor(name, data.Dims, data.Values.Select(Math.Truncate).ToArray());
    }

    private static ConstantTensor Unsqueeze(ConstantTensor data, ConstantTensor? axesInput, NodeProto node, string name)
    {
        var axes = axesInput?.Values.Select(v => (long)v).ToArray() ?? node.Attribute.FirstOrDefault(a => a.Name == "axes")?.Ints.ToArray() ?? Array.Empty<long>();
        var rank = data.Dims.Length + axes.Length;
        var normalized = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var dims = new List<long>();
        var source = 0;
        for (var d = 0; d < rank; d++)
        {
            dims.Add(normalized.Contains(d) ? 1 : data.Dims[source++]);
        }
        return new ConstantTensor(name, dims.ToArray(), data.Values);
    }

    private static long[] Strides(long[] dims)
    {
        var strides = new long[dims.Length];
        var stride = 1L;
        for (var d = dims.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= dims[d];
        }
        return strides;
    }

    /// <summary>Calls <paramref name="visit"/> with every index of <paramref name="dims"/> in row-major order.</summary>
    private static void Walk(long[] dims, Action<long[]> visit)
    {
        if (dims.Any(d => d == 0))
        {
            return;
        }
        var index = new long[dims.Length];
        while (true)
        {
            visit(index);
            var d = dims.Length - 1;
            while (d >= 0 && ++index[d] == dims[d])
            {
                index[d] = 0;
                d--;
            }
            if (d < 0)
            {
                return;
            }
        }
    }
}
