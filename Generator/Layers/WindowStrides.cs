using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Rectangular strides of the window layers (Keras' <c>strides=(h, w)</c>): <c>StridesHeight</c> and <c>StridesWidth</c>
/// when written, else the layer's single <c>Strides</c> (or what it defaults to).
/// </summary>
internal static class WindowStrides
{
    /// <summary>
    /// The row and column strides, <paramref name="fallbackHeight"/>/<paramref name="fallbackWidth"/> where not written;
    /// false (after NNG0006 at the argument) when a written one is not positive.
    /// </summary>
    public static bool Resolve(LayerInference inference, int fallbackHeight, int fallbackWidth, out int height, out int width)
    {
        var layer = inference.Layer;
        height = layer.StridesHeight != 0 ? layer.StridesHeight : fallbackHeight;
        width = layer.StridesWidth != 0 ? layer.StridesWidth : fallbackWidth;
        var ok = true;
        if (layer.StridesHeight < 0)
        {
            ok &= inference.Positive("StridesHeight", layer.StridesHeight);
        }
        if (layer.StridesWidth < 0)
        {
            ok &= inference.Positive("StridesWidth", layer.StridesWidth);
        }
        return ok;
    }

    /// <summary>How messages write strides: <c>2</c>, or <c>2x1</c> when they differ.</summary>
    public static string Text(int height, int width) =>
        height == width ? LayerInference.Format(height) : LayerInference.Format(height) + "x" + LayerInference.Format(width);

    /// <summary>The argument a strides diagnostic points at: the rectangular one when written, else <c>Strides</c>.</summary>
    public static string Argument(LayerDeclaration layer) =>
        layer.StridesHeight != 0 ? "StridesHeight" : layer.StridesWidth != 0 ? "StridesWidth" : "Strides";
}
