using System;

namespace Generated;

/// <summary>Zeroes a fraction of activations while training and scales the rest by <c>1/(1-rate)</c>; identity at inference (Keras <c>Dropout</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Drops <paramref name="rate"/> of the activations, in [0, 1).</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Fraction dropped while training.</summary>
    public double Rate { get; }
}

/// <summary>
/// Drops whole channels of each sample while training and scales the rest by <c>1/(1-rate)</c> (Keras <c>SpatialDropout2D</c>);
/// the identity at inference.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SpatialDropout2DAttribute : LayerAttribute
{
    /// <summary>Drops <paramref name="rate"/> of the channels, in [0, 1).</summary>
    public SpatialDropout2DAttribute(double rate) => Rate = rate;

    /// <summary>Fraction of channels dropped while training.</summary>
    public double Rate { get; }
}
