using System;

namespace Generated;

/// <summary>A stand-alone activation layer (Keras <c>Activation</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivationAttribute : LayerAttribute
{
    /// <summary>Applies <paramref name="activation"/> element-wise (Softmax over the last axis).</summary>
    public ActivationAttribute(Activation activation) => Activation = activation;

    /// <summary>The function applied.</summary>
    public Activation Activation { get; }
}

/// <summary><c>max(x, 0)</c> as a layer (Keras <c>ReLU</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : LayerAttribute { }

/// <summary><c>x</c> for positive inputs, <c>Alpha * x</c> otherwise (Keras <c>LeakyReLU</c>, default slope 0.3).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReLUAttribute : LayerAttribute
{
    /// <summary>A leaky ReLU with Keras' default negative slope 0.3.</summary>
    public LeakyReLUAttribute() : this(0.3) { }

    /// <summary>A leaky ReLU with negative slope <paramref name="alpha"/>.</summary>
    public LeakyReLUAttribute(double alpha) => Alpha = alpha;

    /// <summary>Slope for negative inputs.</summary>
    public double Alpha { get; }
}

/// <summary>Softmax over the last axis as a layer (Keras <c>Softmax</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : LayerAttribute { }
