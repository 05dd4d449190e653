using System.Collections.Generic;
using static Generated.Onnx.Export.OnnxGraphBuilder;

namespace Generated.Onnx.Export;

/// <summary>Convolutions: Conv2D (grouped too), Conv2DTranspose (output padding too), DepthwiseConv2D and SeparableConv2D as ONNX <c>Conv</c>/<c>ConvTranspose</c>.</summary>
internal static partial class LayerExport
{
    private static GraphValue Convolution(OnnxExporter exporter, LayerInfo layer, GraphValue input, bool transpose)
    {
        var graph = exporter.Graph;
        var arguments = new LayerArguments(layer, "filters", "kernel_size", "strides", "padding", "dilation_rate", "activation", "use_bias", "pads", "groups", "output_padding");
        var kernelSize = arguments.Ints("kernel_size", 2);
        var strides = arguments.Ints("strides", 2);
        var dilation = arguments.Ints("dilation_rate", 2);
        var pads = arguments.Ints("pads", 4); // top, bottom, left, right
        var groups = arguments.Raw.ContainsKey("groups") ? arguments.Int("groups") : 1;
        if (transpose && groups != 1)
        {
            throw arguments.Unsupported($"groups = {groups} on a transposed convolution");
        }
        int kh = kernelSize[0], kw = kernelSize[1], channels = layer.InputShape.Channels, filters = arguments.Int("filters");

        // Keras: Conv2D kernels HWIO [kh, kw, in / groups, out] -> ONNX OIHW [out, in / groups, kh, kw] (both put group g's
        // filters and channels in the g-th consecutive runs); Conv2DTranspose [kh, kw, out, in] -> ONNX [in, out, kh, kw].
        var kernel = transpose
            ? exporter.Parameter(layer, "kernel", kh, kw, filters, channels)
            : exporter.Parameter(layer, "kernel", kh, kw, channels / groups, filters);
        var weights = MoveKernelAxesLast(kernel.Span, kh, kw, kernel.Shape[2], kernel.Shape[3]);
        var onnxShape = transpose ? new[] { channels, filters, kh, kw } : new[] { filters, channels / groups, kh, kw };
        var inputs = new List<string> { input.Name, graph.Constant(layer.Name + ".kernel", onnxShape, weights) };
        if (arguments.Bool("use_bias"))
        {
            inputs.Add(graph.Constant(layer.Name + ".bias", new[] { filters }, exporter.Parameter(layer, "bias", filters).Span));
        }
        var attributes = new List<Onnx.Protobuf.AttributeProto>
        {
            Ints("kernel_shape", kh, kw), Ints("strides", strides[0], strides[1]), Ints("dilations", dilation[0], dilation[1]), Int("group", groups),
        };
        if (transpose)
        {
            // ONNX's size is (in-1)*s + k' - begin - end + output_padding. Keras crops pads[top]/pads[left] before; what it
            // keeps after is whatever its size leaves: a crop at the end, or output padding where Keras' size is larger
            // (a kernel shorter than the stride, or Keras' OutputPadding).
            var (endHeight, paddingHeight) = TransposeEnd(layer.InputShape.Height, strides[0], dilation[0] * (kh - 1) + 1, pads[0], layer.OutputShape.Height);
            var (endWidth, paddingWidth) = TransposeEnd(layer.InputShape.Width, strides[1], dilation[1] * (kw - 1) + 1, pads[2], layer.OutputShape.Width);
            attributes.Add(Ints("pads", pads[0], pads[2], endHeight, endWidth));
            attributes.Add(Ints("output_padding", paddingHeight, paddingWidth));
        }
        else
        {
            attributes.Add(Ints("pads", pads[0], pads[2], pads[1], pads[3]));
        }
        var output = new GraphValue(graph.Node(transpose ? "ConvTranspose" : "Conv", layer.Name, inputs, attributes.ToArray()), ValueLayout.Nchw);
        return Activate(graph, layer, output, arguments.Text("activation"), LeakyReluActivationAlpha);
    }

    /// <summary>The end crop and output padding of one axis of a transposed convolution that keeps <paramref name="output"/> cells from <paramref name="begin"/> on.</summary>
    private static (int End, int OutputPadding) TransposeEnd(int input, int stride, int span, int begin, int output)
    {
        var end = (input - 1) * stride + span - begin - output;
        return end >= 0 ? (end, 0) : (0, -end);
    }

    /// <summary><c>[kh, kw, a, b]</c> -> <c>[b, a, kh, kw]</c>: HWIO to OIHW, or Keras' transposed <c>[kh, kw, out, in]</c> to ONNX's <c>[in, out, kh, kw]</c>.</summary>
    private static float[] MoveKernelAxesLast(System.ReadOnlySpan<float> source, int kh, int kw, int a, int b)
    {
        var weights = new float[source.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < a; i++)
                {
                    for (var o = 0; o < b; o++)
                    {
                        weights[((o * a + i) * kh + y) * kw + x] = source[((y * kw + x) * a + i) * b + o];
                    }
                }
            }
        }
        return weights;
    }

    private static readonly string[] DepthwiseArguments =
    {
        "kernel_size", "strides", "padding", "depth_multiplier", "dilation_rate", "activation", "use_bias", "pads",
    };

    private static GraphValue DepthwiseConvolution(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var arguments = new LayerArguments(layer, DepthwiseArguments);
        var output = DepthwiseStep(exporter, layer, input, arguments, withBias: arguments.Bool("use_bias"));
        return Activate(exporter.Graph, layer, output, arguments.Text("activation"), LeakyReluActivationAlpha);
    }

    /// <summary>The depthwise step, then a 1x1 convolution of its <c>in * multiplier</c> channels with the pointwise kernel and the bias.</summary>
    private static GraphValue SeparableConvolution(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var graph = exporter.Graph;
        var arguments = new LayerArguments(layer, ["filters", .. DepthwiseArguments]);
        var depthwise = DepthwiseStep(exporter, layer, input, arguments, withBias: false);
        int depth = layer.InputShape.Channels * arguments.Int("depth_multiplier"), filters = arguments.Int("filters");
        var pointwise = exporter.Parameter(layer, "pointwise_kernel", 1, 1, depth, filters);
        var inputs = new List<string>
        {
            depthwise.Name, graph.Constant(layer.Name + ".pointwise_kernel", new[] { filters, depth, 1, 1 }, MoveKernelAxesLast(pointwise.Span, 1, 1, depth, filters)),
        };
        if (arguments.Bool("use_bias"))
        {
            inputs.Add(graph.Constant(layer.Name + ".bias", new[] { filters }, exporter.Parameter(layer, "bias", filters).Span));
        }
        var output = new GraphValue(graph.Node("Conv", layer.Name, inputs, Ints("kernel_shape", 1, 1)), ValueLayout.Nchw);
        return Activate(graph, layer, output, arguments.Text("activation"), LeakyReluActivationAlpha);
    }

    /// <summary>
    /// A <c>Conv</c> with <c>group</c> = input channels: Keras' depthwise kernel <c>[kh, kw, in, multiplier]</c> becomes
    /// ONNX's <c>[in * multiplier, 1, kh, kw]</c>, output channel <c>c * multiplier + m</c> in both.
    /// </summary>
    private static GraphValue DepthwiseStep(OnnxExporter exporter, LayerInfo layer, GraphValue input, LayerArguments arguments, bool withBias)
    {
        var graph = exporter.Graph;
        var kernelSize = arguments.Ints("kernel_size", 2);
        var strides = arguments.Ints("strides", 2);
        var dilation = arguments.Ints("dilation_rate", 2);
        var pads = arguments.Ints("pads", 4);
        int kh = kernelSize[0], kw = kernelSize[1], channels = layer.InputShape.Channels, multiplier = arguments.Int("depth_multiplier");
        var kernel = exporter.Parameter(layer, "depthwise_kernel", kh, kw, channels, multiplier);
        // [kh, kw, in * multiplier] as [kh, kw, 1, in * multiplier] -> [in * multiplier, 1, kh, kw].
        var weights = MoveKernelAxesLast(kernel.Span, kh, kw, 1, channels * multiplier);
        var inputs = new List<string> { input.Name, graph.Constant(layer.Name + ".depthwise_kernel", new[] { channels * multiplier, 1, kh, kw }, weights) };
        if (withBias)
        {
            inputs.Add(graph.Constant(layer.Name + ".bias", new[] { channels * multiplier }, exporter.Parameter(layer, "bias", channels * multiplier).Span));
        }
        return new GraphValue(graph.Node("Conv", layer.Name, inputs, Ints("kernel_shape", kh, kw), Ints("strides", strides[0], strides[1]),
            Ints("dilations", dilation[0], dilation[1]), Ints("pads", pads[0], pads[2], pads[1], pads[3]), Int("group", channels)), ValueLayout.Nchw);
    }
}
