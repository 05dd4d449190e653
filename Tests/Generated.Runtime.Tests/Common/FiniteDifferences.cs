namespace Generated.Runtime.Tests.Common;

/// <summary>
/// Central finite differences of a scalar loss evaluated in double precision, for checking analytic
/// gradients. Each value is nudged by ±step in float; the divisor is the difference actually stored
/// (not 2*step), so the float rounding of the nudge costs no accuracy. For a loss that is linear in
/// the values (a convolution or dense layer without activation, dotted with fixed weights) the
/// difference quotient is exact up to the rounding of the forward pass, whatever the step.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>d loss / d values[i] for every i; <paramref name="values"/> is restored afterwards.</summary>
    public static double[] Gradient(float[] values, Func<double> loss, float step)
    {
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            var plus = original + step;
            var minus = original - step;
            values[i] = plus;
            var lossPlus = loss();
            values[i] = minus;
            var lossMinus = loss();
            values[i] = original;
            gradient[i] = (lossPlus - lossMinus) / ((double)plus - minus);
        }
        return gradient;
    }

    /// <summary><c>sum of values[i] * weights[i]</c> in double: a loss whose gradient with respect to the values is the weights.</summary>
    public static double Dot(ReadOnlySpan<float> values, ReadOnlySpan<float> weights)
    {
        Assert.Equal(weights.Length, values.Length);
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += (double)values[i] * weights[i];
        }
        return sum;
    }
}
