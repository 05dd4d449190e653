using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Generated.Kernels.Simd;

namespace System.Numerics.Tensors;

/// <summary>
/// The scalar-operand and conversion members of .NET 9's <c>TensorPrimitives</c> that its netstandard build lacks (it has
/// the .NET 8 float API only), as static extension members with <see cref="Vector{T}"/> loops (portable builds only).
/// </summary>
internal static class TensorPrimitivesScalars
{
    extension(TensorPrimitives)
    {
        /// <summary><c>destination[i] = max(x[i], y)</c>; NaN in <paramref name="x"/> stays NaN.</summary>
        public static void Max(ReadOnlySpan<float> x, float y, Span<float> destination) => Apply<MaxOperator>(x, y, destination);

        /// <summary><c>destination[i] = min(x[i], y)</c>; NaN in <paramref name="x"/> stays NaN.</summary>
        public static void Min(ReadOnlySpan<float> x, float y, Span<float> destination) => Apply<MinOperator>(x, y, destination);

        /// <summary><c>destination[i] = x - y[i]</c>.</summary>
        public static void Subtract(float x, ReadOnlySpan<float> y, Span<float> destination) => Apply<ReverseSubtractOperator>(y, x, destination);

        /// <summary><c>destination[i] = x / y[i]</c>.</summary>
        public static void Divide(float x, ReadOnlySpan<float> y, Span<float> destination) => Apply<ReverseDivideOperator>(y, x, destination);

        /// <summary><c>destination[i] = sqrt(x[i])</c> (the .NET 8 package's float API has no Sqrt).</summary>
        public static void Sqrt(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckLengths(x.Length, destination.Length);
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = (float)Math.Sqrt(x[i]);
            }
        }

        /// <summary><c>destination[i] = log(1 + x[i])</c>, computed in double so small values keep their precision.</summary>
        public static void LogP1(ReadOnlySpan<float> x, Span<float> destination)
        {
            CheckLengths(x.Length, destination.Length);
            for (var i = 0; i < x.Length; i++)
            {
                destination[i] = (float)Math.Log(1d + x[i]);
            }
        }

        /// <summary>Converts each value exactly (bytes and signed bytes to floats).</summary>
        public static void ConvertChecked<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
            where TFrom : unmanaged
            where TTo : unmanaged
        {
            CheckLengths(source.Length, destination.Length);
            var floats = MemoryMarshal.Cast<TTo, float>(destination);
            if (typeof(TTo) != typeof(float) || (typeof(TFrom) != typeof(byte) && typeof(TFrom) != typeof(sbyte)))
            {
                throw new NotSupportedException($"The portable build converts byte and sbyte to float only, not {typeof(TFrom).Name} to {typeof(TTo).Name}.");
            }
            if (typeof(TFrom) == typeof(byte))
            {
                var bytes = MemoryMarshal.Cast<TFrom, byte>(source);
                for (var i = 0; i < bytes.Length; i++)
                {
                    floats[i] = bytes[i];
                }
            }
            else
            {
                var bytes = MemoryMarshal.Cast<TFrom, sbyte>(source);
                for (var i = 0; i < bytes.Length; i++)
                {
                    floats[i] = bytes[i];
                }
            }
        }
    }

    private static void CheckLengths(int source, int destination)
    {
        if (destination < source)
        {
            throw new ArgumentException($"Destination is too short: {destination} elements for {source}.", nameof(destination));
        }
    }

    private interface IScalarOperator
    {
        float Invoke(float x, float y);

        Vector<float> Invoke(Vector<float> x, Vector<float> y);
    }

    private static void Apply<T>(ReadOnlySpan<float> x, float y, Span<float> destination)
        where T : struct, IScalarOperator
    {
        CheckLengths(x.Length, destination.Length);
        ref var rx = ref MemoryMarshal.GetReference(x);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vy = new Vector<float>(y);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                VectorMemory.Store(default(T).Invoke(VectorMemory.Load(ref rx, i), vy), ref rd, i);
            }
        }
        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref rd, i) = default(T).Invoke(Unsafe.Add(ref rx, i), y);
        }
    }

    private readonly struct MaxOperator : IScalarOperator
    {
        public float Invoke(float x, float y) => float.IsNaN(x) ? x : Math.Max(x, y);

        // NaN lanes keep x: the comparison x < y is false for them.
        public Vector<float> Invoke(Vector<float> x, Vector<float> y) => Vector.ConditionalSelect(Vector.LessThan(x, y), y, x);
    }

    private readonly struct MinOperator : IScalarOperator
    {
        public float Invoke(float x, float y) => float.IsNaN(x) ? x : Math.Min(x, y);

        public Vector<float> Invoke(Vector<float> x, Vector<float> y) => Vector.ConditionalSelect(Vector.GreaterThan(x, y), y, x);
    }

    private readonly struct ReverseSubtractOperator : IScalarOperator
    {
        public float Invoke(float x, float y) => y - x;

        public Vector<float> Invoke(Vector<float> x, Vector<float> y) => y - x;
    }

    private readonly struct ReverseDivideOperator : IScalarOperator
    {
        public float Invoke(float x, float y) => y / x;

        public Vector<float> Invoke(Vector<float> x, Vector<float> y) => y / x;
    }
}
