using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels.Simd;

/// <summary>
/// One vector width for the pixel-lane convolution kernels, as a type parameter: code written once
/// against <see cref="ILanes{TVector}"/> is compiled by the JIT into separate, fully inlined 256- and
/// 512-bit versions (TensorPrimitives' operator-struct pattern).
/// </summary>
internal unsafe interface ILanes<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> floats (no alignment needed).</summary>
    static abstract TVector Load(float* source);

    /// <summary>Stores <see cref="Count"/> floats (no alignment needed).</summary>
    static abstract void Store(TVector value, float* destination);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary><c>a * b + c</c>, fused when the CPU can.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary><c>a + b</c>.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>The sum of the lanes.</summary>
    static abstract float Sum(TVector value);

    /// <summary>The lane-wise larger of <paramref name="a"/> and <paramref name="b"/> (a fused ReLU's <c>max(x, 0)</c>).</summary>
    static abstract TVector Max(TVector a, TVector b);
}

/// <summary>256-bit lanes (AVX2/FMA, or whatever <see cref="Vector256"/> maps to).</summary>
internal readonly unsafe struct Lanes256 : ILanes<Vector256<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector256<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, float* destination) => value.Store(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> value) => Vector256.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
}

/// <summary>512-bit lanes (AVX-512F).</summary>
internal readonly unsafe struct Lanes512 : ILanes<Vector512<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, float* destination) => value.Store(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512<float> value) => Vector512.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
}

/// <summary>A small integer known to the JIT as a constant (a type parameter), so unused accumulators vanish from a micro-kernel.</summary>
internal interface IConstant
{
    /// <summary>The value.</summary>
    static abstract int Value { get; }
}

/// <summary>1.</summary>
internal readonly struct One : IConstant { public static int Value => 1; }

/// <summary>2.</summary>
internal readonly struct Two : IConstant { public static int Value => 2; }

/// <summary>3.</summary>
internal readonly struct Three : IConstant { public static int Value => 3; }

/// <summary>4.</summary>
internal readonly struct Four : IConstant { public static int Value => 4; }

/// <summary>5.</summary>
internal readonly struct Five : IConstant { public static int Value => 5; }

/// <summary>6.</summary>
internal readonly struct Six : IConstant { public static int Value => 6; }

/// <summary>7.</summary>
internal readonly struct Seven : IConstant { public static int Value => 7; }

/// <summary>8.</summary>
internal readonly struct Eight : IConstant { public static int Value => 8; }
