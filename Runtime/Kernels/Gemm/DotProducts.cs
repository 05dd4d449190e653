using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;

namespace Generated.Kernels.Gemm;

/// <summary>
/// <c>C (m x n) = A (m x k) x Bᵀ [+ bias]</c> with B stored transposed, as n rows of k floats: every value of C is the dot
/// product of two contiguous rows. This is the product for a layer with few outputs (a classifier's final Dense, 10
/// units), where <see cref="MatrixProduct"/>'s panels would pad B to a whole panel (a 32-wide panel makes an 8192 x 10
/// kernel 3.2 times its size) and a batch-1 call, which reads B once, would spend its time reading the padding.
/// </summary>
/// <remarks>
/// A tile is up to 4 rows of A by 4 rows of B: 16 vector accumulators, each summed across its lanes at the end, so per
/// step it loads up to 8 vectors for 16 multiply-adds. That needs 21 registers: AVX-512 has 32; with 256- and 128-bit
/// vectors (16 registers on x64) a tile has at most 2 rows of A, 13 registers. The width follows <see cref="VectorPath"/>
/// like the panel product; the last <c>k mod lanes</c> steps are added one by one.
/// </remarks>
internal static unsafe class DotProducts
{
    /// <summary>Outputs up to which a Dense layer is packed transposed for this product instead of into panels.</summary>
    public const int MaxColumns = 16;

    /// <summary>Rows of A per tile at most, and so the granularity of a threaded chunk.</summary>
    public const int MaxTileRows = 4;

    private const int TileColumns = 4;

    /// <summary>
    /// <c>C = A x Bᵀ + bias</c> for rows <paramref name="m"/> of A (row stride <paramref name="k"/>), B as
    /// <paramref name="n"/> rows of <paramref name="k"/> floats, bias of n floats or null, C row-major with row stride n;
    /// with <paramref name="relu"/> each value is stored as <c>max(value, 0)</c>.
    /// </summary>
    public static void Multiply(int m, int n, int k, float* a, float* transposedB, float* bias, bool relu, float* c) =>
        Multiply(VectorPath.Bits, m, n, k, a, transposedB, bias, relu, c);

    /// <summary><see cref="Multiply(int, int, int, float*, float*, float*, bool, float*)"/> at <paramref name="bits"/> (0: the scalar loops, which tests reach this way).</summary>
    internal static void Multiply(int bits, int m, int n, int k, float* a, float* transposedB, float* bias, bool relu, float* c)
    {
        var tileRows = bits >= 512 ? MaxTileRows : 2;
        for (var i0 = 0; i0 < m; i0 += tileRows)
        {
            var rows = Math.Min(tileRows, m - i0);
            for (var j0 = 0; j0 < n; j0 += TileColumns)
            {
                var columns = Math.Min(TileColumns, n - j0);
                Tile(bits, rows, columns, k, a + (long)i0 * k, transposedB + (long)j0 * k, c + (long)i0 * n + j0, n);
            }
        }
        for (var i = 0; i < m; i++)
        {
            var row = c + (long)i * n;
            for (var j = 0; j < n; j++)
            {
                var value = bias == null ? row[j] : row[j] + bias[j];
                row[j] = relu ? Math.Max(value, 0f) : value;
            }
        }
    }

    /// <summary>One tile at the widest vector a call may use, or the scalar loops where none is accelerated.</summary>
    private static void Tile(int bits, int rows, int columns, int k, float* a, float* b, float* c, int ldc)
    {
#if NET8_0_OR_GREATER
        if (bits >= 512 && Vector512.IsHardwareAccelerated)
        {
            RowsTile<Vector512<float>, Lanes512>(rows, columns, k, a, b, c, ldc);
        }
        else if (bits >= 256 && Vector256.IsHardwareAccelerated)
        {
            RowsTile<Vector256<float>, Lanes256>(rows, columns, k, a, b, c, ldc);
        }
        else if (bits >= 128 && Vector128.IsHardwareAccelerated)
        {
            RowsTile<Vector128<float>, Lanes128>(rows, columns, k, a, b, c, ldc);
        }
#else
        if (bits > 0 && Vector.IsHardwareAccelerated)
        {
            RowsTile<Vector<float>, LanesVector>(rows, columns, k, a, b, c, ldc);
        }
#endif
        else
        {
            TileScalar(rows, columns, k, a, b, c, ldc);
        }
    }

    /// <summary>Picks the compiled body for the tile's row count (1..4), so a short tile carries no unused accumulators.</summary>
    private static void RowsTile<TVector, TLanes>(int rows, int columns, int k, float* a, float* b, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        switch (rows)
        {
            case 4:
                ColumnsTile<TVector, TLanes, Four>(columns, k, a, b, c, ldc);
                break;
            case 3:
                ColumnsTile<TVector, TLanes, Three>(columns, k, a, b, c, ldc);
                break;
            case 2:
                ColumnsTile<TVector, TLanes, Two>(columns, k, a, b, c, ldc);
                break;
            default:
                ColumnsTile<TVector, TLanes, One>(columns, k, a, b, c, ldc);
                break;
        }
    }

    /// <summary>Picks the compiled body for the tile's column count (1..4).</summary>
    private static void ColumnsTile<TVector, TLanes, TRows>(int columns, int k, float* a, float* b, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TRows : struct, IConstant
    {
        switch (columns)
        {
            case 4:
                VectorTile<TVector, TLanes, TRows, Four>(k, a, b, c, ldc);
                break;
            case 3:
                VectorTile<TVector, TLanes, TRows, Three>(k, a, b, c, ldc);
                break;
            case 2:
                VectorTile<TVector, TLanes, TRows, Two>(k, a, b, c, ldc);
                break;
            default:
                VectorTile<TVector, TLanes, TRows, One>(k, a, b, c, ldc);
                break;
        }
    }

    /// <summary>
    /// <typeparamref name="TRows"/> x <typeparamref name="TColumns"/> dot products of length <paramref name="k"/>, one
    /// vector accumulator each (the JIT drops the ones outside the tile), written to C without bias.
    /// </summary>
    private static void VectorTile<TVector, TLanes, TRows, TColumns>(int k, float* a, float* b, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TRows : struct, IConstant
        where TColumns : struct, IConstant
    {
        var rows = default(TRows).Value;
        var columns = default(TColumns).Value;
        var w = default(TLanes).Count;
        var a0 = a;
        var a1 = rows > 1 ? a + k : a;
        var a2 = rows > 2 ? a + 2L * k : a;
        var a3 = rows > 3 ? a + 3L * k : a;
        var b0 = b;
        var b1 = columns > 1 ? b + k : b;
        var b2 = columns > 2 ? b + 2L * k : b;
        var b3 = columns > 3 ? b + 3L * k : b;
        var zero = default(TLanes).Broadcast(0f);
        TVector s00 = zero, s01 = zero, s02 = zero, s03 = zero;
        TVector s10 = zero, s11 = zero, s12 = zero, s13 = zero;
        TVector s20 = zero, s21 = zero, s22 = zero, s23 = zero;
        TVector s30 = zero, s31 = zero, s32 = zero, s33 = zero;
        var p = 0;
        for (; p + w <= k; p += w)
        {
            var y0 = default(TLanes).Load(b0 + p);
            var y1 = columns > 1 ? default(TLanes).Load(b1 + p) : zero;
            var y2 = columns > 2 ? default(TLanes).Load(b2 + p) : zero;
            var y3 = columns > 3 ? default(TLanes).Load(b3 + p) : zero;
            var x = default(TLanes).Load(a0 + p);
            s00 = default(TLanes).MultiplyAdd(x, y0, s00);
            if (columns > 1) { s01 = default(TLanes).MultiplyAdd(x, y1, s01); }
            if (columns > 2) { s02 = default(TLanes).MultiplyAdd(x, y2, s02); }
            if (columns > 3) { s03 = default(TLanes).MultiplyAdd(x, y3, s03); }
            if (rows > 1)
            {
                x = default(TLanes).Load(a1 + p);
                s10 = default(TLanes).MultiplyAdd(x, y0, s10);
                if (columns > 1) { s11 = default(TLanes).MultiplyAdd(x, y1, s11); }
                if (columns > 2) { s12 = default(TLanes).MultiplyAdd(x, y2, s12); }
                if (columns > 3) { s13 = default(TLanes).MultiplyAdd(x, y3, s13); }
            }
            if (rows > 2)
            {
                x = default(TLanes).Load(a2 + p);
                s20 = default(TLanes).MultiplyAdd(x, y0, s20);
                if (columns > 1) { s21 = default(TLanes).MultiplyAdd(x, y1, s21); }
                if (columns > 2) { s22 = default(TLanes).MultiplyAdd(x, y2, s22); }
                if (columns > 3) { s23 = default(TLanes).MultiplyAdd(x, y3, s23); }
            }
            if (rows > 3)
            {
                x = default(TLanes).Load(a3 + p);
                s30 = default(TLanes).MultiplyAdd(x, y0, s30);
                if (columns > 1) { s31 = default(TLanes).MultiplyAdd(x, y1, s31); }
                if (columns > 2) { s32 = default(TLanes).MultiplyAdd(x, y2, s32); }
                if (columns > 3) { s33 = default(TLanes).MultiplyAdd(x, y3, s33); }
            }
        }
        Store(default(TLanes).Sum(s00), p, k, a0, b0, c);
        if (columns > 1) { Store(default(TLanes).Sum(s01), p, k, a0, b1, c + 1); }
        if (columns > 2) { Store(default(TLanes).Sum(s02), p, k, a0, b2, c + 2); }
        if (columns > 3) { Store(default(TLanes).Sum(s03), p, k, a0, b3, c + 3); }
        if (rows > 1)
        {
            var c1 = c + ldc;
            Store(default(TLanes).Sum(s10), p, k, a1, b0, c1);
            if (columns > 1) { Store(default(TLanes).Sum(s11), p, k, a1, b1, c1 + 1); }
            if (columns > 2) { Store(default(TLanes).Sum(s12), p, k, a1, b2, c1 + 2); }
            if (columns > 3) { Store(default(TLanes).Sum(s13), p, k, a1, b3, c1 + 3); }
        }
        if (rows > 2)
        {
            var c2 = c + 2L * ldc;
            Store(default(TLanes).Sum(s20), p, k, a2, b0, c2);
            if (columns > 1) { Store(default(TLanes).Sum(s21), p, k, a2, b1, c2 + 1); }
            if (columns > 2) { Store(default(TLanes).Sum(s22), p, k, a2, b2, c2 + 2); }
            if (columns > 3) { Store(default(TLanes).Sum(s23), p, k, a2, b3, c2 + 3); }
        }
        if (rows > 3)
        {
            var c3 = c + 3L * ldc;
            Store(default(TLanes).Sum(s30), p, k, a3, b0, c3);
            if (columns > 1) { Store(default(TLanes).Sum(s31), p, k, a3, b1, c3 + 1); }
            if (columns > 2) { Store(default(TLanes).Sum(s32), p, k, a3, b2, c3 + 2); }
            if (columns > 3) { Store(default(TLanes).Sum(s33), p, k, a3, b3, c3 + 3); }
        }
    }

    /// <summary>Writes <paramref name="sum"/> plus the steps from <paramref name="from"/> to k that did not fill a vector.</summary>
    private static void Store(float sum, int from, int k, float* a, float* b, float* c)
    {
        for (var p = from; p < k; p++)
        {
            sum += a[p] * b[p];
        }
        *c = sum;
    }

    /// <summary>The tile as plain loops, for machines without accelerated vectors.</summary>
    private static void TileScalar(int rows, int columns, int k, float* a, float* b, float* c, int ldc)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                Store(0f, 0, k, a + (long)r * k, b + (long)j * k, c + (long)r * ldc + j);
            }
        }
    }
}
