using System;
using System.Collections.Generic;
using static Generated.Onnx.Export.OnnxGraphBuilder;

namespace Generated.Onnx.Export;

/// <summary>One layer kind at a time: the ONNX nodes that compute exactly what the generated kernels compute.</summary>
internal static partial class LayerExport
{
    /// <summary>The kinds <see cref="Write"/> translates (docs/INTEROP.md lists them).</summary>
    public static readonly IReadOnlyList<string> SupportedKinds = new[]
    {
        "Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "Dense", "MaxPooling2D", "AveragePooling2D", "MinPooling2D",
        "GlobalAveragePooling2D", "GlobalMaxPooling2D", "UpSampling2D", "ZeroPadding2D", "Cropping2D", "Flatten", "Reshape", "Dropout",
        "SpatialDropout2D", "BatchNormalization", "LayerNormalization", "GroupNormalization", "Rescaling", "Normalization", "RandomFlip",
        "RandomTranslation", "RandomRotation", "RandomZoom", "Add", "Concatenate", "Multiply", "Subtract", "Maximum", "Minimum", "Average",
        "Activation", "ReLU", "LeakyReLU", "Softmax", "PReLU",
    };

    /// <summary>Every activation <see cref="Activate"/> writes, by its <c>LayerInfo.Config</c> name.</summary>
    public static readonly IReadOnlyList<string> SupportedActivations = new[]
    {
        "linear", "relu", "leaky_relu", "sigmoid", "tanh", "softmax", "elu", "softplus", "swish", "relu6", "gelu", "selu", "hardswish",
    };

    /// <summary>Keras' slope for the <c>"leaky_relu"</c> activation (<c>Activations.LeakyReluAlpha</c>).</summary>
    private const float LeakyReluActivationAlpha = 0.2f;

    /// <summary>Selu's constants as the kernels use them (<c>ActivationFunctions.SeluAlpha</c>, <c>SeluScale</c>).</summary>
    private const float SeluAlpha = 1.67326324235437728481704299167171f, SeluScale = 1.05070098735548049341933498529460f;

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
            case "DepthwiseConv2D":
                return DepthwiseConvolution(exporter, layer, graph.ToNchw(input));
            case "SeparableConv2D":
                return SeparableConvolution(exporter, layer, graph.ToNchw(input));
            case "Dense":
                return Dense(exporter, layer, input);
            case "MaxPooling2D":
            case "AveragePooling2D":
            case "MinPooling2D":
                return Pooling(layer, graph, graph.ToNchw(input));
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
            {
                _ = new LayerArguments(layer);
                var pooled = graph.Node(layer.Kind == "GlobalAveragePooling2D" ? "GlobalAveragePool" : "GlobalMaxPool", layer.Name, new[] { graph.ToNchw(input).Name });
                return new GraphValue(graph.Node("Flatten", layer.Name, new[] { pooled }, Int("axis", 1)), ValueLayout.Vector);
            }
            case "UpSampling2D":
                return UpSampling(exporter, layer, graph.ToNchw(input));
            case "ZeroPadding2D":
            {
                var pads = new LayerArguments(layer, "pads").Ints("pads", 4); // top, bottom, left, right
                var padding = graph.Int64Constant(layer.Name + ".pads", 0, 0, pads[0], pads[2], 0, 0, pads[1], pads[3]);
                return new GraphValue(graph.Node("Pad", layer.Name, new[] { graph.ToNchw(input).Name, padding }, Text("mode", "constant")), ValueLayout.Nchw);
            }
            case "Cropping2D":
                return Cropping(layer, graph, input);
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
            case "SpatialDropout2D":
            case "RandomFlip":
            case "RandomTranslation":
            case "RandomRotation":
            case "RandomZoom":
                // Active only in training: the identity at inference, whatever their arguments.
                return input;
            case "BatchNormalization":
                return BatchNormalization(exporter, layer, graph.ToNchw(input));
            case "LayerNormalization":
                return LayerNormalization(exporter, layer, graph.ToNhwc(input));
            case "GroupNormalization":
                return GroupNormalization(exporter, layer, graph.ToNchw(input));
            case "Rescaling":
                return Rescaling(layer, graph, input);
            case "Normalization":
                return Normalization(exporter, layer, input);
            case "PReLU":
                return PReLU(exporter, layer, input);
            case "Add":
            case "Concatenate":
            case "Multiply":
            case "Subtract":
            case "Maximum":
            case "Minimum":
            case "Average":
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

    /// <summary>
    /// The merges on maps (in NCHW) or vectors. Several inputs fold left to right with binary nodes, as the kernels do;
    /// Average is their sum divided by the count (the kernels' order of operations).
    /// </summary>
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
        var output = layer.Kind switch
        {
            "Add" => Chain(graph, layer.Name, "Add", operands),
            "Multiply" => Chain(graph, layer.Name, "Mul", operands),
            "Subtract" => Chain(graph, layer.Name, "Sub", operands),
            "Maximum" => Chain(graph, layer.Name, "Max", operands),
            "Minimum" => Chain(graph, layer.Name, "Min", operands),
            "Average" => graph.Node("Div", layer.Name, new[] { Chain(graph, layer.Name, "Add", operands), graph.Scalar(layer.Name, operands.Count) }),
            _ => graph.Node("Concat", layer.Name, operands, Int("axis", 1)), // channels: axis 1 in NCHW and in [N, C]
        };
        return new GraphValue(output, layout);
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
            "relu6" => graph.Node("Clip", layer.Name, new[] { value.Name, graph.Scalar(layer.Name, 0f), graph.Scalar(layer.Name, 6f) }),
            // Keras' default Gelu is the exact form, 0.5 x (1 + erf(x / sqrt 2)); ONNX's Gelu operator needs opset 20.
            "gelu" => graph.Node("Mul", layer.Name, new[]
            {
                graph.Node("Mul", layer.Name, new[] { value.Name, graph.Scalar(layer.Name, 0.5f) }),
                graph.Node("Add", layer.Name, new[]
                {
                    graph.Node("Erf", layer.Name, new[] { graph.Node("Div", layer.Name, new[] { value.Name, graph.Scalar(layer.Name, MathF.Sqrt(2f)) }) }),
                    graph.Scalar(layer.Name, 1f),
                }),
            }),
            "selu" => graph.Node("Selu", layer.Name, x, Float("alpha", SeluAlpha), Float("gamma", SeluScale)),
            // x * relu6(x + 3) / 6 = x * clip(x / 6 + 1 / 2, 0, 1): ONNX's HardSwish (opset 14) with its fixed alpha 1/6 and beta 0.5.
            "hardswish" or "hard_swish" => graph.Node("HardSwish", layer.Name, x),
            _ => throw OnnxExporter.Unsupported(layer, $"activation '{activation}'"),
        };
        return value with { Name = output };
    }
}
