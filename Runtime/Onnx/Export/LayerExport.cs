using System;
using System.Collections.Generic;
using static Generated.Onnx.Export.OnnxGraphBuilder;

namespace Generated.Onnx.Export;

/// <summary>One layer kind at a time: the ONNX nodes that compute exactly what the generated kernels compute.</summary>
internal static class LayerExport
{
    /// <summary>The kinds <see cref="Write"/> translates (docs/INTEROP.md lists them).</summary>
    public static readonly IReadOnlyList<string> SupportedKinds = new[]
    {
        "Conv2D", "Conv2DTranspose", "Dense", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
        "UpSampling2D", "ZeroPadding2D", "Flatten", "Reshape", "Dropout", "BatchNormalization", "LayerNormalization", "Add",
        "Concatenate", "Activation", "ReLU", "LeakyReLU", "Softmax",
    };

    /// <summary>Keras' slope for the <c>"leaky_relu"</c> activation (<c>Activations.LeakyReluAlpha</c>).</summary>
    private const float LeakyReluActivationAlpha = 0.2f;

    public static GraphValue Write(OnnxExporter exporter, LayerInfo layer)
    {
        var graph = exporter.Graph;
        var input = exporter.Output(layer.Inputs[0]);
        switch (layer.Kind)
        {
            case "Conv2D":
                return Convolution(exporter, layer, graph.ToNchw(input), transpose: false);
            case "Conv2DTranspose":
                return Convolution(exporter, layer, graph.ToNchw(input), transpose: true);
            case "Dense":
                return Dense(exporter, layer, input);
            case "MaxPooling2D":
            case "AveragePooling2D":
                return Pooling(layer, graph, graph.ToNchw(input));
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
            {
                _ = new LayerArguments(layer);
                var pooled = graph.Node(layer.Kind == "GlobalAveragePooling2D" ? "GlobalAveragePool" : "GlobalMaxPool", layer.Name, new[] { graph.ToNchw(input).Name });
                return new GraphValue(graph.Node("Flatten", layer.Name, new[] { pooled }, Int("axis", 1)), ValueLayout.Vector);
            }
            case "UpSampling2D":
                return UpSampling(layer, graph, graph.ToNchw(input));
            case "ZeroPadding2D":
            {
                var pads = new LayerArguments(layer, "pads").Ints("pads", 4); // top, bottom, left, right
                var padding = graph.Int64Constant(layer.Name + ".pads", 0, 0, pads[0], pads[2], 0, 0, pads[1], pads[3]);
                return new GraphValue(graph.Node("Pad", layer.Name, new[] { graph.ToNchw(input).Name, padding }, Text("mode", "constant")), ValueLayout.Nchw);
            }
            case "Flatten":
            {
                _ = new LayerArguments(layer);
                return new GraphValue(graph.Node("Flatten", layer.Name, new[] { graph.ToNhwc(input).Name }, Int("axis", 1)), ValueLayout.Vector);
            }
            case "Reshape":
            {
                _ = new LayerArguments(layer, "target_shape");
                var target = layer.OutputShape;
                var shape = target.Rank == 3
                    ? graph.Int64Constant(layer.Name + ".shape", -1, target.Height, target.Width, target.Channels)
                    : graph.Int64Constant(layer.Name + ".shape", -1, target.Channels);
                return new GraphValue(graph.Node("Reshape", layer.Name, new[] { graph.ToNhwc(input).Name, shape }),
                    target.Rank == 3 ? ValueLayout.Nhwc : ValueLayout.Vector);
            }
            case "Dropout":
                _ = new LayerArguments(layer, "rate");
                return input; // inference: the identity
            case "BatchNormalization":
                return BatchNormalization(exporter, layer, graph.ToNchw(input));
            case "LayerNormalization":
                return LayerNormalization(exporter, layer, graph.ToNhwc(input));
            case "Add":
            case "Concatenate":
                return Merge(exporter, layer, graph);
            case "Activation":
            case "ReLU":
            case "Softmax":
            {
                var arguments = new LayerArguments(layer, "activation");
                return Activate(graph, layer, input, arguments.Text("activation"), LeakyReluActivationAlpha);
            }
            case "LeakyReLU":
            {
                var arguments = new LayerArguments(layer, "activation", "alpha");
                return Activate(graph, layer, input, "leaky_relu", arguments.Float("alpha"));
            }
            default:
                throw OnnxExporter.Unsupported(layer, $"the exporter knows {string.Join(", ", SupportedKinds)}");
        }
    }

    private static GraphValue Convolution(OnnxExporter exporter, LayerInfo layer, GraphValue input, bool transpose)
    {
        var graph = exporter.Graph;
        var arguments = new LayerArguments(layer, "filters", "kernel_size", "strides", "padding", "dilation_rate", "activation", "use_bias", "pads");
        var kernelSize = arguments.Ints("kernel_size", 2);
        var strides = arguments.Ints("strides", 2);
        var dilation = arguments.Ints("dilation_rate", 2);
        var pads = arguments.Ints("pads", 4); // top, bottom, left, right
        int kh = kernelSize[0], kw = kernelSize[1], channels = layer.InputShape.Channels, filters = arguments.Int("filters");

        // Keras: Conv2D kernels HWIO [kh, kw, in, out] -> ONNX OIHW; Conv2DTranspose [kh, kw, out, in] -> ONNX [in, out, kh, kw].
        var kernel = transpose
            ? exporter.Parameter(layer, "kernel", kh, kw, filters, channels)
            : exporter.Parameter(layer, "kernel", kh, kw, channels, filters);
        var weights = new float[kernel.Length];
        var source = kernel.Span;
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < kernel.Shape[2]; i++)
                {
                    for (var o = 0; o < kernel.Shape[3]; o++)
                    {
                        // HW[a][b] -> [b][a]HW, with (a, b) = (in, out) for Conv2D and (out, in) for Conv2DTranspose.
                        weights[((o * kernel.Shape[2] + i) * kh + y) * kw + x] = source[((y * kw + x) * kernel.Shape[2] + i) * kernel.Shape[3] + o];
                    }
                }
            }
        }
        var onnxShape = transpose ? new[] { channels, filters, kh, kw } : new[] { filters, channels, kh, kw };
        var inputs = new List<string> { input.Name, graph.Constant(layer.Name + ".kernel", onnxShape, weights) };
        if (arguments.Bool("use_bias"))
        {
            inputs.Add(graph.Constant(layer.Name + ".bias", new[] { filters }, exporter.Parameter(layer, "bias", filters).Span));
        }
        var attributes = new List<Onnx.Protobuf.AttributeProto>
        {
            Ints("kernel_shape", kh, kw), Ints("strides", strides[0], strides[1]), Ints("dilations", dilation[0], dilation[1]),
            Ints("pads", pads[0], pads[2], pads[1], pads[3]), Int("group", 1),
        };
        if (transpose)
        {
            // Keras' output size can exceed ONNX's (in-1)*s + k' - pads when the kernel is shorter than the stride: the rest is output padding.
            var fullHeight = (layer.InputShape.Height - 1) * strides[0] + dilation[0] * (kh - 1) + 1 - pads[0] - pads[1];
            var fullWidth = (layer.InputShape.Width - 1) * strides[1] + dilation[1] * (kw - 1) + 1 - pads[2] - pads[3];
            attributes.Add(Ints("output_padding", layer.OutputShape.Height - fullHeight, layer.OutputShape.Width - fullWidth));
        }
        var output = new GraphValue(graph.Node(transpose ? "ConvTranspose" : "Conv", layer.Name, inputs, attributes.ToArray()), ValueLayout.Nchw);
        return Activate(graph, layer, output, arguments.Text("activation"), LeakyReluActivationAlpha);
    }

    private static GraphValue Dense(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var graph = exporter.Graph;
        var arguments = new LayerArguments(layer, "units", "activation", "use_bias");
        int inputs = layer.InputShape.Channels, units = arguments.Int("units");
        var kernel = graph.Constant(layer.Name + ".kernel", new[] { inputs, units }, exporter.Parameter(layer, "kernel", inputs, units).Span);
        var bias = arguments.Bool("use_bias") ? graph.Constant(layer.Name + ".bias", new[] { units }, exporter.Parameter(layer, "bias", units).Span) : null;
        GraphValue output;
        if (input.Layout == ValueLayout.Vector)
        {
            output = new GraphValue(graph.Node("Gemm", layer.Name, bias is null ? new[] { input.Name, kernel } : new[] { input.Name, kernel, bias }), ValueLayout.Vector);
        }
        else
        {
            // Keras' Dense on a feature map maps the last (channel) axis of every pixel.
            var product = graph.Node("MatMul", layer.Name, new[] { graph.ToNhwc(input).Name, kernel });
            output = new GraphValue(bias is null ? product : graph.Node("Add", layer.Name, new[] { product, bias }), ValueLayout.Nhwc);
        }
        return Activate(graph, layer, output, arguments.Text("activation"), LeakyReluActivationAlpha);
    }

    private static GraphValue Pooling(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "pool_size", "strides", "padding", "pads");
        var pool = arguments.Ints("pool_size", 2);
        var strides = arguments.Ints("strides", 2);
        var pads = arguments.Ints("pads", 4);
        var attributes = new List<Onnx.Protobuf.AttributeProto>
        {
            Ints("kernel_shape", pool[0], pool[1]), Ints("strides", strides[0], strides[1]), Ints("pads", pads[0], pads[2], pads[1], pads[3]),
        };
        if (layer.Kind == "AveragePooling2D")
        {
            attributes.Add(Int("count_include_pad", 0)); // Keras averages the cells inside the image only
        }
        return new GraphValue(graph.Node(layer.Kind == "MaxPooling2D" ? "MaxPool" : "AveragePool", layer.Name, new[] { input.Name }, attributes.ToArray()), ValueLayout.Nchw);
    }

    private static GraphValue UpSampling(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "size", "interpolation");
        var size = arguments.Ints("size", 2);
        var scales = graph.Constant(layer.Name + ".scales", new[] { 4 }, new float[] { 1, 1, size[0], size[1] });
        var attributes = arguments.Text("interpolation") switch
        {
            // Keras' nearest repeats each pixel: source index floor(out / size).
            "nearest" => new[] { Text("mode", "nearest"), Text("coordinate_transformation_mode", "asymmetric"), Text("nearest_mode", "floor") },
            // TF2 resize / PyTorch align_corners=False: half-pixel centres.
            "bilinear" => new[] { Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel") },
            var other => throw arguments.Unsupported($"interpolation '{other}'"),
        };
        return new GraphValue(graph.Node("Resize", layer.Name, new[] { input.Name, "", scales }, attributes), ValueLayout.Nchw);
    }

    private static GraphValue BatchNormalization(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "momentum", "epsilon");
        var channels = layer.InputShape.Channels;
        var graph = exporter.Graph;
        var inputs = new List<string> { input.Name };
        foreach (var suffix in new[] { "gamma", "beta", "moving_mean", "moving_variance" })
        {
            inputs.Add(graph.Constant(layer.Name + "." + suffix, new[] { channels }, exporter.Parameter(layer, suffix, channels).Span));
        }
        // Inference: the moving statistics (ONNX's training_mode defaults to 0).
        return new GraphValue(graph.Node("BatchNormalization", layer.Name, inputs, Float("epsilon", arguments.Float("epsilon"))), input.Layout);
    }

    private static GraphValue LayerNormalization(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "epsilon");
        var channels = layer.InputShape.Channels;
        var graph = exporter.Graph;
        var gamma = graph.Constant(layer.Name + ".gamma", new[] { channels }, exporter.Parameter(layer, "gamma", channels).Span);
        var beta = graph.Constant(layer.Name + ".beta", new[] { channels }, exporter.Parameter(layer, "beta", channels).Span);
        // Keras normalizes over the last axis: the channels of each pixel.
        return new GraphValue(graph.Node("LayerNormalization", layer.Name, new[] { input.Name, gamma, beta },
            Int("axis", -1), Float("epsilon", arguments.Float("epsilon"))), input.Layout);
    }

    private static GraphValue Merge(OnnxExporter exporter, LayerInfo layer, OnnxGraphBuilder graph)
    {
        _ = new LayerArguments(layer);
        var operands = new List<string>();
        var layout = ValueLayout.Vector;
        foreach (var name in layer.Inputs)
        {
            var value = exporter.Output(name);
            if (value.Layout != ValueLayout.Vector)
            {
                value = graph.ToNchw(value);
                layout = ValueLayout.Nchw;
            }
            operands.Add(value.Name);
        }
        return layer.Kind == "Add"
            ? new GraphValue(Chain(graph, layer.Name, "Add", operands), layout)
            : new GraphValue(graph.Node("Concat", layer.Name, operands, Int("axis", 1)), layout); // channels: axis 1 in NCHW and in [N, C]
    }

    private static string Chain(OnnxGraphBuilder graph, string stem, string op, List<string> operands)
    {
        var result = operands[0];
        for (var i = 1; i < operands.Count; i++)
        {
            result = graph.Node(op, stem, new[] { result, operands[i] });
        }
        return result;
    }

    /// <summary>The activation as ONNX nodes on a value of any layout (Softmax over the channel axis of that layout).</summary>
    private static GraphValue Activate(OnnxGraphBuilder graph, LayerInfo layer, GraphValue value, string activation, float alpha)
    {
        var x = new[] { value.Name };
        string output = activation switch
        {
            "linear" => value.Name,
            "relu" => graph.Node("Relu", layer.Name, x),
            "leaky_relu" => graph.Node("LeakyRelu", layer.Name, x, Float("alpha", alpha)),
            "sigmoid" => graph.Node("Sigmoid", layer.Name, x),
            "tanh" => graph.Node("Tanh", layer.Name, x),
            "softmax" => graph.Node("Softmax", layer.Name, x, Int("axis", value.Layout == ValueLayout.Nchw ? 1 : -1)),
            "elu" => graph.Node("Elu", layer.Name, x, Float("alpha", 1f)),
            "softplus" => graph.Node("Softplus", layer.Name, x),
            "swish" => graph.Node("Mul", layer.Name, new[] { value.Name, graph.Node("Sigmoid", layer.Name, x) }),
            _ => throw OnnxExporter.Unsupported(layer, $"activation '{activation}'"),
        };
        return value with { Name = output };
    }
}
