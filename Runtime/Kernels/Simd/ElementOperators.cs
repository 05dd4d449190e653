using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels.Simd;

/// <summary>
/// Binary element-wise operators used by the activations where TensorPrimitives has no single call,
/// in TensorPrimitives' style: one struct per operator with a scalar and a vector <c>Invoke</c>, and
/// one driver that picks the width once and handles the tail. 256-bit only for now: why it is not on
/// <see cref="ILanes{TVector}"/> yet is in that interface's remarks.
/// </summary>
internal static class ElementOperators
{
    /// <summary>An element-wise function of two values and a constant.</summary>
    public interface IOperator
    {
        /// <summary>The scalar function.</summary>
        static abstract float Invoke(float a, float b, float alpha);

        /// <summary>The same function on eight lanes.</summary>
        static abstract Vector256<float> Invoke(Vector256<float> a, Vector256<float> b, Vector256<float> alpha);
    }

    /// <summary><c>destination[i] = T(a[i], b[i], alpha)</c>; <paramref name="destination"/> may be the same span as <paramref name="a"/> or <paramref name="b"/>.</summary>
    public static void Apply<T>(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float alpha, Span<float> destination)
        where T : struct, IOperator
    {
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(alpha);
            for (; i <= destination.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                T.Invoke(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i), va).StoreUnsafe(ref rd, (nuint)i);
            }
        }
        for (; i < destination.Length; i++)
        {
            Unsafe.Add(ref rd, i) = T.Invoke(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i), alpha);
        }
    }

    /// <summary><c>y &gt; 0 ? dy : 0</c>.</summary>
    public readonly struct ReluGradient : IOperator
    {
        public static float Invoke(float y, float dy, float alpha) => y > 0f ? dy : 0f;
        public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> alpha) =>
            Vector256.GreaterThan(y, Vector256<float>.Zero) & dy;
    }

    /// <summary><c>y &gt; 0 ? dy : alpha * dy</c> (for alpha &gt;= 0 the output has the input's sign).</summary>
    public readonly struct LeakyReluGradient : IOperator
    {
        public static float Invoke(float y, float dy, float alpha) => y > 0f ? dy : alpha * dy;
        public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> alpha) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), dy, alpha * dy);
    }

    /// <summary><c>dy * y * (1 - y)</c>.</summary>
    public readonly struct SigmoidGradient : IOperator
    {
        public static float Invoke(float y, float dy, float alpha) => dy * (y - y * y);
        public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> alpha) => dy * (y - y * y);
    }

    /// <summary><c>dy * (1 - y^2)</c>.</summary>
    public readonly struct TanhGradient : IOperator
    {
        public static float Invoke(float y, float dy, float alpha) => dy * (1f - y * y);
        public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> alpha) => dy * (Vector256<float>.One - y * y);
    }

    /// <summary><c>y &gt; 0 ? dy : dy * (y + 1)</c>, since <c>d(e^x - 1)/dx = e^x = y + 1</c>.</summary>
    public readonly struct EluGradient : IOperator
    {
        public static float Invoke(float y, float dy, float alpha) => y > 0f ? dy : dy * (y + 1f);
        public static Vector256<float> Invoke(Vector256<float> y, Vector256<float> dy, Vector256<float> alpha) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), dy, dy * (y + Vector256<float>.One));
    }

    /// <summary><c>x &gt; 0 ? x : e^x - 1</c> given <c>e^x</c>.</summary>
    public readonly struct EluSelect : IOperator
    {
        public static float Invoke(float x, float exp, float alpha) => x > 0f ? x : exp - 1f;
        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> exp, Vector256<float> alpha) =>
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, exp - Vector256<float>.One);
    }

    /// <summary>Swish's derivative <c>s * (1 + x * (1 - s))</c> given <c>s = sigmoid(x)</c>.</summary>
    public readonly struct SwishDerivative : IOperator
    {
        public static float Invoke(float x, float s, float alpha) => s * (1f + x * (1f - s));
        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> s, Vector256<float> alpha) =>
            s * (Vector256<float>.One + x * (Vector256<float>.One - s));
    }

    /// <summary>
    /// <c>log1p(e)</c> from <c>e</c> and <c>log(1 + e)</c>: with <c>u = 1 + e</c> rounded,
    /// <c>log(u) * e / (u - 1)</c> cancels the rounding of <c>u</c> (Goldberg, "What every computer
    /// scientist should know about floating-point arithmetic", theorem 4); when <c>u == 1</c>, log1p(e) = e.
    /// </summary>
    public readonly struct Log1pFromLog : IOperator
    {
        public static float Invoke(float e, float logU, float alpha)
        {
            var u = 1f + e;
            return u == 1f ? e : logU * e / (u - 1f);
        }

        public static Vector256<float> Invoke(Vector256<float> e, Vector256<float> logU, Vector256<float> alpha)
        {
            var u = Vector256<float>.One + e;
            return Vector256.ConditionalSelect(Vector256.Equals(u, Vector256<float>.One), e, logU * e / (u - Vector256<float>.One));
        }
    }

    /// <summary><c>max(x, 0) + b</c>.</summary>
    public readonly struct PositivePartPlus : IOperator
    {
        public static float Invoke(float x, float b, float alpha) => MathF.Max(x, 0f) + b;
        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> b, Vector256<float> alpha) =>
            Vector256.Max(x, Vector256<float>.Zero) + b;
    }
}
