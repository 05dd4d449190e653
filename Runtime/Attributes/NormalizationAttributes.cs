using System;

namespace Generated;

/// <summary>
/// Batch normalization over the last axis (Keras <c>BatchNormalization</c>): training uses batch
/// statistics and updates <c>moving = moving * Momentum + batch * (1 - Momentum)</c>; inference uses
/// the moving statistics. Parameters <c>gamma</c>, <c>beta</c> (trained) and <c>moving_mean</c>,
/// <c>moving_variance</c> (not trained).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormalizationAttribute : LayerAttribute
{
    /// <summary>Weight of the old moving statistics in each update (Keras default 0.99).</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Added to the variance before the square root (Keras default 0.001).</summary>
    public double Epsilon { get; set; } = 0.001;
}

/// <summary>Layer normalization over the last axis of each sample (Keras <c>LayerNormalization</c>), with <c>gamma</c> and <c>beta</c> per channel.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormalizationAttribute : LayerAttribute
{
    /// <summary>Unused by layer normalization (it keeps no moving statistics); accepted so Keras code translates line by line.</summary>
    public double Momentum { get; set; } = 0.99;

    /// <summary>Added to the variance before the square root (Keras default 0.001).</summary>
    public double Epsilon { get; set; } = 0.001;
}
