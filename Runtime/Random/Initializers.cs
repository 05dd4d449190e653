using System;

namespace Generated;

/// <summary>
/// Weight initializers with Keras' definitions (<c>keras.initializers</c>). Fans: a Dense kernel
/// <c>[in, out]</c> has fanIn = in, fanOut = out; a conv kernel HWIO has fanIn = KH*KW*IC and
/// fanOut = KH*KW*OC.
/// </summary>
public static class Initializers
{
    // Keras' truncated normals cut at two standard deviations; dividing the target deviation by the
    // deviation of a unit normal truncated at +-2 keeps the intended variance (VarianceScaling).
    private const double TruncatedNormalStd = 0.87962566103423978;

    /// <summary>Uniform in <c>[-limit, limit)</c> with <c>limit = sqrt(6 / (fanIn + fanOut))</c> (Keras' default kernel initializer).</summary>
    public static void GlorotUniform(Span<float> values, int fanIn, int fanOut, ref SeededRandom random)
    {
        CheckFans(fanIn, fanOut);
        Uniform(values, (float)Math.Sqrt(6.0 / ((double)fanIn + fanOut)), ref random);
    }

    /// <summary>Truncated normal (cut at two deviations) with variance <c>2 / (fanIn + fanOut)</c>.</summary>
    public static void GlorotNormal(Span<float> values, int fanIn, int fanOut, ref SeededRandom random)
    {
        CheckFans(fanIn, fanOut);
        TruncatedNormal(values, Math.Sqrt(2.0 / ((double)fanIn + fanOut)) / TruncatedNormalStd, ref random);
    }

    /// <summary>Uniform in <c>[-limit, limit)</c> with <c>limit = sqrt(6 / fanIn)</c>.</summary>
    public static void HeUniform(Span<float> values, int fanIn, ref SeededRandom random)
    {
        CheckFans(fanIn, 1);
        Uniform(values, (float)Math.Sqrt(6.0 / fanIn), ref random);
    }

    /// <summary>Truncated normal (cut at two deviations) with variance <c>2 / fanIn</c>, for ReLU networks.</summary>
    public static void HeNormal(Span<float> values, int fanIn, ref SeededRandom random)
    {
        CheckFans(fanIn, 1);
        TruncatedNormal(values, Math.Sqrt(2.0 / fanIn) / TruncatedNormalStd, ref random);
    }

    /// <summary>Sets every value to 0 (Keras' default bias initializer).</summary>
    public static void Zeros(Span<float> values) => values.Clear();

    /// <summary>Sets every value to 1 (batch normalization's gamma and moving variance).</summary>
    public static void Ones(Span<float> values) => values.Fill(1f);

    /// <summary>Sets every value to <paramref name="value"/>.</summary>
    public static void Constant(Span<float> values, float value) => values.Fill(value);

    private static void Uniform(Span<float> values, float limit, ref SeededRandom random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextUniform(-limit, limit);
        }
    }

    private static void TruncatedNormal(Span<float> values, double std, ref SeededRandom random)
    {
        for (var i = 0; i < values.Length; i++)
        {
            float z;
            do
            {
                z = random.NextGaussian();
            }
            while (MathF.Abs(z) > 2f);
            values[i] = (float)(z * std);
        }
    }

    private static void CheckFans(int fanIn, int fanOut)
    {
        if (fanIn <= 0 || fanOut <= 0)
        {
            throw new ArgumentOutOfRangeException(fanIn <= 0 ? nameof(fanIn) : nameof(fanOut), fanIn <= 0 ? fanIn : fanOut,
                $"Fans must be positive, got fanIn = {fanIn}, fanOut = {fanOut}; for a kernel HWIO [KH, KW, IC, OC] use fanIn = KH*KW*IC, fanOut = KH*KW*OC.");
        }
    }
}
