using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Generated.Kernels;

/// <summary>
/// Single-precision matrix product <c>C (m x n) = [C +] A (m x k) x B (k x n) [+ bias]</c> with a
/// register-blocked micro-kernel: B is packed once into panels of <see cref="PanelWidth"/> columns (k x NR,
/// zero padded), A is read in place through two strides (so an im2col block and its transpose are
/// both usable without copying), and each micro-kernel call keeps an MR x NR tile of C in registers.
/// The width is chosen once: 6x32 with Vector512, 6x16 with Vector256, a scalar tile otherwise.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Rows of C per micro-kernel tile.</summary>
    public const int MR = 6;

    /// <summary>
    /// Columns per micro-kernel tile and per packed panel of B for a call starting now (32 with Vector512,
    /// else 16); a kernel reads it once and passes it to every packing and multiplication of that call.
    /// </summary>
    public static int PanelWidth => KernelOptions.UseVector512 && Vector512.IsHardwareAccelerated ? 32 : 16;

    /// <summary>Reduction steps per pass over a tile: a KC x NR panel slice stays in L1 while A streams.</summary>
    private const int KC = 256;

    /// <summary>Floats a packed k x n matrix occupies.</summary>
    public static long PackedLength(int nr, int k, int n) => (long)((n + nr - 1) / nr) * nr * k;

    /// <summary>
    /// Packs B (k x n), element (p, j) at <c>b[p*rowStride + j*columnStride]</c>, into column panels:
    /// panel t holds columns <c>t*NR ..</c> as k rows of NR floats, zero beyond column n.
    /// </summary>
    public static void Pack(int nr, int k, int n, float* b, int rowStride, int columnStride, float* packed)
    {
        for (var j0 = 0; j0 < n; j0 += nr)
        {
            var columns = Math.Min(nr, n - j0);
            var panel = packed + (long)(j0 / nr) * k * nr;
            if (columnStride == 1 && columns == nr)
            {
                for (var p = 0; p < k; p++)
                {
                    Buffer.MemoryCopy(b + (long)p * rowStride + j0, panel + (long)p * nr, nr * sizeof(float), nr * sizeof(float));
                }
                continue;
            }
            for (var p = 0; p < k; p++)
            {
                var source = b + (long)p * rowStride + (long)j0 * columnStride;
                var target = panel + (long)p * nr;
                var j = 0;
                for (; j < columns; j++)
                {
                    target[j] = source[(long)j * columnStride];
                }
                for (; j < nr; j++)
                {
                    target[j] = 0f;
                }
            }
        }
    }

    /// <summary>Copies <paramref name="bias"/> (n floats) into <paramref name="padded"/>, zero up to whole panels.</summary>
    public static void PadBias(int nr, int n, float* bias, float* padded)
    {
        var length = (n + nr - 1) / nr * nr;
        for (var j = 0; j < length; j++)
        {
            padded[j] = j < n ? bias[j] : 0f;
        }
    }

    /// <summary>
    /// <c>C = A x B + bias</c> (or <c>C += A x B</c> when <paramref name="accumulate"/>); A element (i, p) at
    /// <c>a[i*aRowStride + p*aStepStride]</c>, B packed by <see cref="Pack"/>, bias padded by
    /// <see cref="PadBias"/> or null, C row-major with row stride <paramref name="ldc"/>.
    /// </summary>
    public static void Multiply(int nr, int m, int n, int k, float* a, int aRowStride, int aStepStride, float* packedB, float* paddedBias, bool accumulate, float* c, int ldc)
    {
        for (var p0 = 0; p0 < k; p0 += KC)
        {
            var kc = Math.Min(KC, k - p0);
            var add = accumulate || p0 > 0;
            var bias = p0 == 0 ? paddedBias : null;
            for (var j0 = 0; j0 < n; j0 += nr)
            {
                var columns = Math.Min(nr, n - j0);
                var panel = packedB + (long)(j0 / nr) * k * nr + (long)p0 * nr;
                var panelBias = bias == null ? null : bias + j0;
                for (var i0 = 0; i0 < m; i0 += MR)
                {
                    var rows = Math.Min(MR, m - i0);
                    var aTile = a + (long)i0 * aRowStride + (long)p0 * aStepStride;
                    var cTile = c + (long)i0 * ldc + j0;
                    if (rows == MR && columns == nr)
                    {
                        Tile(nr, MR, kc, aTile, aRowStride, aStepStride, null, panel, panelBias, add, cTile, ldc);
                    }
                    else
                    {
                        PartialTile(nr, rows, columns, kc, aTile, aRowStride, aStepStride, null, panel, panelBias, add, cTile, ldc);
                    }
                }
            }
        }
    }

    /// <summary>
    /// <c>C = A x B + bias</c> for <c>k &lt;= </c><see cref="MaxOffsetSteps"/> where A element (i, p) is at
    /// <c>a[i*aRowStride + stepOffsets[p]]</c>: a direct convolution reads its taps straight from the input this way.
    /// </summary>
    public static void MultiplyWithOffsets(int nr, int m, int n, int k, float* a, int aRowStride, int* stepOffsets, float* packedB, float* paddedBias, float* c, int ldc)
    {
        for (var j0 = 0; j0 < n; j0 += nr)
        {
            var columns = Math.Min(nr, n - j0);
            var panel = packedB + (long)(j0 / nr) * k * nr;
            var panelBias = paddedBias == null ? null : paddedBias + j0;
            for (var i0 = 0; i0 < m; i0 += MR)
            {
                var rows = Math.Min(MR, m - i0);
                var aTile = a + (long)i0 * aRowStride;
                var cTile = c + (long)i0 * ldc + j0;
                if (rows == MR && columns == nr)
                {
                    Tile(nr, MR, k, aTile, aRowStride, 0, stepOffsets, panel, panelBias, false, cTile, ldc);
                }
                else
                {
                    PartialTile(nr, rows, columns, k, aTile, aRowStride, 0, stepOffsets, panel, panelBias, false, cTile, ldc);
                }
            }
        }
    }

    /// <summary>The longest reduction <see cref="MultiplyWithOffsets"/> takes (one K block).</summary>
    public const int MaxOffsetSteps = KC;

    /// <summary>An edge tile: computed whole into a stack tile (rows past the edge repeat the last row) and copied back in part.</summary>
    private static void PartialTile(int nr, int rows, int columns, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float* panel, float* bias, bool add, float* c, int ldc)
    {
        var tile = stackalloc float[MR * 32];
        if (add)
        {
            for (var r = 0; r < rows; r++)
            {
                for (var j = 0; j < columns; j++)
                {
                    tile[r * nr + j] = c[(long)r * ldc + j];
                }
            }
        }
        Tile(nr, rows, kc, a, aRowStride, aStepStride, stepOffsets, panel, bias, add, tile, nr);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                c[(long)r * ldc + j] = tile[r * nr + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int nr, int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float* panel, float* bias, bool add, float* c, int ldc)
    {
        if (nr == 32)
        {
            VectorTile<Vector512<float>, Lanes512>(rows, kc, a, aRowStride, aStepStride, stepOffsets, panel, bias, add, c, ldc);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            VectorTile<Vector256<float>, Lanes256>(rows, kc, a, aRowStride, aStepStride, stepOffsets, panel, bias, add, c, ldc);
        }
        else
        {
            TileScalar(nr, rows, kc, a, aRowStride, aStepStride, stepOffsets, panel, bias, add, c, ldc);
        }
    }

    /// <summary>
    /// 6 x (2 vectors) tile, 12 accumulators: 6 x 16 floats with <see cref="Lanes256"/>, 6 x 32 with <see cref="Lanes512"/>
    /// (the JIT compiles one body per lane struct). Rows beyond <paramref name="rows"/> read the last valid row of A.
    /// </summary>
    private static void VectorTile<TVector, TLanes>(int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float* panel, float* bias, bool add, float* c, int ldc)
        where TVector : struct
        where TLanes : ILanes<TVector>
    {
        var w = TLanes.Count;
        var a0 = a;
        var a1 = a + (long)Math.Min(1, rows - 1) * aRowStride;
        var a2 = a + (long)Math.Min(2, rows - 1) * aRowStride;
        var a3 = a + (long)Math.Min(3, rows - 1) * aRowStride;
        var a4 = a + (long)Math.Min(4, rows - 1) * aRowStride;
        var a5 = a + (long)Math.Min(5, rows - 1) * aRowStride;
        TVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (add)
        {
            c00 = TLanes.Load(c); c01 = TLanes.Load(c + w);
            c10 = TLanes.Load(c + ldc); c11 = TLanes.Load(c + ldc + w);
            c20 = TLanes.Load(c + 2 * ldc); c21 = TLanes.Load(c + 2 * ldc + w);
            c30 = TLanes.Load(c + 3 * ldc); c31 = TLanes.Load(c + 3 * ldc + w);
            c40 = TLanes.Load(c + 4 * ldc); c41 = TLanes.Load(c + 4 * ldc + w);
            c50 = TLanes.Load(c + 5 * ldc); c51 = TLanes.Load(c + 5 * ldc + w);
        }
        else
        {
            var b0 = bias == null ? TLanes.Broadcast(0f) : TLanes.Load(bias);
            var b1 = bias == null ? TLanes.Broadcast(0f) : TLanes.Load(bias + w);
            c00 = b0; c10 = b0; c20 = b0; c30 = b0; c40 = b0; c50 = b0;
            c01 = b1; c11 = b1; c21 = b1; c31 = b1; c41 = b1; c51 = b1;
        }
        var b = panel;
        // Two copies of the step loop: a fixed stride, or a table of offsets (direct convolution taps).
        if (stepOffsets == null)
        {
            nint o = 0;
            nint step = aStepStride;
            for (var p = 0; p < kc; p++)
            {
                var b0 = TLanes.Load(b);
                var b1 = TLanes.Load(b + w);
                var x = TLanes.Broadcast(a0[o]);
                c00 = TLanes.MultiplyAdd(x, b0, c00); c01 = TLanes.MultiplyAdd(x, b1, c01);
                x = TLanes.Broadcast(a1[o]);
                c10 = TLanes.MultiplyAdd(x, b0, c10); c11 = TLanes.MultiplyAdd(x, b1, c11);
                x = TLanes.Broadcast(a2[o]);
                c20 = TLanes.MultiplyAdd(x, b0, c20); c21 = TLanes.MultiplyAdd(x, b1, c21);
                x = TLanes.Broadcast(a3[o]);
                c30 = TLanes.MultiplyAdd(x, b0, c30); c31 = TLanes.MultiplyAdd(x, b1, c31);
                x = TLanes.Broadcast(a4[o]);
                c40 = TLanes.MultiplyAdd(x, b0, c40); c41 = TLanes.MultiplyAdd(x, b1, c41);
                x = TLanes.Broadcast(a5[o]);
                c50 = TLanes.MultiplyAdd(x, b0, c50); c51 = TLanes.MultiplyAdd(x, b1, c51);
                o += step;
                b += 2 * w;
            }
        }
        else
        {
            for (var p = 0; p < kc; p++)
            {
                nint o = stepOffsets[p];
                var b0 = TLanes.Load(b);
                var b1 = TLanes.Load(b + w);
                var x = TLanes.Broadcast(a0[o]);
                c00 = TLanes.MultiplyAdd(x, b0, c00); c01 = TLanes.MultiplyAdd(x, b1, c01);
                x = TLanes.Broadcast(a1[o]);
                c10 = TLanes.MultiplyAdd(x, b0, c10); c11 = TLanes.MultiplyAdd(x, b1, c11);
                x = TLanes.Broadcast(a2[o]);
                c20 = TLanes.MultiplyAdd(x, b0, c20); c21 = TLanes.MultiplyAdd(x, b1, c21);
                x = TLanes.Broadcast(a3[o]);
                c30 = TLanes.MultiplyAdd(x, b0, c30); c31 = TLanes.MultiplyAdd(x, b1, c31);
                x = TLanes.Broadcast(a4[o]);
                c40 = TLanes.MultiplyAdd(x, b0, c40); c41 = TLanes.MultiplyAdd(x, b1, c41);
                x = TLanes.Broadcast(a5[o]);
                c50 = TLanes.MultiplyAdd(x, b0, c50); c51 = TLanes.MultiplyAdd(x, b1, c51);
                b += 2 * w;
            }
        }
        TLanes.Store(c00, c); TLanes.Store(c01, c + w);
        TLanes.Store(c10, c + ldc); TLanes.Store(c11, c + ldc + w);
        TLanes.Store(c20, c + 2 * ldc); TLanes.Store(c21, c + 2 * ldc + w);
        TLanes.Store(c30, c + 3 * ldc); TLanes.Store(c31, c + 3 * ldc + w);
        TLanes.Store(c40, c + 4 * ldc); TLanes.Store(c41, c + 4 * ldc + w);
        TLanes.Store(c50, c + 5 * ldc); TLanes.Store(c51, c + 5 * ldc + w);
    }

    /// <summary>Portable tile for machines without 256-bit vectors: same packing, plain loops.</summary>
    private static void TileScalar(int nr, int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float* panel, float* bias, bool add, float* c, int ldc)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = c + (long)r * ldc;
            if (!add)
            {
                for (var j = 0; j < nr; j++)
                {
                    row[j] = bias == null ? 0f : bias[j];
                }
            }
            var aRow = a + (long)r * aRowStride;
            for (var p = 0; p < kc; p++)
            {
                var x = stepOffsets == null ? aRow[(long)p * aStepStride] : aRow[stepOffsets[p]];
                var b = panel + (long)p * nr;
                for (var j = 0; j < nr; j++)
                {
                    row[j] += x * b[j];
                }
            }
        }
    }
}
