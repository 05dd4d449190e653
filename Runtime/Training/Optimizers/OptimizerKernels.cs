using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Generated.Training;

/// <summary>
/// Fused, vectorized update rules (Keras 3 formulas) over whole flat buffers: one pass reads the gradient and
/// state once and writes parameters and state once. <see cref="Vector{T}"/> takes the widest hardware width the
/// JIT chose at start-up (256 bits with AVX2); the tail goes through the scalar twin in
/// <see cref="Reference.OptimizerKernels"/>, which uses the same operations in the same order, so both agree bit for bit.
/// </summary>
/// <remarks>All spans of one call have the same length (the caller checks); state spans are updated in place.</remarks>
internal static class OptimizerKernels
{
    /// <summary>SGD with momentum, Keras' form: <c>m = momentum m - lr g</c>; <c>p += m</c>, or with Nesterov <c>p += momentum m - lr g</c>.</summary>
    public static void SgdMomentum(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, float learningRate, float momentum, bool nesterov)
    {
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var lr = new Vector<float>(learningRate);
        var mu = new Vector<float>(momentum);
        for (var i = 0; i < p.Length; i++)
        {
            var gi = g[i];
            var mi = -gi * lr + m[i] * mu;
            m[i] = mi;
            p[i] = nesterov ? p[i] + (-gi * lr + mi * mu) : p[i] + mi;
        }
        var done = p.Length * Vector<float>.Count;
        Reference.OptimizerKernels.SgdMomentum(parameters[done..], gradients[done..], velocity[done..], learningRate, momentum, nesterov);
    }

    /// <summary>Adam, Keras' form: <c>m += (g - m)(1 - b1)</c>, <c>v += (g^2 - v)(1 - b2)</c>, <c>p -= alpha m / (sqrt v + eps)</c>, alpha bias-corrected by the caller.</summary>
    public static void Adam(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> firstMoment, Span<float> secondMoment, float alpha, float beta1, float beta2, float epsilon)
    {
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var m = MemoryMarshal.Cast<float, Vector<float>>(firstMoment);
        var v = MemoryMarshal.Cast<float, Vector<float>>(secondMoment);
        var a = new Vector<float>(alpha);
        var oneMinusBeta1 = new Vector<float>(1f - beta1);
        var oneMinusBeta2 = new Vector<float>(1f - beta2);
        var eps = new Vector<float>(epsilon);
        for (var i = 0; i < p.Length; i++)
        {
            var gi = g[i];
            var mi = m[i] + (gi - m[i]) * oneMinusBeta1;
            var vi = v[i] + (gi * gi - v[i]) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] - a * mi / (Vector.SquareRoot(vi) + eps);
        }
        var done = p.Length * Vector<float>.Count;
        Reference.OptimizerKernels.Adam(parameters[done..], gradients[done..], firstMoment[done..], secondMoment[done..], alpha, beta1, beta2, epsilon);
    }

    /// <summary>
    /// RMSprop, Keras' form: <c>v = rho v + (1 - rho) g^2</c>; centered: <c>a = rho a + (1 - rho) g</c>, denominator
    /// <c>v - a^2 + eps</c>, else <c>v + eps</c>; <c>inc = lr g / sqrt(denominator)</c>; with momentum <c>b = momentum b + inc; p -= b</c>, else <c>p -= inc</c>.
    /// Empty <paramref name="average"/> means not centered; empty <paramref name="momentumBuffer"/> means no momentum.
    /// </summary>
    public static void RmsProp(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> velocity, Span<float> average, Span<float> momentumBuffer,
        float learningRate, float rho, float momentum, float epsilon)
    {
        var centered = !average.IsEmpty;
        var withMomentum = !momentumBuffer.IsEmpty;
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var v = MemoryMarshal.Cast<float, Vector<float>>(velocity);
        var a = MemoryMarshal.Cast<float, Vector<float>>(average);
        var b = MemoryMarshal.Cast<float, Vector<float>>(momentumBuffer);
        var lr = new Vector<float>(learningRate);
        var r = new Vector<float>(rho);
        var oneMinusRho = new Vector<float>(1f - rho);
        var mu = new Vector<float>(momentum);
        var eps = new Vector<float>(epsilon);
        for (var i = 0; i < p.Length; i++)
        {
            var gi = g[i];
            var vi = r * v[i] + oneMinusRho * (gi * gi);
            v[i] = vi;
            Vector<float> denominator;
            if (centered)
            {
                var ai = r * a[i] + oneMinusRho * gi;
                a[i] = ai;
                denominator = vi - ai * ai + eps;
            }
            else
            {
                denominator = vi + eps;
            }
            var increment = lr * gi / Vector.SquareRoot(denominator);
            if (withMomentum)
            {
                var bi = mu * b[i] + increment;
                b[i] = bi;
                p[i] = p[i] - bi;
            }
            else
            {
                p[i] = p[i] - increment;
            }
        }
        var done = p.Length * Vector<float>.Count;
        Reference.OptimizerKernels.RmsProp(parameters[done..], gradients[done..], velocity[done..],
            centered ? average[done..] : Span<float>.Empty, withMomentum ? momentumBuffer[done..] : Span<float>.Empty,
            learningRate, rho, momentum, epsilon);
    }

    /// <summary>
    /// Adadelta, Keras' form: <c>G = rho G + (1 - rho) g^2</c>; <c>d = -sqrt(D + eps) g / sqrt(G + eps)</c>;
    /// <c>D = rho D + (1 - rho) d^2</c>; <c>p += lr d</c>.
    /// </summary>
    public static void Adadelta(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> accumulatedGradient, Span<float> accumulatedDelta,
        float learningRate, float rho, float epsilon)
    {
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradients);
        var accG = MemoryMarshal.Cast<float, Vector<float>>(accumulatedGradient);
        var accD = MemoryMarshal.Cast<float, Vector<float>>(accumulatedDelta);
        var lr = new Vector<float>(learningRate);
        var r = new Vector<float>(rho);
        var oneMinusRho = new Vector<float>(1f - rho);
        var eps = new Vector<float>(epsilon);
        for (var i = 0; i < p.Length; i++)
        {
            var gi = g[i];
            var gradientAverage = r * accG[i] + oneMinusRho * (gi * gi);
            accG[i] = gradientAverage;
            var delta = -(Vector.SquareRoot(accD[i] + eps) * gi) / Vector.SquareRoot(gradientAverage + eps);
            accD[i] = r * accD[i] + oneMinusRho * (delta * delta);
            p[i] = p[i] + lr * delta;
        }
        var done = p.Length * Vector<float>.Count;
        Reference.OptimizerKernels.Adadelta(parameters[done..], gradients[done..], accumulatedGradient[done..], accumulatedDelta[done..], learningRate, rho, epsilon);
    }
}
