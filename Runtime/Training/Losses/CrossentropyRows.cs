using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// One row of categorical cross-entropy (dense targets): its loss and the gradient of <c>scale * loss</c>.
/// Shared by the dense and the sparse losses so both follow the same Keras formulas.
/// </summary>
internal static class CrossentropyRows
{
    /// <summary>
    /// Keras' probability path: <c>q = clip(p / sum(p))</c>, loss <c>-sum(y log q)</c>. Gradient (clip as identity):
    /// <c>dL/dp_j = (-y_j / q_j + sum_i y_i (p_i/S) / q_i) / S</c>.
    /// </summary>
    public static double FromProbabilities(ReadOnlySpan<float> p, ReadOnlySpan<float> y, float scale, Span<float> gradient)
    {
        var sum = TensorPrimitives.Sum(p);
        var inverseSum = 1f / sum;
        var q = LossScratch.First(p.Length);
        var work = LossScratch.Second(p.Length);
        TensorPrimitives.Multiply(p, inverseSum, q);
        TensorPrimitives.Max(q, Loss.Epsilon, q);
        TensorPrimitives.Min(q, 1f - Loss.Epsilon, q);

        TensorPrimitives.Log(q, work);
        var loss = -TensorPrimitives.Dot(y, work);

        // work = (p / S) / q: exactly 1 where the clip is inactive.
        TensorPrimitives.Divide(p, q, work);
        var normalization = TensorPrimitives.Dot(y, work) * inverseSum;

        TensorPrimitives.Divide(y, q, gradient);
        TensorPrimitives.Subtract(normalization, gradient, gradient);
        TensorPrimitives.Multiply(gradient, inverseSum * scale, gradient);
        return loss;
    }

    /// <summary>
    /// Stable log-softmax: <c>loss = sum(y) * logsumexp(x) - sum(y x)</c>; gradient <c>softmax(x) sum(y) - y</c>.
    /// </summary>
    public static double FromLogits(ReadOnlySpan<float> x, ReadOnlySpan<float> y, float scale, Span<float> gradient)
    {
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, gradient);
        var shiftedDot = TensorPrimitives.Dot(y, gradient);
        TensorPrimitives.Exp(gradient, gradient);
        var expSum = TensorPrimitives.Sum(gradient);
        var targetSum = TensorPrimitives.Sum(y);
        var loss = (double)targetSum * Math.Log(expSum) - shiftedDot;

        TensorPrimitives.Multiply(gradient, targetSum / expSum, gradient);
        TensorPrimitives.Subtract(gradient, y, gradient);
        TensorPrimitives.Multiply(gradient, scale, gradient);
        return loss;
    }
}
