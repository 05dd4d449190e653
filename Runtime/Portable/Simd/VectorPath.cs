using System.Numerics;

namespace Generated.Kernels.Simd;

/// <summary>
/// The portable builds' vector width: <see cref="Vector{T}"/> of float where the runtime accelerates it (Mono and Unity
/// map it to 128-bit SSE/NEON registers, 4 lanes; .NET Framework's RyuJIT to AVX2, 8 lanes), else scalar loops.
/// <see cref="KernelOptions.VectorWidth"/> below that width switches the vectors off (there is one width only).
/// </summary>
internal static class VectorPath
{
    /// <summary>Bits of an accelerated <see cref="Vector{T}"/>, or 0 where it is not accelerated.</summary>
    public static readonly int HardwareBits = Vector.IsHardwareAccelerated ? Vector<float>.Count * 32 : 0;

    /// <summary>The width a kernel call starting now uses: <see cref="HardwareBits"/>, or 0 when the option asks for narrower vectors.</summary>
    public static int Bits => KernelOptions.VectorWidth >= HardwareBits ? HardwareBits : 0;

    /// <summary>Whether a call starting now runs its <see cref="Vector{T}"/> loops.</summary>
    public static bool AllowsVector => Bits > 0;

    /// <summary>Columns per matrix-product panel for a call starting now: two vectors, or 16 for the scalar tile.</summary>
    public static int PanelWidth => Bits > 0 ? 2 * Vector<float>.Count : 16;

    /// <summary>Whether the vectors a panel of <paramref name="panelWidth"/> columns is made of (half its width) are accelerated.</summary>
    public static bool IsVectorPanel(int panelWidth) => Vector.IsHardwareAccelerated && panelWidth == 2 * Vector<float>.Count;

    /// <summary>A one-line description of the path a call starting now takes.</summary>
    public static string Describe() =>
        Bits == 0 ? "scalar (no accelerated vectors)" : $"Vector<float> ({Vector<float>.Count} lanes, {Bits}-bit, portable build)";
}
