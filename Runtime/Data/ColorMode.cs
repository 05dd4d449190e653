namespace Generated.Data;

/// <summary>The channels images are decoded to (Keras' <c>color_mode</c>).</summary>
public enum ColorMode
{
    /// <summary>One channel of luminance.</summary>
    Grayscale = 1,
    /// <summary>Red, green, blue (Keras' default).</summary>
    Rgb = 3,
    /// <summary>Red, green, blue, alpha.</summary>
    Rgba = 4,
}
