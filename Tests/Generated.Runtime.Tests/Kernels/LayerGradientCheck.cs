namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Central finite differences for the layer kernels' reference backward passes. The loss is
/// <c>L = sum(output * upstream)</c> accumulated in double, so its gradient with respect to the
/// output is <c>upstream</c>, which is what a backward pass receives. Each perturbed value is
/// rounded to float, and the difference quotient divides by the step actually taken (in double),
/// so the only errors are the float rounding of the forward outputs and the curvature term.
/// </summary>
internal static class LayerGradientCheck
{
    /// <summary>The gradient of <c>sum(forward() * upstream)</c> with respect to every element of <paramref name="values"/> (perturbed in place, then restored).</summary>
    public static double[] Numerical(float[] values, Func<float[]> forward, float[] upstream, float step)
    {
        var gradient = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            var plus = original + step;
            var minus = original - step;
            values[i] = plus;
            var lossPlus = Loss(forward(), upstream);
            values[i] = minus;
            var lossMinus = Loss(forward(), upstream);
            values[i] = original;
            gradient[i] = (lossPlus - lossMinus) / ((double)plus - minus);
        }
        return gradient;
    }

    /// <summary>Asserts <c>|numerical - analytic| &lt;= absolute + relative * |numerical|</c> element-wise.</summary>
    public static void AssertMatches(double[] numerical, ReadOnlySpan<float> analytic, double absolute, double relative, string context)
    {
        Assert.Equal(numerical.Length, analytic.Length);
        for (var i = 0; i < numerical.Length; i++)
        {
            var tolerance = absolute + relative * Math.Abs(numerical[i]);
            if (!(Math.Abs(numerical[i] - analytic[i]) <= tolerance))
            {
                Assert.Fail($"{context}: gradient element {i} of {numerical.Length} is {analytic[i]:R}, finite differences give {numerical[i]:R} (tolerance {tolerance:G3}).");
            }
        }
    }

    private static double Loss(float[] output, float[] upstream)
    {
        Assert.Equal(upstream.Length, output.Length);
        var loss = 0.0;
        for (var i = 0; i < output.Length; i++)
        {
            loss += (double)output[i] * upstream[i];
        }
        return loss;
    }
}
