using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Kernels;

/// <summary>
/// The vectorized bodies of Relu6, Gelu, Selu and HardSwish (and their derivatives) for <see cref="Activations"/>:
/// TensorPrimitives where it has the operation, <see cref="Vector{T}"/> loops for the selects and polynomials it
/// lacks (portable: no width-specific intrinsics). Each works on one chunk; <c>scratch</c> is caller memory of
/// the chunk's length, and outputs may alias inputs.
/// </summary>
internal static class ActivationFunctions
{
    /// <summary>Keras' (and the SELU paper's) alpha.</summary>
    public const float SeluAlpha = 1.67326324235437728481704299167171f;

    /// <summary>Keras' (and the SELU paper's) scale.</summary>
    public const float SeluScale = 1.05070098735548049341933498529460f;

    private const float InverseSqrt2 = 0.70710678118654752440f;
    private const float InverseSqrt2Pi = 0.39894228040143267794f;

    // Abramowitz & Stegun 7.1.26: erf(z) = 1 - t(a1 + t(a2 + t(a3 + t(a4 + t a5)))) e^(-z²), t = 1 / (1 + p z), z >= 0;
    // absolute error at most 1.5e-7 (ErfTests measures the float evaluation against a double reference).
    private const float P = 0.3275911f;
    private const float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;

    /// <summary><c>min(max(x, 0), 6)</c>.</summary>
    public static void Relu6(ReadOnlySpan<float> x, Span<float> y)
    {
        TensorPrimitives.Max(x, 0f, y);
        TensorPrimitives.Min(y, 6f, y);
    }

    /// <summary><c>dy</c> where <c>0 &lt; y &lt; 6</c>, else 0 (TensorFlow's Relu6Grad).</summary>
    public static void Relu6Gradient(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        var dys = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var dxs = MemoryMarshal.Cast<float, Vector<float>>(dx);
        var six = new Vector<float>(6f);
        for (var i = 0; i < ys.Length; i++)
        {
            var inside = Vector.GreaterThan(ys[i], Vector<float>.Zero) & Vector.LessThan(ys[i], six);
            dxs[i] = Vector.ConditionalSelect(inside, dys[i], Vector<float>.Zero);
        }
        for (var i = ys.Length * Vector<float>.Count; i < y.Length; i++)
        {
            dx[i] = y[i] > 0f && y[i] < 6f ? dy[i] : 0f;
        }
    }

    /// <summary><c>scale * (x &gt; 0 ? x : alpha * (e^x - 1))</c>.</summary>
    public static void Selu(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        TensorPrimitives.Exp(x, scratch);
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var es = MemoryMarshal.Cast<float, Vector<float>>(scratch);
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        Vector<float> scale = new(SeluScale), negative = new(SeluScale * SeluAlpha);
        for (var i = 0; i < xs.Length; i++)
        {
            var v = xs[i];
            ys[i] = Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), scale * v, negative * (es[i] - Vector<float>.One));
        }
        for (var i = xs.Length * Vector<float>.Count; i < x.Length; i++)
        {
            y[i] = x[i] > 0f ? SeluScale * x[i] : SeluScale * SeluAlpha * (scratch[i] - 1f);
        }
    }

    /// <summary>From the output: <c>y &gt; 0 ? scale * dy : (y + scale * alpha) * dy</c>, since the negative branch's derivative is <c>scale * alpha * e^x</c>.</summary>
    public static void SeluGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        var dys = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var dxs = MemoryMarshal.Cast<float, Vector<float>>(dx);
        Vector<float> scale = new(SeluScale), offset = new(SeluScale * SeluAlpha);
        for (var i = 0; i < ys.Length; i++)
        {
            var v = ys[i];
            dxs[i] = dys[i] * Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), scale, v + offset);
        }
        for (var i = ys.Length * Vector<float>.Count; i < y.Length; i++)
        {
            dx[i] = dy[i] * (y[i] > 0f ? SeluScale : y[i] + SeluScale * SeluAlpha);
        }
    }

    /// <summary><c>x * relu6(x + 3) / 6</c>.</summary>
    public static void HardSwish(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        TensorPrimitives.Add(x, 3f, scratch);
        Relu6(scratch, scratch);
        TensorPrimitives.Multiply(x, scratch, y);
        TensorPrimitives.Divide(y, 6f, y);
    }

    /// <summary>HardSwish's derivative times <paramref name="dy"/>: 0 below -3, 1 above 3, <c>(2x + 3) / 6</c> between (as PyTorch).</summary>
    public static void HardSwishGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var dys = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var dxs = MemoryMarshal.Cast<float, Vector<float>>(dx);
        Vector<float> three = new(3f), minusThree = new(-3f), sixth = new(1f / 6f);
        for (var i = 0; i < xs.Length; i++)
        {
            var v = xs[i];
            var middle = (v + v + three) * sixth;
            var derivative = Vector.ConditionalSelect(Vector.LessThan(v, minusThree), Vector<float>.Zero,
                Vector.ConditionalSelect(Vector.GreaterThan(v, three), Vector<float>.One, middle));
            dxs[i] = dys[i] * derivative;
        }
        for (var i = xs.Length * Vector<float>.Count; i < x.Length; i++)
        {
            var v = x[i];
            dx[i] = dy[i] * (v < -3f ? 0f : v > 3f ? 1f : (v + v + 3f) * (1f / 6f));
        }
    }

    /// <summary><c>x * Φ(x)</c>, Φ the standard normal distribution function through <see cref="Phi"/>.</summary>
    public static void Gelu(ReadOnlySpan<float> x, Span<float> y, Span<float> scratch)
    {
        GaussianDensityTerm(x, scratch);
        Phi(x, scratch, scratch);
        TensorPrimitives.Multiply(x, scratch, y);
    }

    /// <summary>GELU's derivative times <paramref name="dy"/>: <c>Φ(x) + x φ(x)</c>, φ the standard normal density.</summary>
    public static void GeluGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx, Span<float> first, Span<float> second)
    {
        GaussianDensityTerm(x, first);                  // e^(-x²/2)
        Phi(x, first, second);                          // Φ(x)
        TensorPrimitives.Multiply(first, x, first);     // x e^(-x²/2)
        TensorPrimitives.MultiplyAdd(first, InverseSqrt2Pi, second, first); // Φ(x) + x φ(x)
        TensorPrimitives.Multiply(first, dy, dx);
    }

    /// <summary><c>e^(-x²/2)</c>, which is both the density's kernel and, with z = |x|/√2, erf's <c>e^(-z²)</c>.</summary>
    private static void GaussianDensityTerm(ReadOnlySpan<float> x, Span<float> destination)
    {
        TensorPrimitives.Multiply(x, x, destination);
        TensorPrimitives.Multiply(destination, -0.5f, destination);
        TensorPrimitives.Exp(destination, destination);
    }

    /// <summary>
    /// <c>Φ(x) = (1 + erf(x / √2)) / 2</c> from <paramref name="density"/> = <c>e^(-x²/2)</c>; computed for |x| and
    /// reflected (<c>Φ(-x) = 1 - Φ(x)</c>), so that the tail below zero is <c>q e^(-z²)/2</c> without cancellation.
    /// <paramref name="phi"/> may be <paramref name="density"/>.
    /// </summary>
    private static void Phi(ReadOnlySpan<float> x, ReadOnlySpan<float> density, Span<float> phi)
    {
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ds = MemoryMarshal.Cast<float, Vector<float>>(density);
        var ps = MemoryMarshal.Cast<float, Vector<float>>(phi);
        Vector<float> p = new(P * InverseSqrt2), half = new(0.5f);
        Vector<float> a1 = new(A1), a2 = new(A2), a3 = new(A3), a4 = new(A4), a5 = new(A5);
        for (var i = 0; i < xs.Length; i++)
        {
            var v = xs[i];
            var t = Vector<float>.One / (Vector<float>.One + p * Vector.Abs(v));
            var tail = half * t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5)))) * ds[i]; // (1 - erf(|x|/√2)) / 2
            ps[i] = Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), tail, Vector<float>.One - tail);
        }
        for (var i = xs.Length * Vector<float>.Count; i < x.Length; i++)
        {
            phi[i] = PhiScalar(x[i], density[i]);
        }
    }

    /// <summary>One element of <see cref="Phi"/>, the same arithmetic.</summary>
    private static float PhiScalar(float x, float density)
    {
        var t = 1f / (1f + P * InverseSqrt2 * Math.Abs(x));
        var tail = 0.5f * t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5)))) * density;
        return x < 0f ? tail : 1f - tail;
    }
}
