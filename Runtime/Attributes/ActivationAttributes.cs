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

/// <summary><c>max(x, 0)</c> as a layer (Keras <c>ReLU</c>); <c>[ReLU(6)]</c> is Keras' <c>ReLU(6.)</c>, <c>min(max(x, 0), 6)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReLUAttribute : LayerAttribute
{
    /// <summary>An unbounded ReLU (Keras' <c>max_value=None</c>).</summary>
    public ReLUAttribute() { }

    /// <summary>A ReLU clipped at <paramref name="maxValue"/> (Keras' <c>max_value</c>); 6 (ReLU6, as MobileNetV2 uses) is the value supported.</summary>
    public ReLUAttribute(double maxValue) => MaxValue = maxValue;

    /// <summary>The largest output; positive infinity when unbounded.</summary>
    public double MaxValue { get; } = double.PositiveInfinity;
}

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

/// <summary>
/// Leaky ReLU with a trained slope (Keras <c>PReLU</c>): <c>x</c> for positive inputs, <c>alpha * x</c> otherwise.
/// <c>alpha</c> starts at zeros and has one value per input element, or one shared along each axis of <see cref="SharedAxes"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PReLUAttribute : LayerAttribute
{
    /// <summary>
    /// Axes (1 rows, 2 columns, 3 channels; 1 the features of a flat input) along which one alpha is shared, as Keras'
    /// <c>shared_axes</c>: <c>new[] { 1, 2 }</c> gives one alpha per channel, what CNNs use. Default none.
    /// </summary>
    public int[] SharedAxes { get; set; } = Array.Empty<int>();
}
