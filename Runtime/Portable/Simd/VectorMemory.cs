using System.Numerics;
using System.Runtime.CompilerServices;

namespace Generated.Kernels.Simd;

/// <summary>Unaligned <see cref="Vector{T}"/> loads and stores at an element offset from a ref (the portable <c>LoadUnsafe</c>/<c>StoreUnsafe</c>).</summary>
internal static class VectorMemory
{
    /// <summary>The vector of floats starting at <c>source[offset]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ref float source, nint offset) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref source, offset)));

    /// <summary>Writes <paramref name="value"/> to the floats starting at <c>destination[offset]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, ref float destination, nint offset) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref destination, offset)), value);

    /// <summary>Lanes of <paramref name="value"/> where <paramref name="mask"/> is set, zero elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> And(Vector<int> mask, Vector<float> value) => Vector.ConditionalSelect(mask, value, Vector<float>.Zero);
}
