using System;

namespace Generated;

// Every merge: one name merges the previous layer's output (or Input's) with it; two or more names merge exactly those.

/// <summary>Element-wise sum of its inputs (Keras <c>Add</c>); residual connections.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : LayerAttribute
{
    /// <summary>Adds the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>); one name: to the previous layer's output.</summary>
    public AddAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}

/// <summary>Concatenates its inputs on the channel axis (Keras <c>Concatenate</c> with its default <c>axis=-1</c>); U-Net skips, Inception branches.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : LayerAttribute
{
    /// <summary>Joins the channels of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>) in order; one name: after the previous layer's channels.</summary>
    public ConcatenateAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}

/// <summary>Element-wise product of its inputs (Keras <c>Multiply</c>); gates and attention masks.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : LayerAttribute
{
    /// <summary>Multiplies the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>); one name: with the previous layer's output.</summary>
    public MultiplyAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged.</summary>
    public string[] Layers { get; }
}

/// <summary>Difference of exactly two inputs, the first minus the second (Keras <c>Subtract</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SubtractAttribute : LayerAttribute
{
    /// <summary>Subtracts: one name, the previous layer's output minus it; two names, the first minus the second.</summary>
    public SubtractAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged.</summary>
    public string[] Layers { get; }
}

/// <summary>Element-wise maximum of its inputs (Keras <c>Maximum</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaximumAttribute : LayerAttribute
{
    /// <summary>The maximum of the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>); one name: and the previous layer's output.</summary>
    public MaximumAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged.</summary>
    public string[] Layers { get; }
}

/// <summary>Element-wise minimum of its inputs (Keras <c>Minimum</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MinimumAttribute : LayerAttribute
{
    /// <summary>The minimum of the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>); one name: and the previous layer's output.</summary>
    public MinimumAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged.</summary>
    public string[] Layers { get; }
}

/// <summary>Element-wise mean of its inputs (Keras <c>Average</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AverageAttribute : LayerAttribute
{
    /// <summary>The mean of the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>); one name: and the previous layer's output.</summary>
    public AverageAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged.</summary>
    public string[] Layers { get; }
}
