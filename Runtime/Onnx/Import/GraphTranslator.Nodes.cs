using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

internal sealed partial class GraphTranslator
{
    private void Translate(NodeProto node)
    {
        switch (node.OpType)
        {
            case "Identity":
            case "Dropout":
                Define(node, Value(node.Input[0], Reader(node))); // inference: the identity
                return;
            case "Conv":
                Convolution(node);
                return;
            case "ConvTranspose":
                ConvolutionTranspose(node);
                return;
            case "Gemm":
            case "MatMul":
                Dense(node);
                return;
            case "MaxPool":
            case "AveragePool":
                Pooling(node);
                return;
            case "GlobalAveragePool":
            case "GlobalMaxPool":
                GlobalPooling(node);
                return;
            case "BatchNormalization":
                BatchNormalization(node);
                return;
            case "Relu":
            case "LeakyRelu":
            case "Sigmoid":
            case "Tanh":
            case "Softmax":
            case "Elu":
            case "Softplus":
                StandaloneActivation(node);
                return;
            case "Mul":
                Swish(node);
                return;
            case "Flatten":
            case "Reshape":
                Flatten(node);
                return;
            case "Pad":
                Pad(node);
                return;
            case "Resize":
            case "Upsample":
                Resize(node);
                return;
            case "Add":
            case "Concat":
                Merge(node);
                return;
            default:
                throw NotExpressible(node, "unsupported operator");
        }
    }

    private static string Reader(NodeProto node) => $"Node '{node.Name}' ({node.OpType})";

    private ImportedValue Image(NodeProto node)
    {
        var value = Value(node.Input[0], Reader(node));
        if (!value.IsImage && value.PendingPad is null)
        {
            throw NotExpressible(node, $"it expects a feature map [N, C, H, W] but reads {value.Describe()}");
        }
        return value;
    }

    /// <summary>The activation that may fold into a Conv/ConvTranspose/Dense: its only reader, when the declaration's enum has it.</summary>
    private string? FoldActivation(NodeProto node, ref string origin, ImportedValue output)
    {
        if (OnlyConsumer(node.Output[0]) is not { } next)
        {
            return null;
        }
        string? activation = next.OpType switch
        {
            "Relu" => "Relu",
            "Sigmoid" => "Sigmoid",
            "Tanh" => "Tanh",
            "Softplus" => "Softplus",
            "Elu" when Math.Abs(Float(next, "alpha", 1f) - 1f) < 1e-7f => "Elu",
            "LeakyRelu" when Float(next, "alpha", 0.01f) == 0.2f => "LeakyRelu", // Keras' "leaky_relu" activation slope
            "Softmax" when !output.IsImage && Int(next, "axis", -1) is 1 or -1 => "Softmax",
            _ => null,
        };
        if (activation is null)
        {
            return null;
        }
        _absorbed.Add(next);
        origin += " + " + next.Name;
        _values[next.Output[0]] = output;
        return activation;
    }

    private void Convolution(NodeProto node)
    {
        var input = Image(node);
        var weights = Constant(node, 1, "weight");
        var bias = OptionalConstant(node, 2, "bias");
        if (Int(node, "group", 1) != 1)
        {
            throw NotExpressible(node, $"a grouped convolution (group = {Int(node, "group", 1)})");
        }
        if (weights.Dims.Length != 4)
        {
            throw NotExpressible(node, $"a weight of rank {weights.Dims.Length} (a 2-D convolution has [O, I, kh, kw])");
        }
        int filters = (int)weights.Dims[0], channels = (int)weights.Dims[1], kh = (int)weights.Dims[2], kw = (int)weights.Dims[3];
        var source = input.PendingPad?.Source ?? input;
        if (channels != source.Channels)
        {
            throw NotExpressible(node, $"its weight has {channels} input channels but its input has {source.Channels}");
        }
        var (stride, dilation) = SquareStrideAndDilation(node);
        var pads = Ints(node, "pads", 0, 0, 0, 0);
        var autoPad = Text(node, "auto_pad", "NOTSET");
        var (top, left, bottom, right) = ((int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            (top, bottom) = SamePads(source.Height, kh, stride, dilation, autoPad == "SAME_LOWER");
            (left, right) = SamePads(source.Width, kw, stride, dilation, autoPad == "SAME_LOWER");
        }
        if (input.PendingPad is { } pending)
        {
            // Pad then Conv: one padding, Same when it is exactly Keras' Same, else a ZeroPadding2D.
            (top, bottom, left, right) = (top + pending.Top, bottom + pending.Bottom, left + pending.Left, right + pending.Right);
        }
        var same = (top, bottom) == SamePads(source.Height, kh, stride, dilation, false) && (left, right) == SamePads(source.Width, kw, stride, dilation, false);
        var valid = top == 0 && bottom == 0 && left == 0 && right == 0;
        ImportedValue reads = source;
        if (!same && !valid)
        {
            // The ZeroPadding2D stands for the Pad node, the convolution's own pads, or both.
            var padOrigin = input.PadOrigin is not { } padNode ? "pads of " + node.Name
                : pads.All(p => p == 0) ? padNode : padNode + " + pads of " + node.Name;
            reads = Materialize(node, source with { PendingPad = (top, bottom, left, right, source), PadOrigin = padOrigin });
        }
        int height = reads.Height + (same ? top + bottom : 0), width = reads.Width + (same ? left + right : 0);
        var outHeight = (height - (dilation * (kh - 1) + 1)) / stride + 1;
        var outWidth = (width - (dilation * (kw - 1) + 1)) / stride + 1;
        if (outHeight <= 0 || outWidth <= 0)
        {
            throw NotExpressible(node, $"a {kh}x{kw} kernel does not fit its {source.Height}x{source.Width} input");
        }
        var layer = Add(node, "Conv2D", "conv2d", reads);
        var output = ImportedValue.Image(outHeight, outWidth, filters, layer);
        // A Pad folded into Same padding is named with the convolution that absorbed it.
        var origin = same && !valid && input.PadOrigin is { } folded ? folded + " + " + node.Name : node.Name;
        var activation = FoldActivation(node, ref origin, output);
        layer.Origin = origin;
        layer.Positional.Add(Literal(filters));
        AddKernelSize(layer, kh, kw);
        AddWindowArguments(layer, stride, same && !valid, dilation, activation, bias is not null);
        // ONNX [O, I, kh, kw] -> HWIO [kh, kw, I, O].
        var kernel = new float[weights.Values.Length];
        for (var o = 0; o < filters; o++)
        {
            for (var i = 0; i < channels; i++)
            {
                for (var y = 0; y < kh; y++)
                {
                    for (var x = 0; x < kw; x++)
                    {
                        kernel[((y * kw + x) * channels + i) * filters + o] = (float)weights.Values[((o * channels + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        layer.Tensors.Add(("kernel", new[] { kh, kw, channels, filters }, kernel));
        AddBias(node, layer, bias, filters);
        Define(node, output);
    }

    private void ConvolutionTranspose(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        var weights = Constant(node, 1, "weight");
        var bias = OptionalConstant(node, 2, "bias");
        if (Int(node, "group", 1) != 1 || weights.Dims.Length != 4)
        {
            throw NotExpressible(node, "a grouped or non-2-D transposed convolution");
        }
        int channels = (int)weights.Dims[0], filters = (int)weights.Dims[1], kh = (int)weights.Dims[2], kw = (int)weights.Dims[3];
        if (channels != input.Channels)
        {
            throw NotExpressible(node, $"its weight has {channels} input channels but its input has {input.Channels}");
        }
        var (stride, dilation) = SquareStrideAndDilation(node);
        if (Attribute(node, "output_shape") is not null || Text(node, "auto_pad", "NOTSET") != "NOTSET")
        {
            throw NotExpressible(node, "output_shape/auto_pad on ConvTranspose (export with explicit pads)");
        }
        var pads = Ints(node, "pads", 0, 0, 0, 0);
        var outputPadding = Ints(node, "output_padding", 0, 0);
        bool? same = null;
        var sizes = new int[2];
        for (var axis = 0; axis < 2; axis++)
        {
            var size = axis == 0 ? input.Height : input.Width;
            var k = dilation * ((axis == 0 ? kh : kw) - 1) + 1;
            var onnx = (size - 1) * stride + k + (int)outputPadding[axis] - (int)pads[axis] - (int)pads[axis + 2];
            // Keras: Valid out = in*s + max(k'-s, 0), nothing cropped; Same out = in*s, max(k'-s, 0) cropped, the smaller half first.
            var total = Math.Max(k - stride, 0);
            var isValid = pads[axis] == 0 && pads[axis + 2] == 0 && onnx == size * stride + total;
            var isSame = onnx == size * stride && pads[axis] == total / 2;
            var axisSame = isSame && !isValid ? true : isValid ? false : throw NotExpressible(node,
                $"pads [{string.Join(", ", pads)}] with output_padding [{string.Join(", ", outputPadding)}] match neither Keras' Valid nor Same");
            if (same is { } other && other != axisSame && !(isSame && isValid))
            {
                throw NotExpressible(node, "Same padding on one axis and Valid on the other");
            }
            same ??= axisSame;
            sizes[axis] = onnx;
        }
        var layer = Add(node, "Conv2DTranspose", "conv2d_transpose", input);
        var output = ImportedValue.Image(sizes[0], sizes[1], filters, layer);
        var origin = node.Name;
        var activation = FoldActivation(node, ref origin, output);
        layer.Origin = origin;
        layer.Positional.Add(Literal(filters));
        AddKernelSize(layer, kh, kw);
        AddWindowArguments(layer, stride, same == true, dilation, activation, bias is not null);
        // ONNX [I, O, kh, kw] -> Keras [kh, kw, O, I].
        var kernel = new float[weights.Values.Length];
        for (var i = 0; i < channels; i++)
        {
            for (var o = 0; o < filters; o++)
            {
                for (var y = 0; y < kh; y++)
                {
                    for (var x = 0; x < kw; x++)
                    {
                        kernel[((y * kw + x) * filters + o) * channels + i] = (float)weights.Values[((i * filters + o) * kh + y) * kw + x];
                    }
                }
            }
        }
        layer.Tensors.Add(("kernel", new[] { kh, kw, filters, channels }, kernel));
        AddBias(node, layer, bias, filters);
        Define(node, output);
    }

    private (int Stride, int Dilation) SquareStrideAndDilation(NodeProto node)
    {
        var strides = Ints(node, "strides", 1, 1);
        var dilations = Ints(node, "dilations", 1, 1);
        if (strides.Length != 2 || strides[0] != strides[1] || dilations.Length != 2 || dilations[0] != dilations[1])
        {
            throw NotExpressible(node, $"strides [{string.Join(", ", strides)}] / dilations [{string.Join(", ", dilations)}] differ between height and width (Strides and DilationRate are one number)");
        }
        return ((int)strides[0], (int)dilations[0]);
    }

    /// <summary>Keras' Same padding of one axis: the odd cell after (or before, for ONNX's SAME_LOWER).</summary>
    private static (int Before, int After) SamePads(int size, int kernel, int stride, int dilation, bool lower)
    {
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + dilation * (kernel - 1) + 1 - size, 0);
        return lower ? (total - total / 2, total / 2) : (total / 2, total - total / 2);
    }

    private static void AddKernelSize(ImportedLayer layer, int kh, int kw)
    {
        layer.Positional.Add(Literal(kh));
        if (kw != kh)
        {
            layer.Positional.Add(Literal(kw));
        }
    }

    private static void AddWindowArguments(ImportedLayer layer, int stride, bool same, int dilation, string? activation, bool useBias)
    {
        if (stride != 1)
        {
            layer.Named.Add($"Strides = {Literal(stride)}");
        }
        if (same)
        {
            layer.Named.Add("Padding = Padding.Same");
        }
        if (dilation != 1)
        {
            layer.Named.Add($"DilationRate = {Literal(dilation)}");
        }
        if (activation is not null)
        {
            layer.Named.Add($"Activation = Activation.{activation}");
        }
        if (!useBias)
        {
            layer.Named.Add("UseBias = false");
        }
    }

    private static void AddBias(NodeProto node, ImportedLayer layer, ConstantTensor? bias, int units)
    {
        if (bias is null)
        {
            return;
        }
        if (bias.Count != units)
        {
            throw NotExpressible(node, $"its bias has {bias.Count} values for {units} outputs");
        }
        layer.Tensors.Add(("bias", new[] { units }, bias.Floats()));
    }
}
