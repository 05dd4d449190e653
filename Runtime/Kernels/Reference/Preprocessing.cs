using System;
using Generated.Kernels.Validation;

namespace Generated.Kernels.Reference;

/// <summary>Scalar reference of <see cref="Kernels.Rescaling"/>.</summary>
internal static class Rescaling
{
    /// <summary><c>output = input * scale + offset</c>.</summary>
    public static void Forward(float scale, float offset, ReadOnlySpan<float> input, Span<float> output)
    {
        Arguments.Length(output.Length, input.Length, nameof(output), $"the input's length");
        for (var i = 0; i < input.Length; i++)
        {
            output[i] = input[i] * scale + offset;
        }
    }

    /// <summary><c>inputGradient = scale * outputGradient</c>.</summary>
    public static void Backward(float scale, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        for (var i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] = scale * outputGradient[i];
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.Normalization"/>, in double.</summary>
internal static class Normalization
{
    /// <summary><c>(x - mean) / max(sqrt(variance), 1e-7)</c> per channel.</summary>
    public static void Forward(int rows, int channels, ReadOnlySpan<float> input, ReadOnlySpan<float> mean, ReadOnlySpan<float> variance, Span<float> output)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < channels; c++)
            {
                output[r * channels + c] = (float)((input[r * channels + c] - (double)mean[c]) / Deviation(variance[c]));
            }
        }
    }

    /// <summary><c>dy / max(sqrt(variance), 1e-7)</c> per channel.</summary>
    public static void Backward(int rows, int channels, ReadOnlySpan<float> variance, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        for (var r = 0; r < rows && !inputGradient.IsEmpty; r++)
        {
            for (var c = 0; c < channels; c++)
            {
                inputGradient[r * channels + c] = (float)(outputGradient[r * channels + c] / Deviation(variance[c]));
            }
        }
    }

    private static double Deviation(float variance) => Math.Max(Math.Sqrt(Math.Max((double)variance, 0)), (double)Kernels.Normalization.Epsilon);
}

/// <summary>Scalar reference of <see cref="Kernels.SpatialDropout2D"/>: the same draws in the same order.</summary>
internal static class SpatialDropout2D
{
    /// <summary>One factor per sample and channel, applied to every pixel.</summary>
    public static void Forward(int batch, int pixels, int channels, float rate, ref SeededRandom random, ReadOnlySpan<float> input, Span<float> mask, Span<float> output)
    {
        Arguments.Rate(rate);
        var kept = 1f / (1f - rate);
        for (var i = 0; i < batch * channels; i++)
        {
            mask[i] = random.NextSingle() >= rate ? kept : 0f;
        }
        Backward(batch, pixels, channels, mask, input, output);
    }

    /// <summary><c>dx = mask[n, c] * dy</c>.</summary>
    public static void Backward(int batch, int pixels, int channels, ReadOnlySpan<float> mask, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        for (var n = 0; n < batch && !inputGradient.IsEmpty; n++)
        {
            for (var p = 0; p < pixels; p++)
            {
                for (var c = 0; c < channels; c++)
                {
                    var i = (n * pixels + p) * channels + c;
                    inputGradient[i] = mask[n * channels + c] * outputGradient[i];
                }
            }
        }
    }
}

/// <summary>Scalar reference of <see cref="Kernels.PReLU"/>.</summary>
internal static class PReLU
{
    /// <summary><c>x &gt; 0 ? x : alpha * x</c>.</summary>
    public static void Forward(in PReLUGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> alpha, Span<float> output)
    {
        var size = g.Height * g.Width * g.Channels;
        for (var n = 0; n < batch; n++)
        {
            for (var i = 0; i < size; i++)
            {
                var x = input[n * size + i];
                output[n * size + i] = x > 0 ? x : alpha[AlphaIndex(g, i)] * x;
            }
        }
    }

    /// <summary><c>dx = x &gt; 0 ? dy : alpha dy</c>; <c>dAlpha += x &lt;= 0 ? dy x : 0</c>.</summary>
    public static void Backward(in PReLUGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> alpha, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> alphaGradient)
    {
        var size = g.Height * g.Width * g.Channels;
        var sums = new double[alphaGradient.Length];
        for (var n = 0; n < batch; n++)
        {
            for (var i = 0; i < size; i++)
            {
                double x = input[n * size + i], dy = outputGradient[n * size + i];
                var a = AlphaIndex(g, i);
                if (!inputGradient.IsEmpty)
                {
                    inputGradient[n * size + i] = (float)(x > 0 ? dy : alpha[a] * dy);
                }
                sums[a] += x > 0 ? 0 : dy * x;
            }
        }
        for (var a = 0; a < sums.Length; a++)
        {
            alphaGradient[a] += (float)sums[a];
        }
    }

    /// <summary>The alpha of element <paramref name="i"/> of a sample (row-major h, w, c).</summary>
    private static int AlphaIndex(in PReLUGeometry g, int i)
    {
        int c = i % g.Channels, w = i / g.Channels % g.Width, h = i / g.Channels / g.Width;
        int ah = g.ShareHeight ? 0 : h, aw = g.ShareWidth ? 0 : w, ac = g.ShareChannels ? 0 : c;
        return (ah * (g.ShareWidth ? 1 : g.Width) + aw) * (g.ShareChannels ? 1 : g.Channels) + ac;
    }
}
