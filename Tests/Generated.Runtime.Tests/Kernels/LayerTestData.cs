using Generated.Kernels;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>Random inputs, Keras geometry and tolerant comparisons for the layer-kernel tests.</summary>
internal static class LayerTestData
{
    /// <summary>Channel counts around every vector width: below, at and above 8, 16 and 32 lanes.</summary>
    public static readonly int[] Channels = { 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33 };

    /// <summary>Uniform values in [-scale, scale) from a seeded System.Random (independent of the SeededRandom under test).</summary>
    public static float[] Uniform(int length, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    /// <summary>
    /// Distinct values at least <paramref name="spacing"/> apart in random order, so that a max never
    /// ties and a finite-difference step smaller than half the spacing never changes which cell wins.
    /// </summary>
    public static float[] Distinct(int length, int seed, float spacing = 0.01f)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (i - length / 2) * spacing;
        }
        new Random(seed).Shuffle(values);
        return values;
    }

    /// <summary>Keras' pooling geometry: Valid <c>out = (in - k) / s + 1</c>; Same <c>out = ceil(in / s)</c>, the odd padding cell bottom/right.</summary>
    public static Pool2DGeometry Pool(int height, int width, int channels, int pool, int stride, Padding padding)
    {
        var (outHeight, padTop) = Axis(height, pool, stride, padding);
        var (outWidth, padLeft) = Axis(width, pool, stride, padding);
        return new Pool2DGeometry(height, width, channels, outHeight, outWidth, pool, pool, stride, stride, padTop, padLeft);
    }

    private static (int Output, int PadBefore) Axis(int input, int pool, int stride, Padding padding)
    {
        if (padding == Padding.Valid)
        {
            return ((input - pool) / stride + 1, 0);
        }
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + pool - input, 0);
        return (output, total / 2);
    }

    /// <summary>Asserts <c>|expected - actual| &lt;= absolute + relative * |expected|</c> element-wise, naming the first failing index.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double absolute, double relative, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = absolute + relative * Math.Abs(expected[i]);
            if (!(Math.Abs(expected[i] - (double)actual[i]) <= tolerance))
            {
                Assert.Fail($"{context}: element {i} of {expected.Length} is {actual[i]:R}, expected {expected[i]:R} (tolerance {tolerance:G3}).");
            }
        }
    }

    /// <summary>Asserts two spans are equal bit for bit apart from the sign of zero, naming the first difference.</summary>
    public static void AssertEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string context) =>
        AssertClose(expected, actual, 0, 0, context);
}
