using System;

namespace Generated;

/// <summary>
/// Adds rows and columns of zeros around each feature map (Keras <c>ZeroPadding2D</c>): input (H, W, C),
/// output (top + H + bottom, left + W + right, C). No weights.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ZeroPadding2DAttribute : LayerAttribute
{
    /// <summary>The same <paramref name="padding"/> on all four sides (Keras' <c>padding=p</c>).</summary>
    public ZeroPadding2DAttribute(int padding) : this(padding, padding, padding, padding) { }

    /// <summary>Each side on its own (Keras' <c>padding=((top, bottom), (left, right))</c>).</summary>
    public ZeroPadding2DAttribute(int top, int bottom, int left, int right)
    {
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>Zero rows added above.</summary>
    public int Top { get; }

    /// <summary>Zero rows added below.</summary>
    public int Bottom { get; }

    /// <summary>Zero columns added on the left.</summary>
    public int Left { get; }

    /// <summary>Zero columns added on the right.</summary>
    public int Right { get; }
}

/// <summary>
/// Removes rows and columns at the borders of each feature map (Keras <c>Cropping2D</c>): input (H, W, C),
/// output (H - top - bottom, W - left - right, C). No weights.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Cropping2DAttribute : LayerAttribute
{
    /// <summary>The same <paramref name="cropping"/> on all four sides (Keras' <c>cropping=c</c>).</summary>
    public Cropping2DAttribute(int cropping) : this(cropping, cropping, cropping, cropping) { }

    /// <summary><paramref name="height"/> rows off the top and off the bottom, <paramref name="width"/> columns off each side (Keras' <c>cropping=(h, w)</c>).</summary>
    public Cropping2DAttribute(int height, int width) : this(height, height, width, width) { }

    /// <summary>Each side on its own (Keras' <c>cropping=((top, bottom), (left, right))</c>).</summary>
    public Cropping2DAttribute(int top, int bottom, int left, int right)
    {
        Top = top;
        Bottom = bottom;
        Left = left;
        Right = right;
    }

    /// <summary>Rows removed at the top.</summary>
    public int Top { get; }

    /// <summary>Rows removed at the bottom.</summary>
    public int Bottom { get; }

    /// <summary>Columns removed on the left.</summary>
    public int Left { get; }

    /// <summary>Columns removed on the right.</summary>
    public int Right { get; }
}
