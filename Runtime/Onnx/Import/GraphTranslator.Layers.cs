using System;
using System.Collections.Generic;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

internal sealed partial class GraphTranslator
{
    /// <summary>Gemm (PyTorch's Linear) or MatMul (+ Add of a constant bias): a Dense layer on a vector.</summary>
    private void Dense(NodeProto node)
    {
        var input = Value(node.Input[0], Reader(node));
        if (input.IsImage)
        {
            throw NotExpressible(node, $"a matrix product on a feature map {input.Describe()} (PyTorch multiplies the last NCHW axis, the width; flatten first)");
        }
        var weights = Constant(node, 1, "weight");
        if (weights.Dims.Length != 2)
        {
            throw NotExpressible(node, $"a weight of rank {weights.Dims.Length}");
        }
        var transposed = node.OpType == "Gemm" && Int(node, "transB", 0) == 1;
        if (node.OpType == "Gemm" && (Int(node, "transA", 0) != 0 || Float(node, "alpha", 1f) != 1f || Float(node, "beta", 1f) != 1f))
        {
            throw NotExpressible(node, "Gemm with transA or alpha/beta other than 1");
        }
        int inputs = (int)weights.Dims[transposed ? 1 : 0], units = (int)weights.Dims[transposed ? 0 : 1];
        if (inputs != input.Channels)
        {
            throw NotExpressible(node, $"its weight takes {inputs} features but its input has {input.Channels}");
        }
        var bias = node.OpType == "Gemm" ? OptionalConstant(node, 2, "bias") : null;
        var origin = node.Name;
        var outputName = node.Output[0];
        if (node.OpType == "MatMul" && OnlyConsumer(outputName) is { OpType: "Add" } add)
        {
            var other = add.Input[0] == outputName ? 1 : 0;
            if (_constants.TryGetValue(add.Input[other], out var addend) && addend.Count == units)
            {
                bias = addend;
                _absorbed.Add(add);
                origin += " + " + add.Name;
                outputName = add.Output[0];
            }
        }
        var layer = Add(node, "Dense", "dense", input);
        var output = ImportedValue.Vector(units, layer);
        var carrier = new NodeProto { Name = node.Name, OpType = node.OpType };
        carrier.Output.Add(outputName);
        var activation = FoldActivation(carrier, ref origin, output);
        layer.Origin = origin;
        layer.TakesActivation = activation is null;
        layer.Positional.Add(Literal(units));
        if (activation is not null)
        {
            layer.Named.Add($"Activation = Activation.{activation}");
        }
        if (bias is null)
        {
            layer.Named.Add("UseBias = false");
        }
        // Keras [in, out]; row p of ours is PyTorch's feature Order[p] (a flattened NCHW map).
        var kernel = new float[inputs * units];
        for (var p = 0; p < inputs; p++)
        {
            var row = input.Order?[p] ?? p;
            for (var u = 0; u < units; u++)
            {
                kernel[p * units + u] = (float)(transposed ? weights.Values[u * inputs + row] : weights.Values[row * units + u]);
            }
        }
        layer.Tensors.Add(("kernel", new[] { inputs, units }, kernel));
        AddBias(node, layer, bias, units);
        _values[outputName] = output;
    }

    private void Pooling(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        var kernel = Ints(node, "kernel_shape");
        var strides = Ints(node, "strides", 1, 1);
        var pads = Ints(node, "pads", 0, 0, 0, 0);
        if (kernel.Length != 2 || Ints(node, "dilations", 1, 1).Any(d => d != 1) || Text(node, "auto_pad", "NOTSET") != "NOTSET" || strides.Length != 2)
        {
            throw NotExpressible(node, "a pooling window that is not 2-D, is dilated or uses auto_pad");
        }
        int ph = (int)kernel[0], pw = (int)kernel[1], sh = (int)strides[0], sw = (int)strides[1];
        var ceil = Int(node, "ceil_mode", 0) == 1;
        var average = node.OpType == "AveragePool";
        var countPad = average && Int(node, "count_include_pad", 0) == 1;
        var outHeight = PoolOutput(input.Height, ph, sh, (int)(pads[0] + pads[2]), ceil);
        var outWidth = PoolOutput(input.Width, pw, sw, (int)(pads[1] + pads[3]), ceil);
        var zero = pads.All(p => p == 0);
        bool same;
        if (zero && !ceil || zero && outHeight == (input.Height - ph) / sh + 1 && outWidth == (input.Width - pw) / sw + 1)
        {
            same = false;
        }
        else if (!countPad && outHeight == (input.Height + sh - 1) / sh && outWidth == (input.Width + sw - 1) / sw
            && pads[0] == SamePads(input.Height, ph, sh, 1, false).Before && pads[1] == SamePads(input.Width, pw, sw, 1, false).Before)
        {
            same = true; // padded cells never win a max and are not averaged, in ONNX as in Keras
        }
        else if (countPad && !ceil)
        {
            // The padded zeros count in PyTorch's average: they are a ZeroPadding2D before a Valid pooling.
            input = Materialize(node, input with { PendingPad = ((int)pads[0], (int)pads[2], (int)pads[1], (int)pads[3], input), PadOrigin = "pads of " + node.Name });
            same = false;
        }
        else
        {
            throw NotExpressible(node, $"pads [{string.Join(", ", pads)}] with ceil_mode {(ceil ? 1 : 0)} match neither Valid nor Keras' Same pooling");
        }
        var layer = Add(node, average ? "AveragePooling2D" : "MaxPooling2D", average ? "average_pooling2d" : "max_pooling2d", input);
        AddKernelSize(layer, ph, pw);
        if (!(sh == ph && sw == pw))
        {
            // Strides default to the pool size: written when they differ from it, one number or one per axis.
            layer.Named.Add(sh == sw ? $"Strides = {Literal(sh)}" : $"StridesHeight = {Literal(sh)}");
            if (sh != sw)
            {
                layer.Named.Add($"StridesWidth = {Literal(sw)}");
            }
        }
        if (same)
        {
            layer.Named.Add("Padding = Padding.Same");
        }
        Define(node, ImportedValue.Image(outHeight, outWidth, input.Channels, layer));
    }

    private static int PoolOutput(int size, int kernel, int stride, int pads, bool ceil)
    {
        var span = size + pads - kernel;
        return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
    }

    private void GlobalPooling(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        var average = node.OpType == "GlobalAveragePool";
        var layer = Add(node, average ? "GlobalAveragePooling2D" : "GlobalMaxPooling2D", average ? "global_average_pooling2d" : "global_max_pooling2d", input);
        Define(node, ImportedValue.Vector(input.Channels, layer) with { OneByOne = true });
    }

    private void BatchNormalization(NodeProto node)
    {
        var input = Materialize(node, Value(node.Input[0], Reader(node)));
        if (Int(node, "training_mode", 0) != 0 || node.Output.Count > 1 && node.Output.Skip(1).Any(o => o.Length > 0))
        {
            throw NotExpressible(node, "a training-mode BatchNormalization (export the model in eval mode)");
        }
        var layer = Add(node, "BatchNormalization", "batch_normalization", input);
        var epsilon = Float(node, "epsilon", 1e-5f);
        layer.Named.Add($"Epsilon = {FloatLiteral(epsilon)}");
        var suffixes = new[] { "gamma", "beta", "moving_mean", "moving_variance" };
        for (var i = 0; i < 4; i++)
        {
            var tensor = Constant(node, i + 1, suffixes[i]);
            if (tensor.Count != input.Channels)
            {
                throw NotExpressible(node, $"its {suffixes[i]} has {tensor.Count} values for {input.Channels} channels");
            }
            layer.Tensors.Add((suffixes[i], new[] { input.Channels }, Permute(tensor.Floats(), input.Order)));
        }
        Define(node, input with { Producer = layer });
    }

    private static float[] Permute(float[] values, int[]? order) => order is null ? values : Array.ConvertAll(order, index => values[index]);

    private void StandaloneActivation(NodeProto node)
    {
        var input = Materialize(node, Value(node.Input[0], Reader(node)));
        var (kind, prefix, argument) = node.OpType switch
        {
            "Relu" => ("ReLU", "re_lu", (string?)null),
            "LeakyRelu" => ("LeakyReLU", "leaky_re_lu", FloatLiteral(Float(node, "alpha", 0.01f))),
            "Sigmoid" => ("Activation", "activation", "Activation.Sigmoid"),
            "Tanh" => ("Activation", "activation", "Activation.Tanh"),
            "Softplus" => ("Activation", "activation", "Activation.Softplus"),
            "Elu" when Math.Abs(Float(node, "alpha", 1f) - 1f) < 1e-7f => ("Activation", "activation", "Activation.Elu"),
            "Softmax" when SoftmaxOverChannels(node, input) => ("Softmax", "softmax", null),
            "Selu" when IsKerasSelu(node) => ("Activation", "activation", "Activation.Selu"),
            "HardSwish" => ("Activation", "activation", "Activation.HardSwish"),
            "Clip" when IsRelu6(node) => ("Activation", "activation", "Activation.Relu6"),
            _ => throw NotExpressible(node, "this activation's arguments (Elu's alpha is 1 in Keras; Selu has its standard constants; Clip is ReLU6 only from 0 to 6; Softmax runs over the channels)"),
        };
        if (argument is { } fused && kind == "Activation" && TryFoldActivation(node, input, fused.Substring("Activation.".Length)))
        {
            return;
        }
        var layer = Add(node, kind, prefix, input);
        if (argument is not null)
        {
            layer.Positional.Add(argument);
        }
        Define(node, input with { Producer = layer });
    }

    private static bool SoftmaxOverChannels(NodeProto node, ImportedValue input) =>
        input.IsImage ? Int(node, "axis", -1) is 1 or -3 : Int(node, "axis", -1) is 1 or -1;

    /// <summary>PyTorch's SiLU exports as <c>x * Sigmoid(x)</c>: a Sigmoid already translated is turned back into Swish. False for any other Mul.</summary>
    private bool TrySwish(NodeProto node)
    {
        if (node.Input.Count != 2 || !_values.TryGetValue(node.Input[0], out var a) || !_values.TryGetValue(node.Input[1], out var b))
        {
            return false;
        }
        static bool IsSigmoid(ImportedLayer? layer) => layer is { Kind: "Activation" } && layer.Positional.SequenceEqual(new[] { "Activation.Sigmoid" });
        var sigmoid = IsSigmoid(b.Producer) ? b : a;
        var x = ReferenceEquals(sigmoid, b) ? a : b;
        if (sigmoid.Producer is not { } layer || _layers.Count < 1 || layer != _layers[^1] || !IsSigmoid(layer) || layer.ReadsOther
            || x.Producer != (_layers.Count > 1 ? _layers[^2] : null) || x.PendingPad is not null)
        {
            return false;
        }
        layer.Positional[0] = "Activation.Swish";
        layer.Origin += " + " + node.Name;
        Define(node, sigmoid);
        return true;
    }

    /// <summary>Flatten (or a Reshape to [N, features]): a Flatten layer, the feature order recorded for the next Dense.</summary>
    private void Flatten(NodeProto node)
    {
        var input = Materialize(node, Value(node.Input[0], Reader(node)));
        if (node.OpType == "Flatten" && Int(node, "axis", 1) != 1)
        {
            throw NotExpressible(node, "a Flatten that keeps axes other than the batch");
        }
        if (node.OpType == "Reshape")
        {
            var shape = Constant(node, 1, "shape").Values;
            var size = input.Height * input.Width * input.Channels;
            if (shape.Length != 2 || !(shape[1] == size || shape[1] == -1 && shape[0] is not -1))
            {
                throw NotExpressible(node, $"a Reshape to [{string.Join(", ", shape)}] (only [N, features], as flatten, is expressible)");
            }
        }
        if (!input.IsImage)
        {
            Define(node, input); // already a vector: [N, C, 1, 1] from global pooling, or flat
            return;
        }
        var layer = Add(node, "Flatten", "flatten", input);
        int h = input.Height, w = input.Width, c = input.Channels;
        int[]? order = null;
        if (h * w > 1 && c > 1)
        {
            order = new int[h * w * c];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var k = 0; k < c; k++)
                    {
                        order[(y * w + x) * c + k] = (k * h + y) * w + x; // NHWC position -> NCHW flatten index
                    }
                }
            }
        }
        Define(node, ImportedValue.Vector(h * w * c, layer) with { Order = order });
    }

    private void Pad(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        if (Text(node, "mode", "constant") != "constant")
        {
            throw NotExpressible(node, $"{Text(node, "mode", "constant")} padding (only zero padding is a layer)");
        }
        var pads = node.Input.Count > 1 && node.Input[1].Length > 0 ? Constant(node, 1, "pads").Values.Select(v => (long)v).ToArray() : Ints(node, "pads");
        var fill = node.Input.Count > 2 && node.Input[2].Length > 0 ? Constant(node, 2, "constant_value").Values.Single() : Float(node, "value", 0f);
        if (pads.Length == 8 && pads[0] == 0 && pads[1] == 0 && pads[4] == 0 && pads[5] == 0 && pads.All(p => p <= 0) && pads.Any(p => p < 0))
        {
            // Negative pads crop (nn.ZeroPad2d with negative sizes): a Cropping2D.
            Define(node, Crop(node, input, (int)-pads[2], (int)-pads[6], (int)-pads[3], (int)-pads[7]));
            return;
        }
        if (pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(p => p < 0) || fill != 0)
        {
            throw NotExpressible(node, $"pads [{string.Join(", ", pads)}] with value {fill} (only non-negative zero padding of H and W is a layer)");
        }
        // Kept pending: a Conv reading it may fold it into Same padding; anything else writes a ZeroPadding2D.
        var padded = ImportedValue.Image(input.Height + (int)(pads[2] + pads[6]), input.Width + (int)(pads[3] + pads[7]), input.Channels, input.Producer)
            with { PendingPad = ((int)pads[2], (int)pads[6], (int)pads[3], (int)pads[7], input), PadOrigin = node.Name };
        Define(node, padded);
    }

    private void Resize(NodeProto node)
    {
        var input = Materialize(node, Image(node));
        var mode = Text(node, "mode", "nearest");
        var coordinates = Text(node, "coordinate_transformation_mode", "half_pixel");
        ConstantTensor? scales = node.OpType == "Upsample" ? OptionalConstant(node, 1, "scales") : OptionalConstant(node, 2, "scales");
        double[] factors;
        if (scales is { Count: 4 })
        {
            factors = scales.Values;
        }
        else if (node.OpType == "Resize" && OptionalConstant(node, 3, "sizes") is { Count: 4 } sizes)
        {
            factors = new[] { 1, 1, sizes.Values[2] / input.Height, sizes.Values[3] / input.Width };
        }
        else
        {
            throw NotExpressible(node, "a resize without constant scales or sizes");
        }
        if (factors[0] != 1 || factors[1] != 1 || factors[2] < 1 || factors[3] < 1 || factors[2] != Math.Floor(factors[2]) || factors[3] != Math.Floor(factors[3]))
        {
            throw NotExpressible(node, $"scales [{string.Join(", ", factors)}] (UpSampling2D takes whole factors on H and W)");
        }
        string interpolation = mode switch
        {
            "nearest" when coordinates is "asymmetric" && Text(node, "nearest_mode", "round_prefer_floor") == "floor" || node.OpType == "Upsample" => "Nearest",
            "linear" when coordinates is "half_pixel" or "pytorch_half_pixel" => "Bilinear",
            _ => throw NotExpressible(node, $"mode '{mode}' with coordinate_transformation_mode '{coordinates}' (UpSampling2D is nearest, or bilinear with half-pixel centres)"),
        };
        var layer = Add(node, "UpSampling2D", "up_sampling2d", input);
        int sh = (int)factors[2], sw = (int)factors[3];
        if (sh != sw)
        {
            throw NotExpressible(node, $"scales {sh}x{sw} (the attribute takes one size)");
        }
        layer.Positional.Add(Literal(sh));
        if (interpolation == "Bilinear")
        {
            layer.Named.Add("Interpolation = Interpolation.Bilinear");
        }
        Define(node, ImportedValue.Image(input.Height * sh, input.Width * sw, input.Channels, layer));
    }

    /// <summary>
    /// The merges: Add, Sub, Mul, Max, Min, Mean and Concat (channels) of layer outputs or the network input. Inputs in
    /// the node's order; the commutative ones put the previous layer first, so a residual reads <c>Add("skip")</c>.
    /// </summary>
    private void Merge(NodeProto node)
    {
        var (kind, prefix) = node.OpType switch
        {
            "Add" => ("Add", "add"),
            "Sub" => ("Subtract", "subtract"),
            "Mul" => ("Multiply", "multiply"),
            "Max" => ("Maximum", "maximum"),
            "Min" => ("Minimum", "minimum"),
            "Mean" => ("Average", "average"),
            _ => ("Concatenate", "concatenate"),
        };
        if (node.Input.Count < 2 || node.Input.Any(_constants.ContainsKey) || kind == "Subtract" && node.Input.Count != 2)
        {
            throw NotExpressible(node, "a merge of other than layer outputs (a constant addend is a bias only right after MatMul; a constant factor is not a layer)");
        }
        var inputs = node.Input.Select(name => Materialize(node, Value(name, Reader(node)))).ToList();
        var concat = kind == "Concatenate";
        var main = inputs[0];
        if (concat && Int(node, "axis", 1) is not (1 or -3) && !(Int(node, "axis", 1) == -1 && !main.IsImage))
        {
            throw NotExpressible(node, "a Concat not on the channel axis");
        }
        foreach (var other in inputs.Skip(1))
        {
            if (main.IsImage != other.IsImage || main.Height != other.Height || main.Width != other.Width || !concat && main.Channels != other.Channels)
            {
                throw NotExpressible(node, $"inputs {main.Describe()} and {other.Describe()} do not match");
            }
            if (!Equals(main.Order, other.Order) && (main.Order is not null || other.Order is not null))
            {
                throw NotExpressible(node, "a merge of flattened NCHW maps");
            }
        }
        var previous = _layers.Count == 0 ? null : _layers[^1];
        var producers = inputs.Select(input => input.Producer).ToList();
        if (kind is not ("Subtract" or "Concatenate") && producers.IndexOf(previous) > 0 && previous is not null)
        {
            producers.Remove(previous);
            producers.Insert(0, previous);
        }
        var layer = new ImportedLayer(kind, prefix, node.Name);
        layer.MergeInputs.AddRange(producers);
        _layers.Add(layer);
        Define(node, main with { Producer = layer, Channels = concat ? inputs.Sum(input => input.Channels) : main.Channels });
    }
}
