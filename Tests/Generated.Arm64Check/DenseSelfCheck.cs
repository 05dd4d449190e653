using Generated.Kernels;

namespace Generated.Arm64Check;

/// <summary>
/// The kernel self-check: the public Dense kernel (the matrix product's micro-kernel on whichever path runs) against a
/// double-precision loop, over every tile height (1-7 rows) and column counts with partial panels at every width.
/// </summary>
internal static class DenseSelfCheck
{
    /// <summary>The largest absolute difference seen, relative to the magnitude of the sums.</summary>
    public static double LargestError()
    {
        var worst = 0.0;
        foreach (var rows in new[] { 1, 2, 3, 4, 5, 6, 7, 13 })
        {
            foreach (var (inputs, units) in new[] { (1, 3), (9, 8), (37, 17), (300, 33), (600, 70) })
            {
                var input = Values(rows * inputs, rows);
                var kernel = Values(inputs * units, inputs);
                var bias = Values(units, units);
                var output = new float[rows * units];
                Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Linear, output);
                for (var r = 0; r < rows; r++)
                {
                    for (var u = 0; u < units; u++)
                    {
                        double sum = bias[u], magnitude = Math.Abs(bias[u]);
                        for (var i = 0; i < inputs; i++)
                        {
                            sum += (double)input[r * inputs + i] * kernel[i * units + u];
                            magnitude += Math.Abs((double)input[r * inputs + i] * kernel[i * units + u]);
                        }
                        worst = Math.Max(worst, Math.Abs(output[r * units + u] - sum) / Math.Max(1.0, magnitude));
                    }
                }
            }
        }
        return worst;
    }

    /// <summary>Deterministic values in [-1, 1] (no random generator, so every platform sees the same numbers).</summary>
    private static float[] Values(int length, int seed)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)Math.Sin(0.37 * i + 0.11 * seed);
        }
        return values;
    }
}
