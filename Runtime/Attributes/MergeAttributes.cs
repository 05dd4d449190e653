using System;

namespace Generated;

/// <summary>Element-wise sum of the previous layer's output and the named earlier layers' outputs (Keras <c>Add</c>); residual connections.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : LayerAttribute
{
    /// <summary>Adds the outputs of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>) to the previous layer's output.</summary>
    public AddAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}

/// <summary>Concatenates the previous layer's output with the named earlier layers' outputs on the channel axis (Keras <c>Concatenate</c>); U-Net skips.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : LayerAttribute
{
    /// <summary>Appends the channels of <paramref name="layers"/> (earlier layer names, or <c>"input"</c>) after the previous layer's channels.</summary>
    public ConcatenateAttribute(params string[] layers) => Layers = layers;

    /// <summary>Names of the earlier layers merged in.</summary>
    public string[] Layers { get; }
}
