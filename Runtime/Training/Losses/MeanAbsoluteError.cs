using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Training;

/// <summary>
/// Keras' <c>MeanAbsoluteError</c>: <c>mean(|p - y|)</c> over every output value; gradient <c>sign(p - y) / N</c>
/// with <c>sign(0) = 0</c> as in TensorFlow (an exact prediction, e.g. a ReLU output of 0 against a 0 pixel, gets no push).
/// </summary>
public sealed class MeanAbsoluteError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mean_absolute_error";

    /// <inheritdoc/>
    protected override float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        var scale = 1f / predictions.Length;
        TensorPrimitives.Subtract(predictions, targets, gradient);
        var loss = TensorPrimitives.SumOfMagnitudes(gradient) * scale;
        ScaledSign(gradient, scale);
        return loss;
    }

    /// <summary>values[i] = sign(values[i]) * scale, with sign(0) = 0 and NaN kept.</summary>
    private static void ScaledSign(Span<float> values, float scale)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        var positive = new Vector<float>(scale);
        var negative = new Vector<float>(-scale);
        for (var i = 0; i < vectors.Length; i++)
        {
            var v = vectors[i];
            var signed = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), positive,
                Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), negative, v * Vector<float>.Zero));
            vectors[i] = signed;
        }
        for (var i = vectors.Length * Vector<float>.Count; i < values.Length; i++)
        {
            var v = values[i];
            values[i] = v > 0 ? scale : v < 0 ? -scale : v * 0f;
        }
    }
}
