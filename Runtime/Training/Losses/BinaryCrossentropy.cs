using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Keras' <c>BinaryCrossentropy</c>: <c>-(y log p + (1 - y) log(1 - p))</c> per output value, averaged over all values.
/// </summary>
/// <remarks>
/// From probabilities (default, a Sigmoid last layer) Keras' exact formula: <c>q = clip(p, 1e-7, 1 - 1e-7)</c>, then
/// <c>-(y log(q + 1e-7) + (1 - y) log(1 - q + 1e-7))</c>; the gradient treats the clip as the identity so a saturated
/// output still learns. With <c>fromLogits: true</c> the stable form <c>max(x, 0) - x y + log(1 + exp(-|x|))</c>,
/// gradient <c>sigmoid(x) - y</c>.
/// </remarks>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Creates the loss; <paramref name="fromLogits"/> as Keras' <c>from_logits</c>.</summary>
    public BinaryCrossentropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <summary>True when predictions are raw scores: a stable log-sigmoid is applied inside the loss.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    /// <inheritdoc/>
    public override bool ExpectsLogits => FromLogits;

    /// <inheritdoc/>
    protected override float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        var count = predictions.Length;
        var scale = 1f / count;
        return FromLogits ? Logits(predictions, targets, scale, gradient) : Probabilities(predictions, targets, scale, gradient);
    }

    private static float Probabilities(ReadOnlySpan<float> p, ReadOnlySpan<float> y, float scale, Span<float> gradient)
    {
        var a = LossScratch.First(p.Length);
        var work = LossScratch.Second(p.Length);

        // a = q + eps, gradient = 1 - q + eps (temporarily), with q the clipped prediction.
        TensorPrimitives.Max(p, Epsilon, a);
        TensorPrimitives.Min(a, 1f - Epsilon, a);
        TensorPrimitives.Subtract(1f + Epsilon, a, gradient);
        TensorPrimitives.Add(a, Epsilon, a);

        TensorPrimitives.Log(a, work);
        double positive = TensorPrimitives.Dot(y, work);
        TensorPrimitives.Log(gradient, work);
        double negative = TensorPrimitives.Sum(work) - (double)TensorPrimitives.Dot(y, work);
        var loss = -(positive + negative) * scale;

        // gradient = ((1 - y) / b - y / a) * scale
        TensorPrimitives.Divide(1f, gradient, gradient);
        TensorPrimitives.Subtract(1f, y, work);
        TensorPrimitives.Multiply(gradient, work, gradient);
        TensorPrimitives.Divide(y, a, work);
        TensorPrimitives.Subtract(gradient, work, gradient);
        TensorPrimitives.Multiply(gradient, scale, gradient);
        return (float)loss;
    }

    private static float Logits(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float scale, Span<float> gradient)
    {
        var work = LossScratch.First(x.Length);
        TensorPrimitives.Abs(x, work);
        TensorPrimitives.Negate(work, work);
        TensorPrimitives.Exp(work, work);
        TensorPrimitives.LogP1(work, work);
        double softplus = TensorPrimitives.Sum(work);
        TensorPrimitives.Max(x, 0f, work);
        double positivePart = TensorPrimitives.Sum(work);
        double crossTerm = TensorPrimitives.Dot(x, y);
        var loss = (positivePart - crossTerm + softplus) * scale;

        TensorPrimitives.Sigmoid(x, gradient);
        TensorPrimitives.Subtract(gradient, y, gradient);
        TensorPrimitives.Multiply(gradient, scale, gradient);
        return (float)loss;
    }
}
