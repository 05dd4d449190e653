namespace Generated.Runtime.Tests.Common;

/// <summary>
/// Checks analytic gradients against central finite differences of the forward pass, in float32 kernels
/// with the scalar loss accumulated in double.
/// </summary>
/// <remarks>
/// <para>
/// Numerical gradient: <c>(L(v + h) - L(v - h)) / ((v + h) - (v - h))</c>, where both nudged values are
/// rounded to float and the divisor is the difference actually stored (in double), so the float rounding of
/// the nudge costs nothing. What remains is the truncation term <c>h² L'''/6</c> and the rounding noise of
/// the float forward outputs, about <c>ε·|L|/h</c> with <c>ε = 6e-8</c>.
/// </para>
/// <para>Step choice, by the kind of function:</para>
/// <list type="bullet">
/// <item><see cref="LinearStep"/> (0.25, exact in binary) for maps linear in the nudged value (convolution,
/// dense, average pooling, resampling, merge, dropout): there is no truncation term, so the largest step
/// makes the rounding noise smallest.</item>
/// <item><see cref="SmoothStep"/> (1e-2) for smooth nonlinear functions (activations, normalization, losses):
/// it balances <c>h²</c> truncation against <c>ε/h</c> rounding, both near 1e-5 relative for values of order 1.</item>
/// <item>A step below half the distance to the nearest kink for piecewise-linear functions (max pooling over
/// <c>LayerTestData.Distinct</c> values, ReLU away from zero), so a difference never straddles a kink.</item>
/// </list>
/// <para>
/// A loss <c>L = sum(output * upstream)</c> (see <see cref="Dot"/>) has gradient <c>upstream</c> with respect to
/// the output, which is exactly what a backward pass receives, so one forward/backward pair checks the layer.
/// </para>
/// </remarks>
public static class GradientCheck
{
    /// <summary>The step for functions linear in the nudged value.</summary>
    public const float LinearStep = 0.25f;

    /// <summary>The step for smooth nonlinear functions of values of order 1.</summary>
    public const float SmoothStep = 1e-2f;

    /// <summary>d loss / d values[i] for every i by central differences; <paramref name="values"/> is nudged in place and restored.</summary>
    public static double[] Numerical(float[] values, Func<double> loss, float step)
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

    /// <summary>The gradient of <c>sum(forward() * upstream)</c> with respect to every element of <paramref name="values"/>.</summary>
    public static double[] Numerical(float[] values, Func<float[]> forward, float[] upstream, float step) =>
        Numerical(values, () => Dot(forward(), upstream), step);

    /// <summary><c>sum of values[i] * weights[i]</c> in double: a loss whose gradient with respect to the values is the weights.</summary>
    public static double Dot(ReadOnlySpan<float> values, ReadOnlySpan<float> weights)
    {
        Assert.True(values.Length == weights.Length, $"The loss weights hold {weights.Length} values; the output holds {values.Length}.");
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += (double)values[i] * weights[i];
        }
        return sum;
    }

    /// <summary><c>max_i |analytic_i - numerical_i| / max(|numerical_i|, floor)</c>, and the index where it occurs (-1 when empty).</summary>
    public static (double Error, int Index) WorstRelativeError(ReadOnlySpan<double> numerical, ReadOnlySpan<float> analytic, double floor)
    {
        Assert.True(numerical.Length == analytic.Length, $"The analytic gradient holds {analytic.Length} values; finite differences gave {numerical.Length}.");
        var (worst, index) = (0.0, -1);
        for (var i = 0; i < numerical.Length; i++)
        {
            var error = Math.Abs(analytic[i] - numerical[i]) / Math.Max(Math.Abs(numerical[i]), floor);
            // A NaN error must fail the check, so it wins over any number.
            if (index < 0 || error > worst || double.IsNaN(error))
            {
                (worst, index) = (error, i);
                if (double.IsNaN(error))
                {
                    break;
                }
            }
        }
        return (worst, index);
    }

    /// <summary>Asserts the analytic gradient is within <paramref name="tolerance"/> of the numerical one and returns the worst relative error.</summary>
    public static GradientCheckResult Compare(string check, string @case, ReadOnlySpan<double> numerical, ReadOnlySpan<float> analytic, GradientTolerance tolerance)
    {
        var (worst, index) = WorstRelativeError(numerical, analytic, tolerance.Floor);
        if (!(worst <= tolerance.Relative))
        {
            Assert.Fail($"{check} [{@case}]: gradient element {index} of {numerical.Length} is {analytic[index]:R}, finite differences give {numerical[index]:R}: relative error {worst:G3} exceeds {tolerance}.");
        }
        return new GradientCheckResult(check, @case, worst, tolerance, numerical.Length);
    }

    /// <summary>Finite differences of <paramref name="loss"/> over <paramref name="values"/> compared with <paramref name="analytic"/> (see <see cref="Compare"/>).</summary>
    public static GradientCheckResult Check(string check, string @case, float[] values, Func<double> loss, float step, ReadOnlySpan<float> analytic, GradientTolerance tolerance) =>
        Compare(check, @case, Numerical(values, loss, step), analytic, tolerance);
}
