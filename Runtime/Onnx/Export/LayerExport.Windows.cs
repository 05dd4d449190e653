using System.Collections.Generic;
using static Generated.Onnx.Export.OnnxGraphBuilder;

namespace Generated.Onnx.Export;

/// <summary>Pooling, resampling and cropping: the window layers that have no weights.</summary>
internal static partial class LayerExport
{
    private static GraphValue Pooling(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input)
    {
        var attributes = PoolingAttributes(layer);
        if (layer.Kind == "AveragePooling2D")
        {
            attributes.Add(Int("count_include_pad", 0)); // Keras averages the cells inside the image only
            return new GraphValue(graph.Node("AveragePool", layer.Name, new[] { input.Name }, attributes.ToArray()), ValueLayout.Nchw);
        }
        if (layer.Kind == "MaxPooling2D")
        {
            return new GraphValue(graph.Node("MaxPool", layer.Name, new[] { input.Name }, attributes.ToArray()), ValueLayout.Nchw);
        }
        // MinPooling2D: min(x) = -max(-x); MaxPool skips padded cells, so padding never wins, as +infinity in the kernel.
        var negated = graph.Node("Neg", layer.Name, new[] { input.Name });
        var pooled = graph.Node("MaxPool", layer.Name, new[] { negated }, attributes.ToArray());
        return new GraphValue(graph.Node("Neg", layer.Name, new[] { pooled }), ValueLayout.Nchw);
    }

    /// <summary>A pooling layer's window as ONNX attributes: kernel, strides and explicit pads (Keras' Same odd cell at the bottom/right).</summary>
    private static List<Onnx.Protobuf.AttributeProto> PoolingAttributes(LayerInfo layer)
    {
        var arguments = new LayerArguments(layer, "pool_size", "strides", "padding", "pads");
        var pool = arguments.Ints("pool_size", 2);
        var strides = arguments.Ints("strides", 2);
        var pads = arguments.Ints("pads", 4);
        return new List<Onnx.Protobuf.AttributeProto>
        {
            Ints("kernel_shape", pool[0], pool[1]), Ints("strides", strides[0], strides[1]), Ints("pads", pads[0], pads[2], pads[1], pads[3]),
        };
    }

    private static GraphValue UpSampling(OnnxExporter exporter, LayerInfo layer, GraphValue input)
    {
        var graph = exporter.Graph;
        var arguments = new LayerArguments(layer, "size", "interpolation", "pooling_layer");
        var size = arguments.Ints("size", 2);
        var interpolation = arguments.Text("interpolation");
        if (interpolation == "bedofnails")
        {
            return BedOfNails(layer, graph, input, size[0], size[1]);
        }
        if (interpolation == "maxunpooling")
        {
            return MaxUnpooling(exporter, layer, input, arguments);
        }
        var scales = graph.Constant(layer.Name + ".scales", new[] { 4 }, new float[] { 1, 1, size[0], size[1] });
        var attributes = interpolation switch
        {
            // Keras' nearest repeats each pixel: source index floor(out / size).
            "nearest" => new[] { Text("mode", "nearest"), Text("coordinate_transformation_mode", "asymmetric"), Text("nearest_mode", "floor") },
            // TF2 resize / PyTorch align_corners=False: half-pixel centres.
            "bilinear" => new[] { Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel") },
            var other => throw arguments.Unsupported($"interpolation '{other}'"),
        };
        return new GraphValue(graph.Node("Resize", layer.Name, new[] { input.Name, "", scales }, attributes), ValueLayout.Nchw);
    }

    /// <summary>
    /// Each value at its block's top-left, zeros elsewhere: <c>[N, C, H, W]</c> viewed as <c>[N, C, H, 1, W, 1]</c>, padded
    /// with zeros after the two unit axes to <c>[N, C, H, fh, W, fw]</c>, viewed as <c>[N, C, H*fh, W*fw]</c>. Exact: no arithmetic.
    /// </summary>
    private static GraphValue BedOfNails(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input, int factorHeight, int factorWidth)
    {
        var shape = layer.InputShape;
        var split = graph.Int64Constant(graph.Fresh(layer.Name + ".split"), -1, shape.Channels, shape.Height, 1, shape.Width, 1);
        var pads = graph.Int64Constant(graph.Fresh(layer.Name + ".pads"), 0, 0, 0, 0, 0, 0, 0, 0, 0, factorHeight - 1, 0, factorWidth - 1);
        var merged = graph.Int64Constant(graph.Fresh(layer.Name + ".merge"), -1, shape.Channels, shape.Height * factorHeight, shape.Width * factorWidth);
        var blocks = graph.Node("Pad", layer.Name, new[] { graph.Node("Reshape", layer.Name, new[] { input.Name, split }), pads }, Text("mode", "constant"));
        return new GraphValue(graph.Node("Reshape", layer.Name, new[] { blocks, merged }), ValueLayout.Nchw);
    }

    /// <summary>
    /// Values back where the named MaxPooling2D took them from: that pooling run again on its input with ONNX's indices
    /// output (the first maximal cell of each window in row-major order, as the kernel picks), then <c>MaxUnpool</c>.
    /// </summary>
    private static GraphValue MaxUnpooling(OnnxExporter exporter, LayerInfo layer, GraphValue input, LayerArguments arguments)
    {
        var graph = exporter.Graph;
        if (!arguments.Raw.TryGetValue("pooling_layer", out var name))
        {
            throw arguments.Unsupported("max-unpooling without 'pooling_layer' in its Config");
        }
        var pooling = exporter.Layer(name);
        var attributes = PoolingAttributes(pooling);
        var poolingInput = graph.ToNchw(exporter.Output(pooling.Inputs[0]));
        var indices = graph.NodeWithOutputs("MaxPool", layer.Name, 2, new[] { poolingInput.Name }, attributes.ToArray())[1];
        return new GraphValue(graph.Node("MaxUnpool", layer.Name, new[] { input.Name, indices }, attributes.ToArray()), ValueLayout.Nchw);
    }

    /// <summary>A Slice of the rows and columns kept, in the layout the value already has (no transpose).</summary>
    private static GraphValue Cropping(LayerInfo layer, OnnxGraphBuilder graph, GraphValue input)
    {
        var crop = new LayerArguments(layer, "cropping").Ints("cropping", 4); // top, bottom, left, right
        var shape = layer.InputShape;
        var starts = graph.Int64Constant(graph.Fresh(layer.Name + ".starts"), crop[0], crop[2]);
        var ends = graph.Int64Constant(graph.Fresh(layer.Name + ".ends"), shape.Height - crop[1], shape.Width - crop[3]);
        var axes = input.Layout == ValueLayout.Nchw ? graph.Int64Constant(graph.Fresh(layer.Name + ".axes"), 2, 3) : graph.Int64Constant(graph.Fresh(layer.Name + ".axes"), 1, 2);
        return input with { Name = graph.Node("Slice", layer.Name, new[] { input.Name, starts, ends, axes }) };
    }
}
