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

/// <summary>
/// Group normalization (Keras 3 <c>GroupNormalization</c>): each sample's channels in <c>Groups</c> runs of consecutive
/// channels, each normalized over its pixels and channels, then <c>gamma</c> and <c>beta</c> per channel.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GroupNormalizationAttribute : LayerAttribute
{
    /// <summary>Keras' default of 32 groups.</summary>
    public GroupNormalizationAttribute() : this(32) { }

    /// <summary>Normalizes in <paramref name="groups"/> groups, which must divide the channels.</summary>
    public GroupNormalizationAttribute(int groups) => Groups = groups;

    /// <summary>Number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>Added to the variance before the square root (Keras default 0.001).</summary>
    public double Epsilon { get; set; } = 0.001;
}
