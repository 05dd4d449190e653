using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

/// <summary>
/// Patterns of several nodes or with constants: activations folded after the fact (Gelu's five nodes), Average as
/// Add then Div by the count, PRelu's slope, and crops (Slice, or a Pad with negative pads) as Cropping2D.
/// </summary>
internal sealed partial class GraphTranslator
{
    /// <summary>ONNX's Selu constants equal Keras' (which are the float values of the paper's).</summary>
    private static bool IsKerasSelu(NodeProto node) =>
        Math.Abs(Float(node, "alpha", 1.67326319f) - 1.67326324f) < 1e-6f && Math.Abs(Float(node, "gamma", 1.05070102f) - 1.05070098f) < 1e-6f;

    /// <summary>Clip from 0 to 6 (PyTorch's ReLU6 and Hardtanh(0, 6)): bounds as constant inputs (opset 11+) or attributes.</summary>
    private bool IsRelu6(NodeProto node)
    {
        double? Bound(int index, string attribute)
        {
            if (node.Input.Count > index && node.Input[index].Length > 0)
            {
                return _constants.TryGetValue(node.Input[index], out var value) && value.Count == 1 ? value.Values[0] : null;
            }
            return Attribute(node, attribute) is { } a ? a.F : null;
        }
        return Bound(1, "min") == 0 && Bound(2, "max") == 6;
    }

    /// <summary>
    /// Folds an activation into the layer that produced <paramref name="input"/> when that is the last layer, takes an
    /// activation, and nothing but the activation's nodes (<paramref name="readers"/>) reads its output.
    /// </summary>
    private bool TryFoldActivation(NodeProto node, ImportedValue input, string activation, int readers = 1, NodeProto? last = null)
    {
        if (input.Producer is not { TakesActivation: true } layer || layer != _layers[^1] || input.PendingPad is not null
            || !_consumers.TryGetValue(node.Input[0], out var consumers) || consumers.Count != readers || _graph.Output.Any(o => o.Name == node.Input[0]))
        {
            return false;
        }
        layer.Named.Add($"Activation = Activation.{activation}");
        layer.TakesActivation = false;
        layer.Origin += " + " + node.Name;
        Define(last ?? node, input);
        return true;
    }

    /// <summary>Div: the head of PyTorch's exact Gelu (<c>x * (erf(x / sqrt 2) + 1) * 0.5</c>), or an Add of n inputs divided by n (Average).</summary>
    private void Divide(NodeProto node)
    {
        var x = Value(node.Input[0], Reader(node));
        var divisor = Constant(node, 1, "divisor");
        if (divisor.Count == 1 && Math.Abs(divisor.Values[0] - Math.Sqrt(2)) < 1e-6 && GeluTail(node, node.Input[0]) is { } tail)
        {
            _absorbed.UnionWith(tail);
            var last = tail[^1];
            if (TryFoldActivation(node, x, "Gelu", readers: 2, last))
            {
                _layers[^1].Origin += $" .. {last.Name}";
                return;
            }
            var input = Materialize(node, x);
            var layer = Add(node, "Activation", "activation", input);
            layer.Positional.Add("Activation.Gelu");
            layer.Origin = $"{node.Name} .. {last.Name}";
            Define(last, input with { Producer = layer });
            return;
        }
        if (divisor.Count == 1 && x.Producer is { Kind: "Add" } add && add == _layers[^1] && add.MergeInputs.Count == divisor.Values[0]
            && OnlyConsumer(node.Input[0]) == node)
        {
            add.Kind = "Average";
            add.Prefix = "average";
            add.Origin += " + " + node.Name;
            Define(node, x);
            return;
        }
        throw NotExpressible(node, "a division that is neither Gelu's x / sqrt(2) nor an Add of n layers divided by n (Average)");
    }

    /// <summary>Erf, Add 1, Mul by x, Mul by 0.5 after Gelu's Div, each the only reader of the one before; null when the chain differs.</summary>
    private List<NodeProto>? GeluTail(NodeProto div, string x)
    {
        var erf = OnlyConsumer(div.Output[0]);
        var plusOne = erf is { OpType: "Erf" } ? OnlyConsumer(erf.Output[0]) : null;
        var timesX = plusOne is { OpType: "Add" } && ConstantOperand(plusOne, erf!.Output[0]) == 1 ? OnlyConsumer(plusOne.Output[0]) : null;
        var half = timesX is { OpType: "Mul" } && timesX.Input.Contains(x) && timesX.Input.Contains(plusOne!.Output[0]) ? OnlyConsumer(timesX.Output[0]) : null;
        return half is { OpType: "Mul" } && ConstantOperand(half, timesX!.Output[0]) == 0.5 ? new List<NodeProto> { erf!, plusOne!, timesX, half } : null;
    }

    /// <summary>The scalar constant a binary node combines with <paramref name="operand"/>, or null.</summary>
    private double? ConstantOperand(NodeProto node, string operand)
    {
        if (node.Input.Count != 2)
        {
            return null;
        }
        var other = node.Input[0] == operand ? node.Input[1] : node.Input[1] == operand ? node.Input[0] : null;
        return other is not null && _constants.TryGetValue(other, out var value) && value.Count == 1 ? value.Values[0] : null;
    }

    /// <summary>
    /// PRelu: PyTorch's slope <c>[C, 1, 1]</c> (one per channel), <c>[1]</c> (one for all) or a full map, broadcast
    /// against NCHW; Keras' alpha is NHWC <c>[H', W', C']</c> with size 1 along its <c>SharedAxes</c>.
    /// </summary>
    private void PReLU(NodeProto node)
    {
        var input = Materialize(node, Value(node.Input[0], Reader(node)));
        var slope = Constant(node, 1, "slope");
        var rank = input.IsImage ? 3 : 1;
        var dims = slope.Dims.Select(d => (int)d).ToList();
        while (dims.Count > rank && dims[0] == 1)
        {
            dims.RemoveAt(0);
        }
        while (dims.Count < rank)
        {
            dims.Insert(0, 1);
        }
        var sizes = input.IsImage ? new[] { input.Channels, input.Height, input.Width } : new[] { input.Channels };
        if (dims.Count != rank || dims.Where((size, axis) => size != 1 && size != sizes[axis]).Any())
        {
            throw NotExpressible(node, $"a slope of shape [{string.Join(", ", slope.Dims)}] for a {input.Describe()} input");
        }
        var layer = Add(node, "PReLU", "p_re_lu", input);
        var values = slope.Floats();
        float[] alpha;
        int[] shape;
        var shared = new List<int>();
        if (input.IsImage)
        {
            int c = dims[0], h = dims[1], w = dims[2];
            alpha = new float[values.Length];
            for (var k = 0; k < c; k++)
            {
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        alpha[(y * w + x) * c + k] = values[(k * h + y) * w + x];
                    }
                }
            }
            shape = new[] { h, w, c };
            // Keras' axes: 1 rows, 2 columns, 3 channels; an axis of size 1 in the input is the same either way.
            shared.AddRange(new[] { (1, h, input.Height), (2, w, input.Width), (3, c, input.Channels) }.Where(a => a.Item2 == 1 && a.Item3 > 1).Select(a => a.Item1));
        }
        else
        {
            if (input.Order is not null && dims[0] != 1)
            {
                throw NotExpressible(node, "a per-feature slope on a flattened NCHW map");
            }
            alpha = values;
            shape = new[] { dims[0] };
            if (dims[0] == 1 && input.Channels > 1)
            {
                shared.Add(1);
            }
        }
        if (shared.Count > 0)
        {
            layer.Named.Add($"SharedAxes = new[] {{ {string.Join(", ", shared.Select(Literal))} }}");
        }
        layer.Tensors.Add(("alpha", shape, alpha));
        Define(node, input with { Producer = layer });
    }

    /// <summary>A Slice of rows and columns only, step 1 (<c>x[:, :, 1:-1, 2:]</c>): a Cropping2D.</summary>
    private void Slice(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        var starts = Constant(node, 1, "starts").Values;
        var ends = Constant(node, 2, "ends").Values;
        var axes = OptionalConstant(node, 3, "axes")?.Values ?? Enumerable.Range(0, starts.Length).Select(a => (double)a).ToArray();
        var steps = OptionalConstant(node, 4, "steps")?.Values ?? Enumerable.Repeat(1.0, starts.Length).ToArray();
        var sizes = new[] { int.MaxValue, input.Channels, input.Height, input.Width };
        var crop = new int[4]; // top, bottom, left, right
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = (int)(axes[i] < 0 ? axes[i] + 4 : axes[i]);
            if (axis is < 0 or > 3 || steps[i] != 1)
            {
                throw NotExpressible(node, $"a slice of axis {axes[i]} with step {steps[i]} (Cropping2D keeps a window of rows and columns, step 1)");
            }
            var size = sizes[axis];
            var start = (long)Math.Clamp(starts[i] < 0 ? starts[i] + size : starts[i], 0, size);
            var end = (long)Math.Clamp(ends[i] < 0 ? ends[i] + size : ends[i], 0, size);
            if (axis < 2)
            {
                if (start != 0 || end < size)
                {
                    throw NotExpressible(node, $"a slice of the {(axis == 0 ? "batch" : "channel")} axis");
                }
                continue;
            }
            (crop[(axis - 2) * 2], crop[(axis - 2) * 2 + 1]) = ((int)start, (int)(size - end));
        }
        Define(node, Crop(node, input, crop[0], crop[1], crop[2], crop[3]));
    }

    /// <summary>A Cropping2D layer; every side at least 0 and something left.</summary>
    private ImportedValue Crop(NodeProto node, ImportedValue input, int top, int bottom, int left, int right)
    {
        int height = input.Height - top - bottom, width = input.Width - left - right;
        if (height <= 0 || width <= 0)
        {
            throw NotExpressible(node, $"a crop that leaves {height}x{width} of {input.Height}x{input.Width}");
        }
        var layer = Add(node, "Cropping2D", "cropping2d", input);
        layer.Positional.AddRange(top == bottom && left == right && top == left ? new[] { Literal(top) } : new[] { top, bottom, left, right }.Select(Literal));
        return ImportedValue.Image(height, width, input.Channels, layer);
    }
}
