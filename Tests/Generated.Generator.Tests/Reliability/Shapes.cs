namespace Generated.Generator.Tests.Reliability;

/// <summary>Keras' output shapes, only to steer <see cref="RandomModelGenerator"/>; null when the layer cannot apply.</summary>
internal static class Shapes
{
    public static bool HasWeights(string kind) => kind is "conv2d" or "conv2d_transpose" or "depthwise_conv2d" or "separable_conv2d" or "dense"
        or "batch_normalization" or "layer_normalization" or "group_normalization" or "prelu";

    public static int[]? Output(LayerSpec layer, int[] shape, List<(string Name, int[] Shape)> history)
    {
        var spatial = shape.Length == 3;
        var a = layer.Args;
        switch (layer.Kind)
        {
            case "conv2d" or "depthwise_conv2d" or "separable_conv2d":
            {
                if (!spatial)
                {
                    return null;
                }
                var h = Window(shape[0], layer.Int("kh"), layer.Int("sh"), layer.Int("dilation"), layer.Str("padding"));
                var w = Window(shape[1], layer.Int("kw"), layer.Int("sw"), layer.Int("dilation"), layer.Str("padding"));
                var c = layer.Kind == "depthwise_conv2d" ? shape[2] * layer.Int("multiplier") : layer.Int("filters");
                return [h, w, c];
            }
            case "conv2d_transpose":
                return spatial
                    ? [Transpose(shape[0], layer.Int("kh"), layer.Int("sh"), layer.Int("dilation"), OutputPadding(layer), layer.Str("padding")),
                       Transpose(shape[1], layer.Int("kw"), layer.Int("sw"), layer.Int("dilation"), OutputPadding(layer), layer.Str("padding")),
                       layer.Int("filters")]
                    : null;
            case "max_pooling2d" or "average_pooling2d" or "min_pooling2d":
                return spatial
                    ? [Window(shape[0], layer.Int("ph"), layer.Int("sh"), 1, layer.Str("padding")), Window(shape[1], layer.Int("pw"), layer.Int("sw"), 1, layer.Str("padding")), shape[2]]
                    : null;
            case "global_average_pooling2d" or "global_max_pooling2d":
                return spatial ? [shape[2]] : null;
            case "flatten":
                return spatial ? [shape[0] * shape[1] * shape[2]] : null;
            case "up_sampling2d":
                return spatial ? [shape[0] * layer.Int("sh"), shape[1] * layer.Int("sw"), shape[2]] : null;
            case "zero_padding2d":
                return spatial ? [shape[0] + layer.Int("top") + layer.Int("bottom"), shape[1] + layer.Int("left") + layer.Int("right"), shape[2]] : null;
            case "cropping2d":
                return spatial ? [shape[0] - layer.Int("top") - layer.Int("bottom"), shape[1] - layer.Int("left") - layer.Int("right"), shape[2]] : null;
            case "dense":
                return [.. shape[..^1], layer.Int("units")];
            case "reshape":
                return (int[])a["shape"];
            case "spatial_dropout" or "group_normalization" or "random_flip" or "random_translation" or "random_rotation" or "random_zoom":
                return spatial ? shape : null;
            case "concatenate":
            {
                var names = (string[])a["layers"];
                var inputs = (names.Length == 1 ? [history[^1].Name, names[0]] : names)
                    .Select(n => history.FirstOrDefault(h => h.Name == n).Shape).ToList();
                return inputs.Any(s => s is null) ? null : [.. shape[..^1], inputs.Sum(s => s![^1])];
            }
            default:
                return shape;
        }
    }

    private static int Window(int size, int kernel, int stride, int dilation, string padding) =>
        padding == "Same" ? (size + stride - 1) / stride
        : size < dilation * (kernel - 1) + 1 ? 0 : (size - dilation * (kernel - 1) - 1) / stride + 1;

    private static int? OutputPadding(LayerSpec layer) => layer.Args.TryGetValue("output_padding", out var value) ? (int)value : null;

    private static int Transpose(int size, int kernel, int stride, int dilation, int? outputPadding, string padding)
    {
        var span = dilation * (kernel - 1) + 1;
        return outputPadding is not { } op
            ? (padding == "Same" ? size * stride : size * stride + Math.Max(span - stride, 0))
            : (size - 1) * stride + span - (padding == "Same" ? 2 * (span / 2) : 0) + op;
    }
}
