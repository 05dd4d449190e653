using System;
using System.Collections.Generic;

namespace Generated.IO;

/// <summary>
/// PyTorch's names and layouts for this product's tensors, per tensor (suffix and rank), not per layer kind, so any layer
/// built from the same tensors converts: kernels OIHW (Conv2d) or <c>[in, out, kh, kw]</c> (ConvTranspose2d) against HWIO or
/// <c>[kh, kw, out, in]</c> here, <c>Linear</c> <c>[out, in]</c> against <c>[in, out]</c>, normalization's
/// <c>weight</c>/<c>bias</c>/<c>running_mean</c>/<c>running_var</c> against <c>gamma</c>/<c>beta</c>/<c>moving_mean</c>/<c>moving_variance</c>.
/// </summary>
internal static class PyTorchLayout
{
    /// <summary>The counter PyTorch's BatchNorm keeps, which has no counterpart here.</summary>
    public const string BatchesTracked = "num_batches_tracked";

    /// <summary>PyTorch's tensor name for one of ours: <c>kernel</c> -> <c>weight</c>, <c>gamma</c> -> <c>weight</c>, ...</summary>
    public static string Suffix(string suffix) => suffix switch
    {
        "kernel" or "gamma" or "depthwise_kernel" or "alpha" => "weight",
        "beta" => "bias",
        "moving_mean" => "running_mean",
        "moving_variance" => "running_var",
        _ => suffix,
    };

    /// <summary>The shape PyTorch stores a tensor of <paramref name="shape"/> (ours) in.</summary>
    public static int[] Shape(string suffix, int[] shape)
    {
        if (suffix == "depthwise_kernel" && shape.Length == 4)
        {
            return new[] { shape[2] * shape[3], 1, shape[0], shape[1] }; // [kh, kw, in, multiplier] -> [in*multiplier, 1, kh, kw]
        }
        if (suffix == "kernel" && shape.Length == 4)
        {
            return new[] { shape[3], shape[2], shape[0], shape[1] }; // [kh, kw, a, b] -> [b, a, kh, kw]
        }
        if (suffix == "kernel" && shape.Length == 2)
        {
            return new[] { shape[1], shape[0] };
        }
        return (int[])shape.Clone();
    }

    /// <summary>
    /// Writes PyTorch's <paramref name="source"/> into <paramref name="target"/> (our layout <paramref name="shape"/>). A Dense
    /// kernel whose input is a flattened <paramref name="flattened"/> feature map also has its rows reordered from PyTorch's
    /// <c>c*H*W + h*W + w</c> to NHWC's <c>(h*W + w)*C + c</c>.
    /// </summary>
    public static void Convert(string suffix, int[] shape, ReadOnlySpan<float> source, Span<float> target, TensorShape? flattened)
    {
        if (suffix == "depthwise_kernel" && shape.Length == 4)
        {
            int kh = shape[0], kw = shape[1], channels = shape[2], multiplier = shape[3];
            for (var i = 0; i < kh; i++)
            for (var j = 0; j < kw; j++)
            for (var c = 0; c < channels; c++)
            for (var m = 0; m < multiplier; m++)
            {
                target[((i * kw + j) * channels + c) * multiplier + m] = source[((c * multiplier + m) * kh + i) * kw + j];
            }
            return;
        }
        if (suffix == "kernel" && shape.Length == 4)
        {
            int kh = shape[0], kw = shape[1], a = shape[2], b = shape[3];
            for (var i = 0; i < kh; i++)
            for (var j = 0; j < kw; j++)
            for (var p = 0; p < a; p++)
            for (var q = 0; q < b; q++)
            {
                target[((i * kw + j) * a + p) * b + q] = source[((q * a + p) * kh + i) * kw + j];
            }
            return;
        }
        if (suffix == "kernel" && shape.Length == 2)
        {
            int inputs = shape[0], units = shape[1];
            for (var row = 0; row < inputs; row++)
            {
                var column = flattened is { } map ? NchwIndex(row, map) : row;
                for (var o = 0; o < units; o++)
                {
                    target[row * units + o] = source[o * inputs + column];
                }
            }
            return;
        }
        source.CopyTo(target);
    }

    /// <summary>Where NHWC feature <paramref name="index"/> of a flattened <paramref name="map"/> sits in PyTorch's NCHW flattening.</summary>
    private static int NchwIndex(int index, TensorShape map)
    {
        var c = index % map.Channels;
        var pixel = index / map.Channels;
        return c * map.Height * map.Width + pixel;
    }

    /// <summary>
    /// The feature map a Dense layer's input was flattened from, when PyTorch and this product order its features differently:
    /// the layer's input, followed back through shape-keeping layers (Dropout, activations), is a Flatten of an image with more
    /// than one pixel and more than one channel. Null otherwise.
    /// </summary>
    public static TensorShape? FlattenedInput(IReadOnlyList<LayerInfo> layers, string layerName)
    {
        var layer = Find(layers, layerName);
        var seen = 0;
        while (layer is not null && layer.Inputs.Count == 1 && seen++ < layers.Count)
        {
            var producer = Find(layers, layer.Inputs[0]);
            if (producer is null)
            {
                return null;
            }
            if (producer.Kind == "Flatten")
            {
                var map = producer.InputShape;
                return map.Rank == 3 && map.Height * map.Width > 1 && map.Channels > 1 ? map : null;
            }
            if (producer.InputShape != producer.OutputShape || producer.ParameterCount > 0)
            {
                return null;
            }
            layer = producer;
        }
        return null;
    }

    private static LayerInfo? Find(IReadOnlyList<LayerInfo> layers, string name)
    {
        foreach (var layer in layers)
        {
            if (layer.Name == name)
            {
                return layer;
            }
        }
        return null;
    }
}
