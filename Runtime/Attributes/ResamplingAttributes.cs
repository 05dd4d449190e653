using System;

namespace Generated;

/// <summary>Repeats or interpolates pixels (Keras <c>UpSampling2D</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UpSampling2DAttribute : LayerAttribute
{
    /// <summary>Scales both dimensions by <paramref name="size"/>.</summary>
    public UpSampling2DAttribute(int size) : this(size, size) { }

    /// <summary>Scales rows by <paramref name="sizeHeight"/> and columns by <paramref name="sizeWidth"/>.</summary>
    public UpSampling2DAttribute(int sizeHeight, int sizeWidth)
    {
        SizeHeight = sizeHeight;
        SizeWidth = sizeWidth;
    }

    /// <summary>Row factor.</summary>
    public int SizeHeight { get; }

    /// <summary>Column factor.</summary>
    public int SizeWidth { get; }

    /// <summary>How new pixels are filled (default <see cref="Generated.Interpolation.Nearest"/>).</summary>
    public Interpolation Interpolation { get; set; } = Interpolation.Nearest;

    // Max-unpooling (issue 11).
    /// <summary>With <see cref="Generated.Interpolation.MaxUnpooling"/>: the earlier MaxPooling2D whose maxima's positions the values go back to.</summary>
    public string? PoolingLayer { get; set; }
}
