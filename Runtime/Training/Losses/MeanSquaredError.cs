using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>Keras' <c>MeanSquaredError</c>: <c>mean((p - y)^2)</c> over every output value; gradient <c>2 (p - y) / N</c>.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <inheritdoc/>
    protected override float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        var scale = 1f / predictions.Length;
        TensorPrimitives.Subtract(predictions, targets, gradient);
        var loss = TensorPrimitives.SumOfSquares(gradient) * scale;
        TensorPrimitives.Multiply(gradient, 2f * scale, gradient);
        return loss;
    }
}
