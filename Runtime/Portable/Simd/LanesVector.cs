using System.Numerics;
using System.Runtime.CompilerServices;

namespace Generated.Kernels.Simd;

/// <summary>
/// <see cref="ILanes{TVector}"/> over <see cref="Vector{T}"/> of float: the one width of the portable builds, so the
/// matrix product's 6 x (2 vectors) micro-kernel, the pixel-lane tiles and the stride-phase input gradient run
/// vectorized on Mono and Unity (8-float panels with 4 lanes). Multiply-add is a multiply then an add (Vector&lt;T&gt; has
/// no fused form), so results can differ from the net8.0 build's fused ones in the last bit.
/// </summary>
internal readonly unsafe struct LanesVector : ILanes<Vector<float>>
{
    /// <inheritdoc/>
    public int Count => Vector<float>.Count;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Load(float* source) => Unsafe.ReadUnaligned<Vector<float>>(source);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Vector<float> value, float* destination) => Unsafe.WriteUnaligned(destination, value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Broadcast(float value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) => a * b + c;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Add(Vector<float> a, Vector<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Subtract(Vector<float> a, Vector<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sum(Vector<float> value) => Vector.Dot(value, Vector<float>.One);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector<float> Max(Vector<float> a, Vector<float> b) => Vector.Max(a, b);
}
