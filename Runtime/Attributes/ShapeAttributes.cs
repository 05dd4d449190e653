using System;

namespace Generated;

/// <summary>Flattens <c>H x W x C</c> to <c>H*W*C</c> in NHWC order (Keras <c>Flatten</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute { }

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
