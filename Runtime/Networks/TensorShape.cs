using System;
using System.Globalization;

namespace Generated;

/// <summary>
/// The shape of one sample: rank 3 (<c>H x W x C</c>, NHWC) or rank 1 (a vector of <see cref="Channels"/>
/// values, with <see cref="Height"/> = <see cref="Width"/> = 1 so the last axis is always <see cref="Channels"/>).
/// </summary>
public readonly record struct TensorShape
{
    /// <summary>An image-like shape <c>height x width x channels</c>.</summary>
    public TensorShape(int height, int width, int channels)
    {
        Rank = 3;
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>A vector shape of <paramref name="length"/> values.</summary>
    public TensorShape(int length)
    {
        Rank = 1;
        Height = 1;
        Width = 1;
        Channels = length;
    }

    /// <summary>3 for <c>H x W x C</c>, 1 for a vector.</summary>
    public int Rank { get; }

    /// <summary>Rows (1 for a vector).</summary>
    public int Height { get; }

    /// <summary>Columns (1 for a vector).</summary>
    public int Width { get; }

    /// <summary>Channels, or the vector's length.</summary>
    public int Channels { get; }

    /// <summary>Floats per sample.</summary>
    public int Size => Height * Width * Channels;

    /// <summary>The dimensions as Keras lists them without the batch axis.</summary>
    public int[] ToArray() => Rank == 3 ? new[] { Height, Width, Channels } : new[] { Channels };

    /// <summary><c>28x28x1</c> or <c>10</c>.</summary>
    public override string ToString() =>
        Rank == 3 ? string.Create(CultureInfo.InvariantCulture, $"{Height}x{Width}x{Channels}") : Channels.ToString(CultureInfo.InvariantCulture);
}
