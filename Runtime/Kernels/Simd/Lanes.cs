using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels.Simd;

/// <summary>
/// The runtime's vector abstraction: one vector width as a type parameter, so code written once against
/// <see cref="ILanes{TVector}"/> is compiled by the JIT into separate, fully inlined 128-, 256- and 512-bit versions
/// (TensorPrimitives' operator-struct pattern). The matrix product, the pixel-lane convolutions and the stride-phase
/// input gradient are written on it.
/// </summary>
/// <remarks>
/// Two other styles remain, on purpose. Whole-span element-wise math (activations, losses, optimizers, pooling
/// sums) calls <c>System.Numerics.Tensors.TensorPrimitives</c>, which already picks 128, 256 or 512 bits for the
/// machine, ARM64 and WebAssembly included. <see cref="ElementOperators"/> covers the few two-input activation
/// gradients TensorPrimitives lacks; it needs lane-wise compare and select, which this interface would have to
/// grow (and .NET 8 has no public <c>ISimdVector</c> to borrow them from), so it stays 256-bit with a scalar tail.
/// Port it onto <see cref="ILanes{TVector}"/> when a 128-bit path needs it. Still written on <c>Vector256</c>/<c>Vector512</c>
/// directly, with scalar fallbacks: the pooling windows and max routing, column sums, batch-normalization rows,
/// bilinear resampling and the AVX block transpose; each is a candidate for this interface when ARM64 gets its paths
/// (moving them was left out of the reorganisation so that no kernel's speed could change).
/// </remarks>
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

/// <summary>
/// 128-bit lanes (SSE/AVX on x64, AdvSimd on ARM64, PackedSimd on WebAssembly): the width the ARM64 and WebAssembly
/// paths build on. No kernel routes to it yet; the x64 kernels keep choosing 256 or 512 bits.
/// </summary>
internal readonly unsafe struct Lanes128 : ILanes<Vector128<float>>
{
    /// <inheritdoc/>
    public static int Count => Vector128<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, float* destination) => value.Store(destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c)
        : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b)
        : a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> value) => Vector128.Sum(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
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
