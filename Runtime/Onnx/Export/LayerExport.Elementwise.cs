using System;
using System.Linq;
using static Generated.Onnx.Export.OnnxGraphBuilder;

namespace Generated.Onnx.Export;

/// <summary>Per-value layers with constants or statistics: Rescaling, Normalization, GroupNormalization and PReLU.</summary>
internal static partial class LayerExport
{
    /// <summary><c>x * scale + offset</c> (the offset only when it is not 0, as the kernel).</summary>
    private static GraphValue Rescaling(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "scale", "offset");
        var scaled = graph.Node("Mul", layer.Name, new[] { input.Name, graph.Scalar(layer.Name, arguments.Float("scale")) });
        var offset = arguments.Float("offset");
        return input with { Name = offset == 0f ? scaled : graph.Node("Add", layer.Name, new[] { scaled, graph.Scalar(layer.Name, offset) }) };
    }

    /// <summary><c>(x - mean) / max(sqrt(variance), 1e-7)</c> per channel, the divisor computed here as the kernel computes it.</summary>
    private static GraphValue Normalization(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        _ = new LayerArguments(layer);
        var graph = exporter.Graph;
        var channels = layer.InputShape.Channels;
        var mean = exporter.Parameter(layer, "mean", channels).Span;
        var variance = exporter.Parameter(layer, "variance", channels).Span;
        var deviation = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            deviation[c] = MathF.Max(MathF.Sqrt(variance[c]), Kernels.Normalization.Epsilon);
        }
        var centred = graph.Node("Sub", layer.Name, new[] { input.Name, graph.ChannelConstant(layer.Name + ".mean", input.Layout, mean) });
        return input with { Name = graph.Node("Div", layer.Name, new[] { centred, graph.ChannelConstant(layer.Name + ".deviation", input.Layout, deviation) }) };
    }

    /// <summary>
    /// The explicit formula on NCHW (ONNX's GroupNormalization needs opset 18, and until opset 21 scales per group, not
    /// per channel): <c>[N, C, H, W]</c> viewed as <c>[N, G, C/G*H*W]</c> (group g's channels are consecutive), normalized
    /// per sample and group by InstanceNormalization (scale 1, bias 0, biased variance, the layer's epsilon), viewed back,
    /// then gamma and beta per channel.
    /// </summary>
    private static GraphValue GroupNormalization(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var arguments = new LayerArguments(layer, "groups", "epsilon");
        var graph = exporter.Graph;
        var shape = layer.InputShape;
        var groups = arguments.Int("groups");
        var grouped = graph.Node("Reshape", layer.Name, new[] { input.Name, graph.Int64Constant(graph.Fresh(layer.Name + ".groups"), 0, groups, -1) });
        var ones = graph.Constant(graph.Fresh(layer.Name + ".ones"), new[] { groups }, Enumerable.Repeat(1f, groups).ToArray());
        var zeros = graph.Constant(graph.Fresh(layer.Name + ".zeros"), new[] { groups }, new float[groups]);
        var normalized = graph.Node("InstanceNormalization", layer.Name, new[] { grouped, ones, zeros }, Float("epsilon", arguments.Float("epsilon")));
        var image = graph.Node("Reshape", layer.Name, new[] { normalized, graph.Int64Constant(graph.Fresh(layer.Name + ".image"), 0, shape.Channels, shape.Height, shape.Width) });
        var gamma = graph.ChannelConstant(layer.Name + ".gamma", ValueLayout.Nchw, exporter.Parameter(layer, "gamma", shape.Channels).Span);
        var beta = graph.ChannelConstant(layer.Name + ".beta", ValueLayout.Nchw, exporter.Parameter(layer, "beta", shape.Channels).Span);
        return new GraphValue(graph.Node("Add", layer.Name, new[] { graph.Node("Mul", layer.Name, new[] { image, gamma }), beta }), ValueLayout.Nchw);
    }

    /// <summary>
    /// ONNX's <c>PRelu</c>, whose slope broadcasts: Keras' alpha <c>[H', W', C']</c> (size 1 on shared axes) as it is for an
    /// NHWC value, as <c>[C', H', W']</c> for an NCHW one; <c>[F']</c> for vectors.
    /// </summary>
    private static GraphValue PReLU(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        _ = new LayerArguments(layer, "shared_axes");
        var graph = exporter.Graph;
        var alpha = exporter.Parameter(layer, "alpha");
        var dims = alpha.Shape.ToArray();
        var values = alpha.Span.ToArray();
        if (input.Layout == ValueLayout.Nchw)
        {
            int h = dims[0], w = dims[1], c = dims[2];
            var planar = new float[values.Length];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var k = 0; k < c; k++)
                    {
                        planar[(k * h + y) * w + x] = values[(y * w + x) * c + k];
                    }
                }
            }
            (values, dims) = (planar, new[] { c, h, w });
        }
        var slope = graph.Constant(layer.Name + ".alpha", dims, values);
        return input with { Name = graph.Node("PRelu", layer.Name, new[] { input.Name, slope }) };
    }
}
