using System;

namespace Generated;

/// <summary>Base of every layer attribute. Layers run in the order their attributes are written.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>
    /// The layer's name in <c>Summary</c>, in weight files (<c>{Name}.kernel</c>) and for
    /// <see cref="AddAttribute"/>/<see cref="ConcatenateAttribute"/>. Defaults to Keras' name:
    /// the kind in snake_case with a per-kind counter (<c>conv2d</c>, <c>conv2d_1</c>, ...).
    /// </summary>
    public string? Name { get; set; }

    // Branching (issue 11): which earlier layer this one reads.
    /// <summary>
    /// The earlier layer (by name, case-sensitive as Keras) or <c>"input"</c> (the network's input) this layer reads
    /// instead of the previous one; null (the default) reads the previous layer. A merge with one name merges this
    /// input with the named layer.
    /// </summary>
    public string? Input { get; set; }
    // Transfer learning (issue 10): keep these lines together.
    /// <summary>
    /// Keras' <c>trainable</c>: false freezes the layer's weights (the optimizer leaves them, <c>Summary</c> counts them
    /// as non-trainable) and makes a <see cref="BatchNormalizationAttribute"/> use its moving statistics while training,
    /// as Keras 2.1+ does. The generated <c>SetTrainable(layer, bool)</c> changes it at run time. Default true.
    /// </summary>
    public bool Trainable { get; set; } = true;
}
