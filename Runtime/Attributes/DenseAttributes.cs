using System;

namespace Generated;

/// <summary>Fully connected layer on the last axis (Keras <c>Dense</c>): kernel <c>[in, units]</c>. On an <c>H x W x C</c> input it maps every pixel's channels, as Keras does.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>A dense layer with <paramref name="units"/> outputs.</summary>
    public DenseAttribute(int units) => Units = units;

    /// <summary>Output features.</summary>
    public int Units { get; }

    /// <summary>Activation applied to the output (default <see cref="Generated.Activation.Linear"/>).</summary>
    public Activation Activation { get; set; } = Activation.Linear;

    /// <summary>Whether the layer adds a bias per unit (default true).</summary>
    public bool UseBias { get; set; } = true;
}
