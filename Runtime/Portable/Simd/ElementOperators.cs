using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Generated.Kernels.Simd;

/// <summary>
/// The portable builds' binary element-wise operators for the activations (same operators as the net8.0 file): one
/// struct per operator with a scalar and a <see cref="Vector{T}"/> <c>Invoke</c>, called on <c>default(T)</c>.
/// </summary>
internal static class ElementOperators
{
    /// <summary>An element-wise function of two values and a constant.</summary>
    public interface IOperator
    {
        /// <summary>The scalar function.</summary>
        float Invoke(float a, float b, float alpha);

        /// <summary>The same function on every lane.</summary>
        Vector<float> Invoke(Vector<float> a, Vector<float> b, Vector<float> alpha);
    }

    /// <summary><c>destination[i] = T(a[i], b[i], alpha)</c>; <paramref name="destination"/> may be the same span as <paramref name="a"/> or <paramref name="b"/>.</summary>
    public static void Apply<T>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float alpha, Span<float> destination)
        where T : struct, IOperator
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (VectorPath.AllowsVector)
        {
            var va = new Vector<float>(alpha);
            for (; i <= destination.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                VectorMemory.Store(default(T).Invoke(VectorMemory.Load(ref ra, i), VectorMemory.Load(ref rb, i), va), ref rd, i);
            }
        }
        for (; i < destination.Length; i++)
        {
            Unsafe.Add(ref rd, i) = default(T).Invoke(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i), alpha);
        }
    }

    /// <summary><c>y &gt; 0 ? dy : 0</c>.</summary>
    public readonly struct ReluGradient : IOperator
    {
        public float Invoke(float y, float dy, float alpha) => y > 0f ? dy : 0f;
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> alpha) =>
            Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), dy, Vector<float>.Zero);
    }

    /// <summary><c>y &gt; 0 ? dy : alpha * dy</c>.</summary>
    public readonly struct LeakyReluGradient : IOperator
    {
        public float Invoke(float y, float dy, float alpha) => y > 0f ? dy : alpha * dy;
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> alpha) =>
            Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), dy, alpha * dy);
    }

    /// <summary><c>dy * y * (1 - y)</c>.</summary>
    public readonly struct SigmoidGradient : IOperator
    {
        public float Invoke(float y, float dy, float alpha) => dy * (y - y * y);
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> alpha) => dy * (y - y * y);
    }

    /// <summary><c>dy * (1 - y^2)</c>.</summary>
    public readonly struct TanhGradient : IOperator
    {
        public float Invoke(float y, float dy, float alpha) => dy * (1f - y * y);
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> alpha) => dy * (Vector<float>.One - y * y);
    }

    /// <summary><c>y &gt; 0 ? dy : dy * (y + 1)</c>.</summary>
    public readonly struct EluGradient : IOperator
    {
        public float Invoke(float y, float dy, float alpha) => y > 0f ? dy : dy * (y + 1f);
        public Vector<float> Invoke(Vector<float> y, Vector<float> dy, Vector<float> alpha) =>
            Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), dy, dy * (y + Vector<float>.One));
    }

    /// <summary><c>x &gt; 0 ? x : e^x - 1</c> given <c>e^x</c>.</summary>
    public readonly struct EluSelect : IOperator
    {
        public float Invoke(float x, float exp, float alpha) => x > 0f ? x : exp - 1f;
        public Vector<float> Invoke(Vector<float> x, Vector<float> exp, Vector<float> alpha) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, exp - Vector<float>.One);
    }

    /// <summary>Swish's derivative <c>s * (1 + x * (1 - s))</c> given <c>s = sigmoid(x)</c>.</summary>
    public readonly struct SwishDerivative : IOperator
    {
        public float Invoke(float x, float s, float alpha) => s * (1f + x * (1f - s));
        public Vector<float> Invoke(Vector<float> x, Vector<float> s, Vector<float> alpha) =>
            s * (Vector<float>.One + x * (Vector<float>.One - s));
    }

    /// <summary><c>log1p(e)</c> from <c>e</c> and <c>log(1 + e)</c> (see the net8.0 file for why).</summary>
    public readonly struct Log1pFromLog : IOperator
    {
        public float Invoke(float e, float logU, float alpha)
        {
            var u = 1f + e;
            return u == 1f ? e : logU * e / (u - 1f);
        }

        public Vector<float> Invoke(Vector<float> e, Vector<float> logU, Vector<float> alpha)
        {
            var u = Vector<float>.One + e;
            return Vector.ConditionalSelect(Vector.Equals(u, Vector<float>.One), e, logU * e / (u - Vector<float>.One));
        }
    }

    /// <summary><c>max(x, 0) + b</c>.</summary>
    public readonly struct PositivePartPlus : IOperator
    {
        public float Invoke(float x, float b, float alpha) => MathF.Max(x, 0f) + b;
        public Vector<float> Invoke(Vector<float> x, Vector<float> b, Vector<float> alpha) => Vector.Max(x, Vector<float>.Zero) + b;
    }
}
