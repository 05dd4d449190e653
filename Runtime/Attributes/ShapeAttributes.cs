using System;

namespace Generated;

/// <summary>Flattens <c>H x W x C</c> to <c>H*W*C</c> in NHWC order (Keras <c>Flatten</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute { }

/// <summary>Zeroes a fraction of activations while training and scales the rest by <c>1/(1-rate)</c>; identity at inference (Keras <c>Dropout</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Drops <paramref name="rate"/> of the activations, in [0, 1).</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Fraction dropped while training.</summary>
    public double Rate { get; }
}

/// <summary>Element-wise sum of the previous layer's output and the named earlier layers' outputs (Keras <c>Add</c>); residual connections.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : LayerAttribute
{
    /// <summary>Adds the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>) to the previous layer's output.</summary>
    public AddAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}

/// <summary>Concatenates the previous layer's output with the named earlier layers' outputs on the channel axis (Keras <c>Concatenate</c>); U-Net skips.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : LayerAttribute
{
    /// <summary>Appends the channels of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>) after the previous layer's channels.</summary>
    public ConcatenateAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}

/// <summary>Reinterprets each sample's values with a new shape of the same size (Keras <c>Reshape</c>), e.g. a GAN generator's dense output as a feature map.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>Reshapes to <paramref name="height"/> x <paramref name="width"/> x <paramref name="channels"/>.</summary>
    public ReshapeAttribute(int height, int width, int channels)
    {
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Reshapes to a flat vector of <paramref name="features"/> values.</summary>
    public ReshapeAttribute(int features) => Features = features;

    /// <summary>Target rows (0 for a flat target).</summary>
    public int Height { get; }

    /// <summary>Target columns (0 for a flat target).</summary>
    public int Width { get; }

    /// <summary>Target channels (0 for a flat target).</summary>
    public int Channels { get; }

    /// <summary>Target length of a flat target (0 for an image target).</summary>
    public int Features { get; }
}
