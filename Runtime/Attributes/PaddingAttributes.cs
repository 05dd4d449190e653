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
