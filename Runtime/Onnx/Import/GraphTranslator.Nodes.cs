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
                if (!TrySwish(node))
                {
                    Merge(node);
                }
                return;
            case "Sub":
            case "Max":
            case "Min":
            case "Mean":
                Merge(node);
                return;
            case "Div":
                Divide(node);
                return;
            case "Selu":
            case "HardSwish":
            case "Clip":
                StandaloneActivation(node);
                return;
            case "PRelu":
                PReLU(node);
                return;
            case "Slice":
                Slice(node);
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
            "Selu" when IsKerasSelu(next) => "Selu",
            "HardSwish" => "HardSwish",
            "Clip" when IsRelu6(next) => "Relu6",
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

    /// <summary>
    /// Conv: Conv2D (group 1), DepthwiseConv2D (group = input channels, a depth multiplier of out / in), or Conv2D with
    /// Groups; strides per axis; Pad nodes and pads folded into Same when they are Keras' Same, else a ZeroPadding2D.
    /// </summary>
    private void Convolution(NodeProto node)
    {
        var input = Image(node);
        var weights = Constant(node, 1, "weight");
        var bias = OptionalConstant(node, 2, "bias");
        if (weights.Dims.Length != 4)
        {
            throw NotExpressible(node, $"a weight of rank {weights.Dims.Length} (a 2-D convolution has [O, I, kh, kw])");
        }
        var group = (int)Int(node, "group", 1);
        int filters = (int)weights.Dims[0], perGroup = (int)weights.Dims[1], kh = (int)weights.Dims[2], kw = (int)weights.Dims[3];
        var channels = perGroup * group;
        var source = input.PendingPad?.Source ?? input;
        if (group < 1 || channels != source.Channels || filters % group != 0)
        {
            throw NotExpressible(node, $"its weight [{string.Join(", ", weights.Dims)}] in {group} group(s) does not fit its input's {source.Channels} channels");
        }
        var depthwise = group > 1 && perGroup == 1;
        var (sh, sw, dilation) = StridesAndDilation(node);
        var pads = Ints(node, "pads", 0, 0, 0, 0);
        var autoPad = Text(node, "auto_pad", "NOTSET");
        var (top, left, bottom, right) = ((int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            (top, bottom) = SamePads(source.Height, kh, sh, dilation, autoPad == "SAME_LOWER");
            (left, right) = SamePads(source.Width, kw, sw, dilation, autoPad == "SAME_LOWER");
        }
        if (input.PendingPad is { } pending)
        {
            // Pad then Conv: one padding, Same when it is exactly Keras' Same, else a ZeroPadding2D.
            (top, bottom, left, right) = (top + pending.Top, bottom + pending.Bottom, left + pending.Left, right + pending.Right);
        }
        var same = (top, bottom) == SamePads(source.Height, kh, sh, dilation, false) && (left, right) == SamePads(source.Width, kw, sw, dilation, false);
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
        var outHeight = (height - (dilation * (kh - 1) + 1)) / sh + 1;
        var outWidth = (width - (dilation * (kw - 1) + 1)) / sw + 1;
        if (outHeight <= 0 || outWidth <= 0)
        {
            throw NotExpressible(node, $"a {kh}x{kw} kernel does not fit its {source.Height}x{source.Width} input");
        }
        var layer = depthwise ? Add(node, "DepthwiseConv2D", "depthwise_conv2d", reads) : Add(node, "Conv2D", "conv2d", reads);
        var output = ImportedValue.Image(outHeight, outWidth, filters, layer);
        // A Pad folded into Same padding is named with the convolution that absorbed it.
        var origin = same && !valid && input.PadOrigin is { } folded ? folded + " + " + node.Name : node.Name;
        var activation = FoldActivation(node, ref origin, output);
        layer.Origin = origin;
        layer.TakesActivation = activation is null;
        if (!depthwise)
        {
            layer.Positional.Add(Literal(filters));
        }
        AddKernelSize(layer, kh, kw);
        if (depthwise && filters != channels)
        {
            layer.Named.Add($"DepthMultiplier = {Literal(filters / channels)}");
        }
        if (group > 1 && !depthwise)
        {
            layer.Named.Add($"Groups = {Literal(group)}");
        }
        AddWindowArguments(layer, sh, sw, same && !valid, dilation, activation, bias is not null);
        var kernel = new float[weights.Values.Length];
        if (depthwise)
        {
            // ONNX [C * M, 1, kh, kw] (output channel c * M + m reads channel c) -> Keras [kh, kw, C, M]: the same order of outputs.
            for (var o = 0; o < filters; o++)
            {
                for (var t = 0; t < kh * kw; t++)
                {
                    kernel[t * filters + o] = (float)weights.Values[o * kh * kw + t];
                }
            }
            layer.Tensors.Add(("depthwise_kernel", new[] { kh, kw, channels, filters / channels }, kernel));
        }
        else
        {
            // ONNX [O, I / groups, kh, kw] -> HWIO [kh, kw, I / groups, O] (both keep group g's filters in the g-th run).
            for (var o = 0; o < filters; o++)
            {
                for (var i = 0; i < perGroup; i++)
                {
                    for (var y = 0; y < kh; y++)
                    {
                        for (var x = 0; x < kw; x++)
                        {
                            kernel[((y * kw + x) * perGroup + i) * filters + o] = (float)weights.Values[((o * perGroup + i) * kh + y) * kw + x];
                        }
                    }
                }
            }
            layer.Tensors.Add(("kernel", new[] { kh, kw, perGroup, filters }, kernel));
        }
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
        var (sh, sw, dilation) = StridesAndDilation(node);
        if (Attribute(node, "output_shape") is not null || Text(node, "auto_pad", "NOTSET") != "NOTSET")
        {
            throw NotExpressible(node, "output_shape/auto_pad on ConvTranspose (export with explicit pads)");
        }
        var pads = Ints(node, "pads", 0, 0, 0, 0);
        var outputPadding = Ints(node, "output_padding", 0, 0);
        // ONNX keeps cells begin .. begin + size of the full transposed convolution (zeros and bias past its end).
        var onnxHeight = (input.Height - 1) * sh + dilation * (kh - 1) + 1 + (int)outputPadding[0] - (int)pads[0] - (int)pads[2];
        var onnxWidth = (input.Width - 1) * sw + dilation * (kw - 1) + 1 + (int)outputPadding[1] - (int)pads[1] - (int)pads[3];
        var match = KerasTransposeArguments(input, kh, kw, sh, sw, dilation, onnxHeight, (int)pads[0], onnxWidth, (int)pads[1])
            ?? throw NotExpressible(node, $"pads [{string.Join(", ", pads)}] with output_padding [{string.Join(", ", outputPadding)}] match no Keras Padding and OutputPadding");
        var layer = Add(node, "Conv2DTranspose", "conv2d_transpose", input);
        var output = ImportedValue.Image(onnxHeight, onnxWidth, filters, layer);
        var origin = node.Name;
        var activation = FoldActivation(node, ref origin, output);
        layer.Origin = origin;
        layer.TakesActivation = activation is null;
        layer.Positional.Add(Literal(filters));
        AddKernelSize(layer, kh, kw);
        if (match.OutputPadding is { } padding)
        {
            layer.Named.Add($"OutputPadding = {Literal(padding)}");
        }
        AddWindowArguments(layer, sh, sw, match.Same, dilation, activation, bias is not null);
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

    /// <summary>
    /// The Keras Padding and OutputPadding whose output size and leading crop equal ONNX's on both axes (the generator's
    /// <c>ConvArithmetic.Transpose</c>/<c>TransposeWithOutputPadding</c>), without output padding first; null when none does.
    /// </summary>
    private static (bool Same, int? OutputPadding)? KerasTransposeArguments(ImportedValue input, int kh, int kw, int sh, int sw, int dilation,
        int height, int top, int width, int left)
    {
        var candidates = new List<(bool Same, int? OutputPadding)> { (false, null), (true, null) };
        for (var padding = 0; padding < Math.Min(sh, sw); padding++)
        {
            candidates.Add((false, padding));
            candidates.Add((true, padding));
        }
        foreach (var candidate in candidates)
        {
            if (KerasTranspose(input.Height, kh, sh, dilation, candidate) == (height, top) && KerasTranspose(input.Width, kw, sw, dilation, candidate) == (width, left))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>One axis of Keras' transposed convolution: output size and the cells cropped before it.</summary>
    private static (int Size, int Before) KerasTranspose(int size, int kernel, int stride, int dilation, (bool Same, int? OutputPadding) arguments)
    {
        var span = dilation * (kernel - 1) + 1;
        if (arguments.OutputPadding is not { } padding)
        {
            return arguments.Same ? (size * stride, Math.Max((size - 1) * stride + span - size * stride, 0) / 2) : (size * stride + Math.Max(span - stride, 0), 0);
        }
        if (!arguments.Same)
        {
            return ((size - 1) * stride + span + padding, 0);
        }
        var total = span + span % 2 - 2 + padding;
        return ((size - 1) * stride + span % 2 + padding, span - 1 - Math.Min(total / 2 + total % 2, span - 1));
    }

    /// <summary>Strides per axis (StridesHeight/StridesWidth when they differ) and one dilation (DilationRate is one number).</summary>
    private (int StrideHeight, int StrideWidth, int Dilation) StridesAndDilation(NodeProto node)
    {
        var strides = Ints(node, "strides", 1, 1);
        var dilations = Ints(node, "dilations", 1, 1);
        if (strides.Length != 2 || dilations.Length != 2 || dilations[0] != dilations[1])
        {
            throw NotExpressible(node, $"strides [{string.Join(", ", strides)}] / dilations [{string.Join(", ", dilations)}] (a 2-D window with one DilationRate)");
        }
        return ((int)strides[0], (int)strides[1], (int)dilations[0]);
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

    private static void AddWindowArguments(ImportedLayer layer, int strideHeight, int strideWidth, bool same, int dilation, string? activation, bool useBias)
    {
        AddStrides(layer, strideHeight, strideWidth);
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

    /// <summary><c>Strides = s</c>, or <c>StridesHeight</c> and <c>StridesWidth</c> when they differ; nothing for 1.</summary>
    private static void AddStrides(ImportedLayer layer, int strideHeight, int strideWidth)
    {
        if (strideHeight != strideWidth)
        {
            layer.Named.Add($"StridesHeight = {Literal(strideHeight)}");
            layer.Named.Add($"StridesWidth = {Literal(strideWidth)}");
        }
        else if (strideHeight != 1)
        {
            layer.Named.Add($"Strides = {Literal(strideHeight)}");
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
