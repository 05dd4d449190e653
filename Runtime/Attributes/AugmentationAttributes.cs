using System;

namespace Generated;

/// <summary>
/// Flips each training sample with probability 1/2 per axis (Keras <c>RandomFlip</c>); the identity in Predict and
/// in <c>Forward(training: false)</c>. Draws continue the network's seeded stream, so a seed fixes a whole run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomFlipAttribute : LayerAttribute
{
    /// <summary>Flips along both axes, each with its own coin (Keras' default mode).</summary>
    public RandomFlipAttribute() : this(FlipMode.HorizontalAndVertical) { }

    /// <summary>Flips along the axes of <paramref name="mode"/>.</summary>
    public RandomFlipAttribute(FlipMode mode) => Mode = mode;

    /// <summary>The axes flipped.</summary>
    public FlipMode Mode { get; }
}

/// <summary>
/// Shifts each training sample by <c>uniform(-factor, factor)</c> of its height and width (Keras <c>RandomTranslation</c>),
/// bilinear, filling by <see cref="FillMode"/>; the identity at inference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomTranslationAttribute : LayerAttribute
{
    /// <summary>Shifts rows by up to <paramref name="heightFactor"/> and columns by up to <paramref name="widthFactor"/> of the size, both in [0, 1].</summary>
    public RandomTranslationAttribute(double heightFactor, double widthFactor)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
    }

    /// <summary>Largest vertical shift as a fraction of the height.</summary>
    public double HeightFactor { get; }

    /// <summary>Largest horizontal shift as a fraction of the width.</summary>
    public double WidthFactor { get; }

    /// <summary>How pixels from outside are filled (Keras default <see cref="Generated.FillMode.Reflect"/>).</summary>
    public FillMode FillMode { get; set; } = FillMode.Reflect;
}

/// <summary>
/// Rotates each training sample about its centre by <c>uniform(-factor, factor) * 2π</c> (Keras <c>RandomRotation</c>),
/// bilinear, filling by <see cref="FillMode"/>; the identity at inference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomRotationAttribute : LayerAttribute
{
    /// <summary>Rotates by up to <paramref name="factor"/> of a full turn, in [0, 1].</summary>
    public RandomRotationAttribute(double factor) => Factor = factor;

    /// <summary>Largest rotation as a fraction of 2π.</summary>
    public double Factor { get; }

    /// <summary>How pixels from outside are filled (Keras default <see cref="Generated.FillMode.Reflect"/>).</summary>
    public FillMode FillMode { get; set; } = FillMode.Reflect;
}

/// <summary>
/// Zooms each training sample about its centre by <c>1 + uniform(-factor, factor)</c> per axis (Keras <c>RandomZoom</c>;
/// above 1 zooms out), bilinear, filling by <see cref="FillMode"/>; the identity at inference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RandomZoomAttribute : LayerAttribute
{
    /// <summary>Zooms both axes by one draw of up to <paramref name="heightFactor"/> (aspect kept, Keras' <c>width_factor=None</c>).</summary>
    public RandomZoomAttribute(double heightFactor) => HeightFactor = heightFactor;

    /// <summary>Zooms rows by up to <paramref name="heightFactor"/> and columns by up to <paramref name="widthFactor"/>, drawn separately.</summary>
    public RandomZoomAttribute(double heightFactor, double widthFactor)
    {
        HeightFactor = heightFactor;
        WidthFactor = widthFactor;
    }

    /// <summary>Largest vertical zoom change, in [0, 1].</summary>
    public double HeightFactor { get; }

    /// <summary>Largest horizontal zoom change, in [0, 1]; NaN (not given) zooms columns as rows.</summary>
    public double WidthFactor { get; } = double.NaN;

    /// <summary>How pixels from outside are filled (Keras default <see cref="Generated.FillMode.Reflect"/>).</summary>
    public FillMode FillMode { get; set; } = FillMode.Reflect;
}
