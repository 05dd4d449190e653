using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Generated.Kernels.Validation;

namespace Generated.Kernels;

/// <summary>
/// Keras <c>PReLU</c>: <c>x</c> for positive inputs, <c>alpha * x</c> otherwise, with a trained <c>alpha</c> of shape
/// <c>[H', W', C']</c> where an axis in Keras' <c>shared_axes</c> has size 1 (one alpha shared along it) and the others
/// the input's size. <see cref="PReLUGeometry"/> says which.
/// </summary>
public static class PReLU
{
    /// <summary><c>output = input &gt; 0 ? input : alpha * input</c> (in place allowed).</summary>
    public static void Forward(in PReLUGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> alpha, Span<float> output)
    {
        Check(in g, batch, input.Length, output.Length, alpha.Length);
        var pixels = g.Height * g.Width;
        for (var n = 0; n < batch; n++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var offset = (n * pixels + p) * g.Channels;
                var row = alpha.Slice(g.AlphaOffset(p), g.ShareChannels ? 1 : g.Channels);
                ForwardRow(input.Slice(offset, g.Channels), row, output.Slice(offset, g.Channels));
            }
        }
    }

    /// <summary>
    /// <c>inputGradient = input &gt; 0 ? dy : alpha * dy</c> (overwritten; skipped when empty) and
    /// <c>alphaGradient += sum(input &lt;= 0 ? dy * input : 0)</c> over the batch and the shared axes.
    /// </summary>
    public static void Backward(in PReLUGeometry g, int batch, ReadOnlySpan<float> input, ReadOnlySpan<float> alpha, ReadOnlySpan<float> outputGradient,
        Span<float> inputGradient, Span<float> alphaGradient)
    {
        Check(in g, batch, input.Length, outputGradient.Length, alpha.Length);
        Arguments.Length(alphaGradient.Length, g.AlphaSize, nameof(alphaGradient), $"the alpha's size");
        Arguments.LengthOrEmpty(inputGradient.Length, input.Length, nameof(inputGradient), $"the input's length");
        var pixels = g.Height * g.Width;
        for (var n = 0; n < batch; n++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var offset = (n * pixels + p) * g.Channels;
                var at = g.AlphaOffset(p);
                var width = g.ShareChannels ? 1 : g.Channels;
                BackwardRow(input.Slice(offset, g.Channels), alpha.Slice(at, width), outputGradient.Slice(offset, g.Channels),
                    inputGradient.IsEmpty ? Span<float>.Empty : inputGradient.Slice(offset, g.Channels), alphaGradient.Slice(at, width));
            }
        }
    }

    private static void ForwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> alpha, Span<float> y)
    {
        var i = 0;
        if (alpha.Length == 1)
        {
            var a = alpha[0];
            var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
            var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
            var va = new Vector<float>(a);
            for (var v = 0; v < xs.Length; v++)
            {
                ys[v] = Vector.ConditionalSelect(Vector.GreaterThan(xs[v], Vector<float>.Zero), xs[v], va * xs[v]);
            }
            for (i = xs.Length * Vector<float>.Count; i < x.Length; i++)
            {
                y[i] = x[i] > 0f ? x[i] : a * x[i];
            }
            return;
        }
        var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
        var av = MemoryMarshal.Cast<float, Vector<float>>(alpha);
        var yv = MemoryMarshal.Cast<float, Vector<float>>(y);
        for (var v = 0; v < xv.Length; v++)
        {
            yv[v] = Vector.ConditionalSelect(Vector.GreaterThan(xv[v], Vector<float>.Zero), xv[v], av[v] * xv[v]);
        }
        for (i = xv.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] = x[i] > 0f ? x[i] : alpha[i] * x[i];
        }
    }

    private static void BackwardRow(ReadOnlySpan<float> x, ReadOnlySpan<float> alpha, ReadOnlySpan<float> dy, Span<float> dx, Span<float> dAlpha)
    {
        var shared = alpha.Length == 1;
        var sum = 0f;
        for (var i = 0; i < x.Length; i++)
        {
            var a = shared ? alpha[0] : alpha[i];
            var positive = x[i] > 0f;
            if (!dx.IsEmpty)
            {
                dx[i] = positive ? dy[i] : a * dy[i];
            }
            var contribution = positive ? 0f : dy[i] * x[i];
            if (shared)
            {
                sum += contribution;
            }
            else
            {
                dAlpha[i] += contribution;
            }
        }
        if (shared)
        {
            dAlpha[0] += sum;
        }
    }

    private static void Check(in PReLUGeometry g, int batch, int input, int output, int alpha)
    {
        Arguments.Positive(g.Height, nameof(g.Height));
        Arguments.Positive(g.Width, nameof(g.Width));
        Arguments.Positive(g.Channels, nameof(g.Channels));
        Arguments.Samples(batch, (long)g.Height * g.Width * g.Channels, input, output);
        Arguments.Length(alpha, g.AlphaSize, nameof(alpha), $"the alpha's size (1 along each shared axis)");
    }
}

/// <summary>The input shape of a <see cref="PReLU"/> and the axes its alpha is shared along (Keras' <c>shared_axes</c> 1, 2, 3).</summary>
public readonly struct PReLUGeometry
{
    /// <summary>A PReLU over <paramref name="height"/> x <paramref name="width"/> x <paramref name="channels"/> samples.</summary>
    public PReLUGeometry(int height, int width, int channels, bool shareHeight, bool shareWidth, bool shareChannels)
    {
        Height = height;
        Width = width;
        Channels = channels;
        ShareHeight = shareHeight;
        ShareWidth = shareWidth;
        ShareChannels = shareChannels;
    }

    /// <summary>Input rows (1 for a flat input).</summary>
    public int Height { get; }

    /// <summary>Input columns (1 for a flat input).</summary>
    public int Width { get; }

    /// <summary>Input channels (the features of a flat input).</summary>
    public int Channels { get; }

    /// <summary>One alpha for every row (axis 1 shared).</summary>
    public bool ShareHeight { get; }

    /// <summary>One alpha for every column (axis 2 shared).</summary>
    public bool ShareWidth { get; }

    /// <summary>One alpha for every channel (axis 3 shared).</summary>
    public bool ShareChannels { get; }

    /// <summary>The alpha's length: the product of the unshared sizes.</summary>
    public int AlphaSize => (ShareHeight ? 1 : Height) * (ShareWidth ? 1 : Width) * (ShareChannels ? 1 : Channels);

    /// <summary>Where the alphas of pixel <paramref name="pixel"/> (row-major) start.</summary>
    internal int AlphaOffset(int pixel)
    {
        int h = ShareHeight ? 0 : pixel / Width, w = ShareWidth ? 0 : pixel % Width;
        return (h * (ShareWidth ? 1 : Width) + w) * (ShareChannels ? 1 : Channels);
    }
}
