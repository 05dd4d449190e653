using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#else
using System.Numerics;
#endif
using Generated.Kernels.Simd;

namespace Generated.Kernels.Gemm;

/// <summary>
/// Single-precision matrix product <c>C (m x n) = [C +] A (m x k) x B (k x n) [+ bias]</c> with a
/// register-blocked micro-kernel: B is packed once into panels of <see cref="PanelWidth"/> columns (k x NR,
/// zero padded), A is read in place through two strides (so an im2col block and its transpose are
/// both usable without copying), and each micro-kernel call keeps an MR x NR tile of C in registers.
/// The width follows <see cref="VectorPath"/>: 6x32 with Vector512, 6x16 with Vector256, 6x8 with Vector128 (ARM64
/// AdvSimd, WebAssembly PackedSimd, or x64 forced by <see cref="KernelOptions.VectorWidth"/>), a scalar tile only where
/// no vector is accelerated. Every tile is MR rows by two vectors: 12 accumulators, two B vectors and one broadcast A
/// value, 15 registers, which fits x64's 16 (SSE/AVX) as well as ARM64's 32 without spilling; a wider 128-bit tile
/// (6x16 in 24 registers) would suit ARM64 only and spill on x64, where the forced 128-bit path is tested.
/// </summary>
internal static unsafe class MatrixProduct
{
    /// <summary>Rows of C per micro-kernel tile.</summary>
    public const int MR = 6;

    /// <summary>
    /// Columns per micro-kernel tile and per packed panel of B for a call starting now (32 with Vector512, 16 with
    /// Vector256, 8 with Vector128); a kernel reads it once and passes it to every packing and multiplication of that call.
    /// </summary>
    public static int PanelWidth => VectorPath.PanelWidth;

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
                if (n == nr && rowStride == nr)
                {
                    // One panel of contiguous rows is already the packed layout: one copy, not one per row.
                    Buffer.MemoryCopy(b, panel, (long)k * nr * sizeof(float), (long)k * nr * sizeof(float));
                    continue;
                }
                for (var p = 0; p < k; p++)
                {
                    CopyRow(b + (long)p * rowStride + j0, panel + (long)p * nr, nr);
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

    /// <summary>
    /// Copies one panel row of <paramref name="count"/> floats with vector loads and stores in line: a call of
    /// Buffer.MemoryCopy per 128-byte row cost more than the copy (4% of a training step of Keras' MNIST convnet).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(float* source, float* target, int count)
    {
        var j = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            for (; j <= count - System.Numerics.Vector<float>.Count; j += System.Numerics.Vector<float>.Count)
            {
                Unsafe.WriteUnaligned(target + j, Unsafe.ReadUnaligned<System.Numerics.Vector<float>>(source + j));
            }
        }
        for (; j < count; j++)
        {
            target[j] = source[j];
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
    /// <see cref="PadBias"/> or null, C row-major with row stride <paramref name="ldc"/>. With <paramref name="relu"/>
    /// each value is stored as <c>max(value, 0)</c> (a fused ReLU).
    /// </summary>
    public static void Multiply(int nr, int m, int n, int k, float* a, int aRowStride, int aStepStride, float* packedB, float* paddedBias, bool accumulate, float* c, int ldc, bool relu = false) =>
        MultiplyTiles(nr, m, n, k, new StridedRows(a, aRowStride, aStepStride), packedB, paddedBias, accumulate, c, ldc, relu);

    /// <summary>
    /// <c>C = A x B + bias</c> where A element (i, p) is at <c>a[i*aRowStride + stepOffsets[p]]</c> (<paramref name="k"/>
    /// offsets): a direct convolution reads its taps straight from the input this way. <paramref name="relu"/> as in <see cref="Multiply"/>.
    /// </summary>
    public static void MultiplyWithOffsets(int nr, int m, int n, int k, float* a, int aRowStride, int* stepOffsets, float* packedB, float* paddedBias, float* c, int ldc, bool relu = false) =>
        MultiplyTiles(nr, m, n, k, new OffsetRows(a, aRowStride, stepOffsets), packedB, paddedBias, accumulate: false, c, ldc, relu);

    /// <summary>
    /// <c>C = A x B + bias</c> over an implicit A: row i of a tile of rows starting at a multiple of <see cref="MR"/> is read at
    /// <c>rowAddresses[i][stepOffsets[p]]</c> when <c>direct[i / MR]</c> is set (a convolution's window read in place), else at
    /// <c>gathered[i*k + p]</c> (its im2col row, gathered by the caller). <paramref name="relu"/> as in <see cref="Multiply"/>.
    /// </summary>
    public static void MultiplyImplicit(int nr, int m, int n, int k, float** rowAddresses, int* stepOffsets, bool* direct, float* gathered, float* packedB, float* paddedBias, float* c, int ldc, bool relu) =>
        MultiplyTiles(nr, m, n, k, new ImplicitRows(rowAddresses, stepOffsets, direct, gathered, k), packedB, paddedBias, accumulate: false, c, ldc, relu);

    /// <summary>
    /// <c>C += A x B</c> (or <c>C = A x B</c> without <paramref name="accumulate"/>) where A element (i, p) is at
    /// <c>rowAddresses[i][stepOffsets[p]]</c> for every row: a convolution's kernel gradient reads its transposed im2col
    /// operand straight from the input this way (row i a tap, step p an output pixel's window corner), with no copy.
    /// </summary>
    public static void MultiplyAddressed(int nr, int m, int n, int k, float** rowAddresses, int* stepOffsets, float* packedB, bool accumulate, float* c, int ldc) =>
        MultiplyTiles(nr, m, n, k, new AddressedRows(rowAddresses, stepOffsets), packedB, null, accumulate, c, ldc, relu: false);

    /// <summary>
    /// The blocked product every public multiply shares: K in <see cref="BlockSteps"/> blocks (bias on the first, ReLU on
    /// the last), then panels of <paramref name="nr"/> columns, then tiles of <see cref="MR"/> rows whose A operand
    /// <paramref name="rows"/> locates (a struct, so each layout compiles to its own loop).
    /// </summary>
    private static void MultiplyTiles<TRows>(int nr, int m, int n, int k, TRows rows, float* packedB, float* paddedBias, bool accumulate, float* c, int ldc, bool relu)
        where TRows : struct, ITileRows
    {
        var block = BlockSteps(k);
        for (var p0 = 0; p0 < k; p0 += block)
        {
            var kc = Math.Min(block, k - p0);
            var add = accumulate || p0 > 0;
            var bias = p0 == 0 ? paddedBias : null;
            var rectify = relu && p0 + kc == k;
            for (var j0 = 0; j0 < n; j0 += nr)
            {
                var columns = Math.Min(nr, n - j0);
                var panel = packedB + (long)(j0 / nr) * k * nr + (long)p0 * nr;
                var panelBias = bias == null ? null : bias + j0;
                for (var i0 = 0; i0 < m; i0 += MR)
                {
                    var count = Math.Min(MR, m - i0);
                    var a = rows.Tile(i0, p0);
                    var cTile = c + (long)i0 * ldc + j0;
                    if (columns == nr)
                    {
                        Tile(nr, count, kc, a.Start, a.RowStride, a.StepStride, a.StepOffsets, a.RowAddresses, panel, panelBias, add, rectify, cTile, ldc);
                    }
                    else
                    {
                        PartialTile(nr, count, columns, kc, a.Start, a.RowStride, a.StepStride, a.StepOffsets, a.RowAddresses, panel, panelBias, add, rectify, cTile, ldc);
                    }
                }
            }
        }
    }

    /// <summary>Where a tile's rows of A are: a start with row and step strides, or step offsets from a start or per-row addresses.</summary>
    private readonly struct TileOperand(float* start, int rowStride, int stepStride, int* stepOffsets, float** rowAddresses)
    {
        public readonly float* Start = start;
        public readonly int RowStride = rowStride;
        public readonly int StepStride = stepStride;
        public readonly int* StepOffsets = stepOffsets;
        public readonly float** RowAddresses = rowAddresses;
    }

    /// <summary>A layout of A: the operand of the tile whose first row is <c>i0</c>, from reduction step <c>p0</c> on.</summary>
    private interface ITileRows
    {
        TileOperand Tile(int i0, int p0);
    }

    /// <summary>A element (i, p) at <c>a[i*rowStride + p*stepStride]</c>: a matrix or its transpose in place.</summary>
    private readonly struct StridedRows(float* a, int rowStride, int stepStride) : ITileRows
    {
        public TileOperand Tile(int i0, int p0) => new(a + (long)i0 * rowStride + (long)p0 * stepStride, rowStride, stepStride, null, null);
    }

    /// <summary>A element (i, p) at <c>a[i*rowStride + stepOffsets[p]]</c>: a direct convolution's taps.</summary>
    private readonly struct OffsetRows(float* a, int rowStride, int* stepOffsets) : ITileRows
    {
        public TileOperand Tile(int i0, int p0) => new(a + (long)i0 * rowStride, rowStride, 0, stepOffsets + p0, null);
    }

    /// <summary>Every tile read in place: row i at <c>rowAddresses[i]</c>, step p at offset <c>stepOffsets[p]</c> from it.</summary>
    private readonly struct AddressedRows(float** rowAddresses, int* stepOffsets) : ITileRows
    {
        public TileOperand Tile(int i0, int p0) => new(null, 0, 0, stepOffsets + p0, rowAddresses + i0);
    }

    /// <summary>Per tile of rows: read in place through row addresses and step offsets, or from the gathered im2col rows.</summary>
    private readonly struct ImplicitRows(float** rowAddresses, int* stepOffsets, bool* direct, float* gathered, int k) : ITileRows
    {
        public TileOperand Tile(int i0, int p0) => direct[i0 / MR]
            ? new(null, k, 1, stepOffsets + p0, rowAddresses + i0)
            : new(gathered + (long)i0 * k + p0, k, 1, null, null);
    }

    /// <summary>
    /// Reduction steps per K block: <paramref name="k"/> cut into equal blocks of at most <see cref="KC"/>, so no block is a
    /// short remainder whose C loads and stores would cost as much as its multiply-adds (K = 288 runs as 2 x 144, not 256 + 32).
    /// </summary>
    public static int BlockSteps(int k)
    {
        var blocks = Math.Max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    /// <summary>An edge tile narrower than a panel: computed into a stack tile and copied back in part.</summary>
    private static void PartialTile(int nr, int rows, int columns, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
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
        Tile(nr, rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, tile, nr);
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                c[(long)r * ldc + j] = tile[r * nr + j];
            }
        }
    }

    /// <summary>One tile of <paramref name="rows"/> (1..<see cref="MR"/>) rows and a whole panel of columns, written straight into C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(int nr, int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
    {
#if NET8_0_OR_GREATER
        if (nr == 32 && Vector512.IsHardwareAccelerated)
        {
            RowsTile<Vector512<float>, Lanes512>(rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
        }
        else if (nr == 16 && Vector256.IsHardwareAccelerated)
        {
            RowsTile<Vector256<float>, Lanes256>(rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
        }
        else if (nr == 8 && Vector128.IsHardwareAccelerated)
        {
            RowsTile<Vector128<float>, Lanes128>(rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
        }
#else
        // Portable builds (Unity, Mono): the same micro-kernel over Vector<float>, panels two vectors wide.
        if (VectorPath.IsVectorPanel(nr))
        {
            RowsTile<Vector<float>, LanesVector>(rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
        }
#endif
        else
        {
            TileScalar(nr, rows, kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
        }
    }

    /// <summary>
    /// The micro-kernel compiled for the tile's row count, so a short tile (a matrix-vector product at batch 1, the last
    /// rows of M) neither computes rows it throws away nor waits on too few dependency chains.
    /// </summary>
    private static void RowsTile<TVector, TLanes>(int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        switch (rows)
        {
            case 6:
                VectorTile<TVector, TLanes, Six>(kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
                break;
            case 5:
                VectorTile<TVector, TLanes, Five>(kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
                break;
            case 4:
                VectorTile<TVector, TLanes, Four>(kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
                break;
            case 3:
                VectorTile<TVector, TLanes, Three>(kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
                break;
            case 2:
                TwoRowTile<TVector, TLanes>(kc, a, aRowStride, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c, ldc);
                break;
            default:
                OneRowTile<TVector, TLanes>(kc, a, aStepStride, stepOffsets, rowAddresses, panel, bias, add, relu, c);
                break;
        }
    }

    /// <summary>
    /// <typeparamref name="TRows"/> (3..6) x (2 vectors) tile, up to 12 accumulators: 8 floats wide with <c>Lanes128</c>,
    /// 16 with <c>Lanes256</c>, 32 with <c>Lanes512</c> (<c>LanesVector</c> in the portable builds) (the JIT compiles one body per lane struct and row count, dropping unused rows).
    /// </summary>
    private static void VectorTile<TVector, TLanes, TRows>(int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TRows : struct, IConstant
    {
        var w = default(TLanes).Count;
        var rows = default(TRows).Value;
        float* a0, a1, a2, a3, a4, a5;
        if (rowAddresses == null)
        {
            a0 = a;
            a1 = a + aRowStride;
            a2 = a + 2L * aRowStride;
            a3 = rows > 3 ? a + 3L * aRowStride : a;
            a4 = rows > 4 ? a + 4L * aRowStride : a;
            a5 = rows > 5 ? a + 5L * aRowStride : a;
        }
        else
        {
            a0 = rowAddresses[0];
            a1 = rowAddresses[1];
            a2 = rowAddresses[2];
            a3 = rows > 3 ? rowAddresses[3] : a0;
            a4 = rows > 4 ? rowAddresses[4] : a0;
            a5 = rows > 5 ? rowAddresses[5] : a0;
        }
        TVector c00, c01, c10, c11, c20, c21, c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (add)
        {
            c00 = default(TLanes).Load(c); c01 = default(TLanes).Load(c + w);
            c10 = default(TLanes).Load(c + ldc); c11 = default(TLanes).Load(c + ldc + w);
            c20 = default(TLanes).Load(c + 2 * ldc); c21 = default(TLanes).Load(c + 2 * ldc + w);
            if (rows > 3) { c30 = default(TLanes).Load(c + 3 * ldc); c31 = default(TLanes).Load(c + 3 * ldc + w); }
            if (rows > 4) { c40 = default(TLanes).Load(c + 4 * ldc); c41 = default(TLanes).Load(c + 4 * ldc + w); }
            if (rows > 5) { c50 = default(TLanes).Load(c + 5 * ldc); c51 = default(TLanes).Load(c + 5 * ldc + w); }
        }
        else
        {
            var b0 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias);
            var b1 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias + w);
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
                var b0 = default(TLanes).Load(b);
                var b1 = default(TLanes).Load(b + w);
                var x = default(TLanes).Broadcast(a0[o]);
                c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
                x = default(TLanes).Broadcast(a1[o]);
                c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
                x = default(TLanes).Broadcast(a2[o]);
                c20 = default(TLanes).MultiplyAdd(x, b0, c20); c21 = default(TLanes).MultiplyAdd(x, b1, c21);
                if (rows > 3) { x = default(TLanes).Broadcast(a3[o]); c30 = default(TLanes).MultiplyAdd(x, b0, c30); c31 = default(TLanes).MultiplyAdd(x, b1, c31); }
                if (rows > 4) { x = default(TLanes).Broadcast(a4[o]); c40 = default(TLanes).MultiplyAdd(x, b0, c40); c41 = default(TLanes).MultiplyAdd(x, b1, c41); }
                if (rows > 5) { x = default(TLanes).Broadcast(a5[o]); c50 = default(TLanes).MultiplyAdd(x, b0, c50); c51 = default(TLanes).MultiplyAdd(x, b1, c51); }
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
                var x = default(TLanes).Broadcast(a0[o]);
                c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
                x = default(TLanes).Broadcast(a1[o]);
                c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
                x = default(TLanes).Broadcast(a2[o]);
                c20 = default(TLanes).MultiplyAdd(x, b0, c20); c21 = default(TLanes).MultiplyAdd(x, b1, c21);
                if (rows > 3) { x = default(TLanes).Broadcast(a3[o]); c30 = default(TLanes).MultiplyAdd(x, b0, c30); c31 = default(TLanes).MultiplyAdd(x, b1, c31); }
                if (rows > 4) { x = default(TLanes).Broadcast(a4[o]); c40 = default(TLanes).MultiplyAdd(x, b0, c40); c41 = default(TLanes).MultiplyAdd(x, b1, c41); }
                if (rows > 5) { x = default(TLanes).Broadcast(a5[o]); c50 = default(TLanes).MultiplyAdd(x, b0, c50); c51 = default(TLanes).MultiplyAdd(x, b1, c51); }
                b += 2 * w;
            }
        }
        if (relu)
        {
            var zero = default(TLanes).Broadcast(0f);
            c00 = default(TLanes).Max(c00, zero); c01 = default(TLanes).Max(c01, zero);
            c10 = default(TLanes).Max(c10, zero); c11 = default(TLanes).Max(c11, zero);
            c20 = default(TLanes).Max(c20, zero); c21 = default(TLanes).Max(c21, zero);
            if (rows > 3) { c30 = default(TLanes).Max(c30, zero); c31 = default(TLanes).Max(c31, zero); }
            if (rows > 4) { c40 = default(TLanes).Max(c40, zero); c41 = default(TLanes).Max(c41, zero); }
            if (rows > 5) { c50 = default(TLanes).Max(c50, zero); c51 = default(TLanes).Max(c51, zero); }
        }
        default(TLanes).Store(c00, c); default(TLanes).Store(c01, c + w);
        default(TLanes).Store(c10, c + ldc); default(TLanes).Store(c11, c + ldc + w);
        default(TLanes).Store(c20, c + 2 * ldc); default(TLanes).Store(c21, c + 2 * ldc + w);
        if (rows > 3) { default(TLanes).Store(c30, c + 3 * ldc); default(TLanes).Store(c31, c + 3 * ldc + w); }
        if (rows > 4) { default(TLanes).Store(c40, c + 4 * ldc); default(TLanes).Store(c41, c + 4 * ldc + w); }
        if (rows > 5) { default(TLanes).Store(c50, c + 5 * ldc); default(TLanes).Store(c51, c + 5 * ldc + w); }
    }

    /// <summary>
    /// 2 x (2 vectors) tile with even and odd steps in separate accumulators: eight independent multiply-add chains,
    /// enough to keep both FMA pipes busy, where one set of four would wait on each result.
    /// </summary>
    private static void TwoRowTile<TVector, TLanes>(int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var w = default(TLanes).Count;
        var a0 = rowAddresses == null ? a : rowAddresses[0];
        var a1 = rowAddresses == null ? a + aRowStride : rowAddresses[1];
        TVector c00, c01, c10, c11;
        if (add)
        {
            c00 = default(TLanes).Load(c); c01 = default(TLanes).Load(c + w);
            c10 = default(TLanes).Load(c + ldc); c11 = default(TLanes).Load(c + ldc + w);
        }
        else
        {
            c00 = c10 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias);
            c01 = c11 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias + w);
        }
        TVector d00 = default(TLanes).Broadcast(0f), d01 = d00, d10 = d00, d11 = d00;
        var b = panel;
        var p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            nint o = stepOffsets == null ? (nint)p * aStepStride : stepOffsets[p];
            nint q = stepOffsets == null ? o + aStepStride : stepOffsets[p + 1];
            var b0 = default(TLanes).Load(b);
            var b1 = default(TLanes).Load(b + w);
            var e0 = default(TLanes).Load(b + 2 * w);
            var e1 = default(TLanes).Load(b + 3 * w);
            var x = default(TLanes).Broadcast(a0[o]);
            c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
            x = default(TLanes).Broadcast(a1[o]);
            c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
            x = default(TLanes).Broadcast(a0[q]);
            d00 = default(TLanes).MultiplyAdd(x, e0, d00); d01 = default(TLanes).MultiplyAdd(x, e1, d01);
            x = default(TLanes).Broadcast(a1[q]);
            d10 = default(TLanes).MultiplyAdd(x, e0, d10); d11 = default(TLanes).MultiplyAdd(x, e1, d11);
            b += 4 * w;
        }
        if (p < kc)
        {
            nint o = stepOffsets == null ? (nint)p * aStepStride : stepOffsets[p];
            var b0 = default(TLanes).Load(b);
            var b1 = default(TLanes).Load(b + w);
            var x = default(TLanes).Broadcast(a0[o]);
            c00 = default(TLanes).MultiplyAdd(x, b0, c00); c01 = default(TLanes).MultiplyAdd(x, b1, c01);
            x = default(TLanes).Broadcast(a1[o]);
            c10 = default(TLanes).MultiplyAdd(x, b0, c10); c11 = default(TLanes).MultiplyAdd(x, b1, c11);
        }
        c00 = default(TLanes).Add(c00, d00); c01 = default(TLanes).Add(c01, d01);
        c10 = default(TLanes).Add(c10, d10); c11 = default(TLanes).Add(c11, d11);
        if (relu)
        {
            var zero = default(TLanes).Broadcast(0f);
            c00 = default(TLanes).Max(c00, zero); c01 = default(TLanes).Max(c01, zero);
            c10 = default(TLanes).Max(c10, zero); c11 = default(TLanes).Max(c11, zero);
        }
        default(TLanes).Store(c00, c); default(TLanes).Store(c01, c + w);
        default(TLanes).Store(c10, c + ldc); default(TLanes).Store(c11, c + ldc + w);
    }

    /// <summary>
    /// 1 x (2 vectors) tile, a vector-matrix product (a Dense layer at batch 1): four steps at a time into four
    /// accumulator pairs, eight independent chains where a plain loop would wait on every multiply-add.
    /// </summary>
    private static void OneRowTile<TVector, TLanes>(int kc, float* a, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var w = default(TLanes).Count;
        if (rowAddresses != null)
        {
            a = rowAddresses[0];
        }
        TVector s0, t0;
        if (add)
        {
            s0 = default(TLanes).Load(c);
            t0 = default(TLanes).Load(c + w);
        }
        else
        {
            s0 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias);
            t0 = bias == null ? default(TLanes).Broadcast(0f) : default(TLanes).Load(bias + w);
        }
        TVector s1 = default(TLanes).Broadcast(0f), t1 = s1, s2 = s1, t2 = s1, s3 = s1, t3 = s1;
        var b = panel;
        var p = 0;
        if (stepOffsets == null)
        {
            nint step = aStepStride;
            var x0 = a;
            for (; p + 4 <= kc; p += 4)
            {
                var x = default(TLanes).Broadcast(x0[0]);
                s0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b), s0); t0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + w), t0);
                x = default(TLanes).Broadcast(x0[step]);
                s1 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 2 * w), s1); t1 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 3 * w), t1);
                x = default(TLanes).Broadcast(x0[2 * step]);
                s2 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 4 * w), s2); t2 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 5 * w), t2);
                x = default(TLanes).Broadcast(x0[3 * step]);
                s3 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 6 * w), s3); t3 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 7 * w), t3);
                x0 += 4 * step;
                b += 8 * w;
            }
            for (; p < kc; p++)
            {
                var x = default(TLanes).Broadcast(x0[0]);
                s0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b), s0); t0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + w), t0);
                x0 += step;
                b += 2 * w;
            }
        }
        else
        {
            for (; p + 4 <= kc; p += 4)
            {
                var x = default(TLanes).Broadcast(a[stepOffsets[p]]);
                s0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b), s0); t0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + w), t0);
                x = default(TLanes).Broadcast(a[stepOffsets[p + 1]]);
                s1 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 2 * w), s1); t1 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 3 * w), t1);
                x = default(TLanes).Broadcast(a[stepOffsets[p + 2]]);
                s2 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 4 * w), s2); t2 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 5 * w), t2);
                x = default(TLanes).Broadcast(a[stepOffsets[p + 3]]);
                s3 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 6 * w), s3); t3 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + 7 * w), t3);
                b += 8 * w;
            }
            for (; p < kc; p++)
            {
                var x = default(TLanes).Broadcast(a[stepOffsets[p]]);
                s0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b), s0); t0 = default(TLanes).MultiplyAdd(x, default(TLanes).Load(b + w), t0);
                b += 2 * w;
            }
        }
        s0 = default(TLanes).Add(default(TLanes).Add(s0, s1), default(TLanes).Add(s2, s3));
        t0 = default(TLanes).Add(default(TLanes).Add(t0, t1), default(TLanes).Add(t2, t3));
        if (relu)
        {
            var zero = default(TLanes).Broadcast(0f);
            s0 = default(TLanes).Max(s0, zero);
            t0 = default(TLanes).Max(t0, zero);
        }
        default(TLanes).Store(s0, c);
        default(TLanes).Store(t0, c + w);
    }

    /// <summary>Scalar tile for machines without accelerated vectors (no 64-bit .NET target: x64 and ARM64 always have 128 bits): same packing, plain loops.</summary>
    private static void TileScalar(int nr, int rows, int kc, float* a, int aRowStride, int aStepStride, int* stepOffsets, float** rowAddresses, float* panel, float* bias, bool add, bool relu, float* c, int ldc)
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
            var aRow = rowAddresses == null ? a + (long)r * aRowStride : rowAddresses[r];
            for (var p = 0; p < kc; p++)
            {
                var x = stepOffsets == null ? aRow[(long)p * aStepStride] : aRow[stepOffsets[p]];
                var b = panel + (long)p * nr;
                for (var j = 0; j < nr; j++)
                {
                    row[j] += x * b[j];
                }
            }
            if (relu)
            {
                for (var j = 0; j < nr; j++)
                {
                    row[j] = Math.Max(row[j], 0f);
                }
            }
        }
    }
}
