using System;

namespace Generated;

/// <summary>Multiplies every input by <c>Scale</c> and adds <c>Offset</c> (Keras <c>Rescaling</c>), e.g. <c>[Rescaling(1.0 / 255)]</c>. No weights.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RescalingAttribute : LayerAttribute
{
    /// <summary><c>x * <paramref name="scale"/> + Offset</c>.</summary>
    public RescalingAttribute(double scale) => Scale = scale;

    /// <summary>The factor.</summary>
    public double Scale { get; }

    /// <summary>Added after scaling (Keras default 0).</summary>
    public double Offset { get; set; }
}

/// <summary>
/// Standardizes each channel with fixed statistics (Keras <c>Normalization</c>, axis -1):
/// <c>(x - mean) / max(sqrt(variance), 1e-7)</c>. Non-trainable weights <c>{layer}.mean</c>, <c>{layer}.variance</c>
/// (one per channel) and <c>{layer}.count</c> (Keras keeps it for old files; counted as a parameter as Keras does),
/// loaded from the weight file or set by the generated <c>Adapt{Layer}</c> method (Keras' <c>adapt</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NormalizationAttribute : LayerAttribute { }
