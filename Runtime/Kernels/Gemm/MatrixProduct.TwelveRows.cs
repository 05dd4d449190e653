#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;

namespace Generated.Kernels.Gemm;

/// <summary>
/// The 12-row tile of the 512-bit path: two 6-row tiles of A that step the same way (one stride or one offset table)
/// run as one 12 x 32 tile, 24 accumulators of the 32 vector registers, so each pair of B vectors loaded feeds 24
/// multiply-adds instead of 12 and the step loop's overhead is paid once for twelve rows. The 256- and 128-bit paths
/// keep 6-row tiles: x64 has 16 registers there, which 24 accumulators would spill.
/// </summary>
internal static unsafe partial class MatrixProduct
{
    /// <summary>Whether full 6-row tiles run in pairs at panel width <paramref name="nr"/> (the 512-bit path only).</summary>
    private static bool PairsTiles(int nr)
    {
#if NET8_0_OR_GREATER
        return nr == 32 && Vector512.IsHardwareAccelerated;
#else
        return false;
#endif
    }

    /// <summary>Whether two tiles' rows advance alike over the reduction: the same offset table, or no table and the same stride.</summary>
    private static bool ShareSteps(in TileOperand upper, in TileOperand lower) =>
        upper.StepOffsets == lower.StepOffsets && (upper.StepOffsets != null || upper.StepStride == lower.StepStride);

    /// <summary>Two full 6-row tiles (<paramref name="upper"/> over C's rows 0-5, <paramref name="lower"/> over rows 6-11) as one 12-row tile.</summary>
    private static void TwelveRowTile(int kc, in TileOperand upper, in TileOperand lower, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
    {
        var rows = stackalloc float*[2 * MR];
        RowPointers(upper, rows);
        RowPointers(lower, rows + MR);
#if NET8_0_OR_GREATER
        TwelveRows<Vector512<float>, Lanes512>(kc, rows, upper.StepStride, upper.StepOffsets, panel, bias, add, relu, c, ldc);
#else
        TwelveRows<Vector<float>, LanesVector>(kc, rows, upper.StepStride, upper.StepOffsets, panel, bias, add, relu, c, ldc);
#endif
    }

    /// <summary>The first element of each of a full tile's <see cref="MR"/> rows.</summary>
    private static void RowPointers(in TileOperand operand, float** rows)
    {
        for (var r = 0; r < MR; r++)
        {
            rows[r] = operand.RowAddresses != null ? operand.RowAddresses[r] : operand.Start + (long)r * operand.RowStride;
        }
    }

    /// <summary>
    /// 12 x (2 vectors) tile: row r of A at <c>rows[r][o]</c>, where the offset <c>o</c> is <c>p*step</c>, or
    /// <c>stepOffsets[p]</c> when there is a table; bias, accumulation and ReLU as in <c>VectorTile</c>.
    /// </summary>
    private static void TwelveRows<TVector, TLanes>(int kc, float** rows, nint step, int* stepOffsets, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var w = default(TLanes).Count;
        float* a0 = rows[0], a1 = rows[1], a2 = rows[2], a3 = rows[3], a4 = rows[4], a5 = rows[5];
        float* a6 = rows[6], a7 = rows[7], a8 = rows[8], a9 = rows[9], a10 = rows[10], a11 = rows[11];
        TVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91, c100, c101, c110, c111;
        if (add)
        {
            c00 = default(TLanes).Load(c + 0 * (nint)ldc); c01 = default(TLanes).Load(c + 0 * (nint)ldc + w);
            c10 = default(TLanes).Load(c + 1 * (nint)ldc); c11 = default(TLanes).Load(c + 1 * (nint)ldc + w);
            c20 = default(TLanes).Load(c + 2 * (nint)ldc); c21 = default(TLanes).Load(c + 2 * (nint)ldc + w);
            c30 = default(TLanes).Load(c + 3 * (nint)ldc); c31 = default(TLanes).Load(c + 3 * (nint)ldc + w);
            c40 = default(TLanes).Load(c + 4 * (nint)ldc); c41 = default(TLanes).Load(c + 4 * (nint)ldc + w);
            c50 = default(TLanes).Load(c + 5 * (nint)ldc); c51 = default(TLanes).Load(c + 5 * (nint)ldc + w);
            c60 = default(TLanes).Load(c + 6 * (nint)ldc); c61 = default(TLanes).Load(c + 6 * (nint)ldc + w);
            c70 = default(TLanes).Load(c + 7 * (nint)ldc); c71 = default(TLanes).Load(c + 7 * (nint)ldc + w);
            c80 = default(TLanes).Load(c + 8 * (nint)ldc); c81 = default(TLanes).Load(c + 8 * (nint)ldc + w);
            c90 = default(TLanes).Load(c + 9 * (nint)ldc); c91 = default(TLanes).Load(c + 9 * (nint)ldc + w);
            c100 = default(TLanes).Load(c + 10 * (nint)ldc); c101 = default(TLanes).Load(c + 10 * (nint)ldc + w);
            c110 = default(TLanes).Load(c + 11 * (nint)ldc); c111 = default(TLanes).Load(c + 11 * (nint)ldc + w);
        }
        else
        {
            var b0 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias);
            var b1 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias + w);
            c00 = b0; c10 = b0; c20 = b0; c30 = b0; c40 = b0; c50 = b0; c60 = b0; c70 = b0; c80 = b0; c90 = b0; c100 = b0; c110 = b0;
            c01 = b1; c11 = b1; c21 = b1; c31 = b1; c41 = b1; c51 = b1; c61 = b1; c71 = b1; c81 = b1; c91 = b1; c101 = b1; c111 = b1;
        }
        var b = panel;
        TVector x;
        // Two copies of the step loop, as in VectorTile: a fixed stride, or a table of offsets.
        if (stepOffsets == null)
        {
            nint o = 0;
            for (var p = 0; p < kc; p++)
            {
                var b0 = default(TLanes).Load(b);
                var b1 = default(TLanes).Load(b + w);
                x = default(TLanes).Broadcast(a0[o]); c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
                x = default(TLanes).Broadcast(a1[o]); c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
                x = default(TLanes).Broadcast(a2[o]); c20 = default(TLanes).MultiplyAdd(x, b0, c20); c21 = default(TLanes).MultiplyAdd(x, b1, c21);
                x = default(TLanes).Broadcast(a3[o]); c30 = default(TLanes).MultiplyAdd(x, b0, c30); c31 = default(TLanes).MultiplyAdd(x, b1, c31);
                x = default(TLanes).Broadcast(a4[o]); c40 = default(TLanes).MultiplyAdd(x, b0, c40); c41 = default(TLanes).MultiplyAdd(x, b1, c41);
                x = default(TLanes).Broadcast(a5[o]); c50 = default(TLanes).MultiplyAdd(x, b0, c50); c51 = default(TLanes).MultiplyAdd(x, b1, c51);
                x = default(TLanes).Broadcast(a6[o]); c60 = default(TLanes).MultiplyAdd(x, b0, c60); c61 = default(TLanes).MultiplyAdd(x, b1, c61);
                x = default(TLanes).Broadcast(a7[o]); c70 = default(TLanes).MultiplyAdd(x, b0, c70); c71 = default(TLanes).MultiplyAdd(x, b1, c71);
                x = default(TLanes).Broadcast(a8[o]); c80 = default(TLanes).MultiplyAdd(x, b0, c80); c81 = default(TLanes).MultiplyAdd(x, b1, c81);
                x = default(TLanes).Broadcast(a9[o]); c90 = default(TLanes).MultiplyAdd(x, b0, c90); c91 = default(TLanes).MultiplyAdd(x, b1, c91);
                x = default(TLanes).Broadcast(a10[o]); c100 = default(TLanes).MultiplyAdd(x, b0, c100); c101 = default(TLanes).MultiplyAdd(x, b1, c101);
                x = default(TLanes).Broadcast(a11[o]); c110 = default(TLanes).MultiplyAdd(x, b0, c110); c111 = default(TLanes).MultiplyAdd(x, b1, c111);
                o += step;
                b += 2 * w;
            }
        }
        else
        {
            for (var p = 0; p < kc; p++)
            {
                nint o = stepOffsets[p];
                var b0 = default(TLanes).Load(b);
                var b1 = default(TLanes).Load(b + w);
                x = default(TLanes).Broadcast(a0[o]); c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
                x = default(TLanes).Broadcast(a1[o]); c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
                x = default(TLanes).Broadcast(a2[o]); c20 = default(TLanes).MultiplyAdd(x, b0, c20); c21 = default(TLanes).MultiplyAdd(x, b1, c21);
                x = default(TLanes).Broadcast(a3[o]); c30 = default(TLanes).MultiplyAdd(x, b0, c30); c31 = default(TLanes).MultiplyAdd(x, b1, c31);
                x = default(TLanes).Broadcast(a4[o]); c40 = default(TLanes).MultiplyAdd(x, b0, c40); c41 = default(TLanes).MultiplyAdd(x, b1, c41);
                x = default(TLanes).Broadcast(a5[o]); c50 = default(TLanes).MultiplyAdd(x, b0, c50); c51 = default(TLanes).MultiplyAdd(x, b1, c51);
                x = default(TLanes).Broadcast(a6[o]); c60 = default(TLanes).MultiplyAdd(x, b0, c60); c61 = default(TLanes).MultiplyAdd(x, b1, c61);
                x = default(TLanes).Broadcast(a7[o]); c70 = default(TLanes).MultiplyAdd(x, b0, c70); c71 = default(TLanes).MultiplyAdd(x, b1, c71);
                x = default(TLanes).Broadcast(a8[o]); c80 = default(TLanes).MultiplyAdd(x, b0, c80); c81 = default(TLanes).MultiplyAdd(x, b1, c81);
                x = default(TLanes).Broadcast(a9[o]); c90 = default(TLanes).MultiplyAdd(x, b0, c90); c91 = default(TLanes).MultiplyAdd(x, b1, c91);
                x = default(TLanes).Broadcast(a10[o]); c100 = default(TLanes).MultiplyAdd(x, b0, c100); c101 = default(TLanes).MultiplyAdd(x, b1, c101);
                x = default(TLanes).Broadcast(a11[o]); c110 = default(TLanes).MultiplyAdd(x, b0, c110); c111 = default(TLanes).MultiplyAdd(x, b1, c111);
                b += 2 * w;
            }
        }
        if (relu)
        {
            var zero = default(TLanes).Broadcast(0f);
            c00 = default(TLanes).Max(c00, zero); c01 = default(TLanes).Max(c01, zero);
            c10 = default(TLanes).Max(c10, zero); c11 = default(TLanes).Max(c11, zero);
            c20 = default(TLanes).Max(c20, zero); c21 = default(TLanes).Max(c21, zero);
            c30 = default(TLanes).Max(c30, zero); c31 = default(TLanes).Max(c31, zero);
            c40 = default(TLanes).Max(c40, zero); c41 = default(TLanes).Max(c41, zero);
            c50 = default(TLanes).Max(c50, zero); c51 = default(TLanes).Max(c51, zero);
            c60 = default(TLanes).Max(c60, zero); c61 = default(TLanes).Max(c61, zero);
            c70 = default(TLanes).Max(c70, zero); c71 = default(TLanes).Max(c71, zero);
            c80 = default(TLanes).Max(c80, zero); c81 = default(TLanes).Max(c81, zero);
            c90 = default(TLanes).Max(c90, zero); c91 = default(TLanes).Max(c91, zero);
            c100 = default(TLanes).Max(c100, zero); c101 = default(TLanes).Max(c101, zero);
            c110 = default(TLanes).Max(c110, zero); c111 = default(TLanes).Max(c111, zero);
        }
        default(TLanes).Store(c00, c + 0 * (nint)ldc); default(TLanes).Store(c01, c + 0 * (nint)ldc + w);
        default(TLanes).Store(c10, c + 1 * (nint)ldc); default(TLanes).Store(c11, c + 1 * (nint)ldc + w);
        default(TLanes).Store(c20, c + 2 * (nint)ldc); default(TLanes).Store(c21, c + 2 * (nint)ldc + w);
        default(TLanes).Store(c30, c + 3 * (nint)ldc); default(TLanes).Store(c31, c + 3 * (nint)ldc + w);
        default(TLanes).Store(c40, c + 4 * (nint)ldc); default(TLanes).Store(c41, c + 4 * (nint)ldc + w);
        default(TLanes).Store(c50, c + 5 * (nint)ldc); default(TLanes).Store(c51, c + 5 * (nint)ldc + w);
        default(TLanes).Store(c60, c + 6 * (nint)ldc); default(TLanes).Store(c61, c + 6 * (nint)ldc + w);
        default(TLanes).Store(c70, c + 7 * (nint)ldc); default(TLanes).Store(c71, c + 7 * (nint)ldc + w);
        default(TLanes).Store(c80, c + 8 * (nint)ldc); default(TLanes).Store(c81, c + 8 * (nint)ldc + w);
        default(TLanes).Store(c90, c + 9 * (nint)ldc); default(TLanes).Store(c91, c + 9 * (nint)ldc + w);
        default(TLanes).Store(c100, c + 10 * (nint)ldc); default(TLanes).Store(c101, c + 10 * (nint)ldc + w);
        default(TLanes).Store(c110, c + 11 * (nint)ldc); default(TLanes).Store(c111, c + 11 * (nint)ldc + w);
    }
}
