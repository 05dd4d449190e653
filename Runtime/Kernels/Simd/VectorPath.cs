using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.Wasm;
using System.Runtime.Intrinsics.X86;

namespace Generated.Kernels.Simd;

/// <summary>
/// Which vector width the kernels run at: the widest the hardware accelerates (fixed at start-up, the JIT folds it),
/// capped by <see cref="KernelOptions.VectorWidth"/> at the start of each kernel call. A matrix-product panel of B is
/// two vectors wide, so the panel width names the path everywhere: 32 floats = 512 bits, 16 = 256, 8 = 128.
/// </summary>
internal static class VectorPath
{
    /// <summary>The widest accelerated vector in bits (512, 256 or 128), or 0 where no vector is accelerated.</summary>
    public static readonly int HardwareBits =
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>The width a kernel call starting now uses: <see cref="HardwareBits"/> capped by the option (0 = no vectors).</summary>
    public static int Bits => System.Math.Min(KernelOptions.VectorWidth, HardwareBits);

    /// <summary>Whether a call starting now may use 256-bit (or wider) vectors.</summary>
    public static bool Allows256 => Bits >= 256;

    /// <summary>Whether a call starting now may use 512-bit vectors.</summary>
    public static bool Allows512 => Bits >= 512;

    /// <summary>
    /// Columns per matrix-product panel for a call starting now: two vectors (32, 16 or 8 floats); 16 for the portable
    /// scalar tile where no vector is accelerated.
    /// </summary>
    public static int PanelWidth => Bits switch
    {
        512 => 32,
        256 => 16,
        128 => 8,
        _ => 16,
    };

    /// <summary>Whether the vectors a panel of <paramref name="panelWidth"/> columns is made of (half its width) are accelerated.</summary>
    public static bool IsVectorPanel(int panelWidth) => panelWidth switch
    {
        32 => Vector512.IsHardwareAccelerated,
        16 => Vector256.IsHardwareAccelerated,
        8 => Vector128.IsHardwareAccelerated,
        _ => false,
    };

    /// <summary>A one-line description of the path a call starting now takes, with the instruction set behind it.</summary>
    public static string Describe()
    {
        var bits = Bits;
        var isa = bits switch
        {
            512 => "AVX-512F",
            256 => Fma.IsSupported ? "AVX2+FMA" : "AVX",
            128 when AdvSimd.Arm64.IsSupported => "AdvSimd (ARM64 NEON, fused multiply-add)",
            128 when AdvSimd.IsSupported => "AdvSimd (ARM NEON, fused multiply-add)",
            128 when PackedSimd.IsSupported => "PackedSimd (WebAssembly SIMD)",
            128 when Fma.IsSupported => "SSE with FMA (VEX)",
            128 => "SSE",
            _ => "scalar",
        };
        return bits == 0 ? "scalar (no accelerated vectors)" : $"Vector{bits} ({isa})";
    }
}
