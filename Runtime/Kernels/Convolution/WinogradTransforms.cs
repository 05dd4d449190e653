using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Generated.Kernels.Simd;

namespace Generated.Kernels.Convolution;

/// <summary>
/// The three transforms of Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray 2016, "Fast Algorithms for
/// Convolutional Neural Networks"): a 2x2 block of a 3x3 convolution's output is <c>Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A</c>
/// for the 4x4 input tile d under it, which takes 16 multiplies per input channel instead of 36. Summed over input
/// channels, the 16 element-wise products become 16 independent matrix products (tiles x input channels by input
/// channels x output channels), which <see cref="WinogradTiles"/> runs on the GEMM micro-kernel.
/// </summary>
/// <remarks>
/// <code>
/// Bᵀ = | 1  0 -1  0 |    G = | 1    0    0   |    Aᵀ = | 1  1  1  0 |
///      | 0  1  1  0 |        | 1/2  1/2  1/2 |         | 0  1 -1 -1 |
///      | 0 -1  1  0 |        | 1/2 -1/2  1/2 |
///      | 0  1  0 -1 |        | 0    0    1   |
/// </code>
/// Keras' convolution is a correlation (the kernel is not flipped); these matrices compute exactly that:
/// <c>y0 = d0 g0 + d1 g1 + d2 g2</c>, <c>y1 = d1 g0 + d2 g1 + d3 g2</c> in one dimension. The input and output
/// transforms only add and subtract, so they run across channels, one vector of channels at a time; element e = 4i + j
/// of a tile is its row i, column j. Rounding differs from the direct sum (the input transform adds before the
/// products); the error stays within a few units in the last place of the output's magnitude for the unit-scaled
/// activations of a trained network, which the tests bound.
/// </remarks>
internal static unsafe class WinogradTransforms
{
    /// <summary>Elements of a transformed tile (4 x 4): one matrix product each.</summary>
    public const int Elements = 16;

    /// <summary>
    /// <c>U = G g Gᵀ</c> for every (input channel, output channel) pair of an HWIO 3x3 kernel, written straight into 16
    /// input-channels x output-channels matrices in the matrix product's column panels of <paramref name="nr"/> (element
    /// e's matrix at <c>packed + e * packedPlane</c>, zero beyond the last output channel). One input channel at a time,
    /// across its output channels (contiguous in HWIO) with whole-span operations: the training step transforms its
    /// kernels on every call. <paramref name="scratch"/> holds 30 rows of output channels.
    /// </summary>
    public static void TransformKernel(int inputChannels, int outputChannels, float* kernel, int nr, long packedPlane, float* packed, float* scratch)
    {
        var n = outputChannels;
        var panels = (n + nr - 1) / nr;
        Span<float> Temp(int i) => new(scratch + (long)i * n, n);
        ReadOnlySpan<float> Tap(int ci, int tap) => new(kernel + ((long)tap * inputChannels + ci) * n, n);
        for (var ci = 0; ci < inputChannels; ci++)
        {
            // G g: rows r = 0..3 of 3 taps each, Temp(3r + c): g0, (g0 + g1 + g2)/2, (g0 - g1 + g2)/2, g2 down each column c.
            var p = Temp(12);
            var q = Temp(13);
            for (var c = 0; c < 3; c++)
            {
                var g0 = Tap(ci, c);
                var g1 = Tap(ci, 3 + c);
                var g2 = Tap(ci, 6 + c);
                TensorPrimitives.Add(g0, g2, p);
                g0.CopyTo(Temp(c));
                TensorPrimitives.Add(p, g1, q);
                TensorPrimitives.Multiply(q, 0.5f, Temp(3 + c));
                TensorPrimitives.Subtract(p, g1, q);
                TensorPrimitives.Multiply(q, 0.5f, Temp(6 + c));
                g2.CopyTo(Temp(9 + c));
            }
            // Then Gᵀ along each row: element 4r + j into Temp(14 + 4r + j).
            for (var r = 0; r < 4; r++)
            {
                var h0 = Temp(3 * r);
                var h1 = Temp(3 * r + 1);
                var h2 = Temp(3 * r + 2);
                TensorPrimitives.Add(h0, h2, p);
                h0.CopyTo(Temp(14 + 4 * r));
                TensorPrimitives.Add(p, h1, q);
                TensorPrimitives.Multiply(q, 0.5f, Temp(14 + 4 * r + 1));
                TensorPrimitives.Subtract(p, h1, q);
                TensorPrimitives.Multiply(q, 0.5f, Temp(14 + 4 * r + 2));
                h2.CopyTo(Temp(14 + 4 * r + 3));
            }
            for (var e = 0; e < Elements; e++)
            {
                var row = scratch + (long)(14 + e) * n;
                var plane = packed + e * packedPlane;
                for (var t = 0; t < panels; t++)
                {
                    var columns = Math.Min(nr, n - t * nr);
                    var target = plane + (long)t * inputChannels * nr + (long)ci * nr;
                    new ReadOnlySpan<float>(row + t * nr, columns).CopyTo(new Span<float>(target, columns));
                    new Span<float>(target + columns, nr - columns).Clear();
                }
            }
        }
    }

    /// <summary>
    /// <c>V = Bᵀ d B</c> for the <paramref name="channels"/> channels of the 4x4 tile whose top-left input pixel is
    /// <paramref name="tile"/> (rows <paramref name="rowStride"/> floats apart, pixels <paramref name="pixelStride"/>):
    /// element e goes to <c>v[e * planeStride + c]</c>. Channels below <paramref name="vectorChannels"/> (a multiple of
    /// the lanes) go a vector at a time, the rest one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InputTile<TVector, TLanes>(int vectorChannels, int channels, float* tile, long rowStride, int pixelStride, float* v, long planeStride)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var lanes = default(TLanes);
        var w = lanes.Count;
        var c = 0;
        for (; c < vectorChannels; c += w)
        {
            var d = tile + c;
            // Bᵀ d, one column at a time, then each row of that times B.
            var t0 = Columns<TVector, TLanes>(lanes, d, pixelStride, out var t1, out var t2, out var t3, 0, rowStride);
            Store<TVector, TLanes>(lanes, Rows<TVector, TLanes>(lanes, t0, t1, t2, t3, out var r01, out var r02, out var r03), r01, r02, r03, v + c, planeStride, 0);
            t0 = Columns<TVector, TLanes>(lanes, d, pixelStride, out t1, out t2, out t3, 1, rowStride);
            Store<TVector, TLanes>(lanes, Rows<TVector, TLanes>(lanes, t0, t1, t2, t3, out r01, out r02, out r03), r01, r02, r03, v + c, planeStride, 1);
            t0 = Columns<TVector, TLanes>(lanes, d, pixelStride, out t1, out t2, out t3, 2, rowStride);
            Store<TVector, TLanes>(lanes, Rows<TVector, TLanes>(lanes, t0, t1, t2, t3, out r01, out r02, out r03), r01, r02, r03, v + c, planeStride, 2);
            t0 = Columns<TVector, TLanes>(lanes, d, pixelStride, out t1, out t2, out t3, 3, rowStride);
            Store<TVector, TLanes>(lanes, Rows<TVector, TLanes>(lanes, t0, t1, t2, t3, out r01, out r02, out r03), r01, r02, r03, v + c, planeStride, 3);
        }
        for (; c < channels; c++)
        {
            InputTileScalar(tile + c, rowStride, pixelStride, v + c, planeStride);
        }
    }

    /// <summary>
    /// Row <paramref name="row"/> of <c>Bᵀ d</c> (4 pixels): <c>d0 - d2</c>, <c>d1 + d2</c>, <c>d2 - d1</c>,
    /// <c>d1 - d3</c> over the tile's rows, for each of its 4 columns. Returns column 0, the others through outs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Columns<TVector, TLanes>(TLanes lanes, float* d, int pixelStride, out TVector x1, out TVector x2, out TVector x3, int row, long rowStride)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var x0 = Combine<TVector, TLanes>(lanes, d, rowStride, row);
        x1 = Combine<TVector, TLanes>(lanes, d + pixelStride, rowStride, row);
        x2 = Combine<TVector, TLanes>(lanes, d + 2 * pixelStride, rowStride, row);
        x3 = Combine<TVector, TLanes>(lanes, d + 3 * pixelStride, rowStride, row);
        return x0;
    }

    /// <summary>Row <paramref name="row"/> of <c>Bᵀ</c> applied down one column of the tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Combine<TVector, TLanes>(TLanes lanes, float* column, long rowStride, int row)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        return row switch
        {
            0 => lanes.Subtract(lanes.Load(column), lanes.Load(column + 2 * rowStride)),
            1 => lanes.Add(lanes.Load(column + rowStride), lanes.Load(column + 2 * rowStride)),
            2 => lanes.Subtract(lanes.Load(column + 2 * rowStride), lanes.Load(column + rowStride)),
            _ => lanes.Subtract(lanes.Load(column + rowStride), lanes.Load(column + 3 * rowStride)),
        };
    }

    /// <summary>One row of <c>Bᵀ d</c> times B: <c>t0 - t2</c>, <c>t1 + t2</c>, <c>t2 - t1</c>, <c>t1 - t3</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Rows<TVector, TLanes>(TLanes lanes, TVector t0, TVector t1, TVector t2, TVector t3, out TVector v1, out TVector v2, out TVector v3)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        v1 = lanes.Add(t1, t2);
        v2 = lanes.Subtract(t2, t1);
        v3 = lanes.Subtract(t1, t3);
        return lanes.Subtract(t0, t2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector, TLanes>(TLanes lanes, TVector v0, TVector v1, TVector v2, TVector v3, float* v, long planeStride, int row)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var e = 4 * row;
        lanes.Store(v0, v + e * planeStride);
        lanes.Store(v1, v + (e + 1) * planeStride);
        lanes.Store(v2, v + (e + 2) * planeStride);
        lanes.Store(v3, v + (e + 3) * planeStride);
    }

    /// <summary><see cref="InputTile"/> for one channel.</summary>
    private static void InputTileScalar(float* d, long rowStride, int pixelStride, float* v, long planeStride)
    {
        var t = stackalloc float[16];
        for (var j = 0; j < 4; j++)
        {
            var column = d + j * pixelStride;
            var d0 = column[0];
            var d1 = column[rowStride];
            var d2 = column[2 * rowStride];
            var d3 = column[3 * rowStride];
            t[j] = d0 - d2;
            t[4 + j] = d1 + d2;
            t[8 + j] = d2 - d1;
            t[12 + j] = d1 - d3;
        }
        for (var i = 0; i < 4; i++)
        {
            var row = t + 4 * i;
            v[(4 * i) * planeStride] = row[0] - row[2];
            v[(4 * i + 1) * planeStride] = row[1] + row[2];
            v[(4 * i + 2) * planeStride] = row[2] - row[1];
            v[(4 * i + 3) * planeStride] = row[1] - row[3];
        }
    }

    /// <summary>
    /// <c>Y = Aᵀ M A</c> plus the bias for the <paramref name="channels"/> channels of one tile (vectors below
    /// <paramref name="vectorChannels"/>, as in <see cref="InputTile"/>), whose 16 products are at <c>m[e * planeStride + c]</c>: the 2x2 outputs go to <paramref name="y00"/>, <paramref name="y01"/>,
    /// <paramref name="y10"/>, <paramref name="y11"/> (row, column; pass the same destination twice for outputs
    /// beyond the map: the valid one is written last), or with <paramref name="pool"/> their maximum to
    /// <paramref name="y00"/>. With <paramref name="relu"/> each stored value is <c>max(value, 0)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputTile<TVector, TLanes>(int vectorChannels, int channels, float* m, long planeStride, float* bias, bool relu, bool pool, float* y00, float* y01, float* y10, float* y11)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var lanes = default(TLanes);
        var w = lanes.Count;
        var zero = lanes.Broadcast(0f);
        var c = 0;
        for (; c < vectorChannels; c += w)
        {
            var p = m + c;
            // Aᵀ M: s0 = M0 + M1 + M2 and s1 = M1 - M2 - M3 down each of the 4 columns, then each row times A.
            var a0 = Column<TVector, TLanes>(lanes, p, planeStride, 0, out var b0);
            var a1 = Column<TVector, TLanes>(lanes, p, planeStride, 1, out var b1);
            var a2 = Column<TVector, TLanes>(lanes, p, planeStride, 2, out var b2);
            var a3 = Column<TVector, TLanes>(lanes, p, planeStride, 3, out var b3);
            var beta = bias == null ? zero : lanes.Load(bias + c);
            var o00 = lanes.Add(lanes.Add(lanes.Add(a0, a1), a2), beta);
            var o01 = lanes.Add(lanes.Subtract(lanes.Subtract(a1, a2), a3), beta);
            var o10 = lanes.Add(lanes.Add(lanes.Add(b0, b1), b2), beta);
            var o11 = lanes.Add(lanes.Subtract(lanes.Subtract(b1, b2), b3), beta);
            if (pool)
            {
                var top = lanes.Max(lanes.Max(o00, o01), lanes.Max(o10, o11));
                lanes.Store(relu ? lanes.Max(top, zero) : top, y00 + c);
                continue;
            }
            if (relu)
            {
                o00 = lanes.Max(o00, zero);
                o01 = lanes.Max(o01, zero);
                o10 = lanes.Max(o10, zero);
                o11 = lanes.Max(o11, zero);
            }
            // Stored last to first, so a destination shared with an output beyond the map ends with the valid value.
            lanes.Store(o11, y11 + c);
            lanes.Store(o10, y10 + c);
            lanes.Store(o01, y01 + c);
            lanes.Store(o00, y00 + c);
        }
        for (; c < channels; c++)
        {
            OutputTileScalar(m + c, planeStride, bias == null ? 0f : bias[c], relu, pool, y00 + c, y01 + c, y10 + c, y11 + c);
        }
    }

    /// <summary>
    /// <c>dM = A dY Aᵀ</c>, the output transform's adjoint, for the channels of one tile of the output gradient (its 2x2
    /// values at <paramref name="y00"/>, <paramref name="y01"/>, <paramref name="y10"/>, <paramref name="y11"/>; pass a
    /// zero row for values beyond the map): element e goes to <c>dm[e * planeStride + c]</c>. The kernel gradient's
    /// right-hand operand: <c>dU_e = V_eᵀ dM_e</c> summed over tiles, then <c>dg = Gᵀ dU G</c>.
    /// </summary>
    public static void GradientTile<TVector, TLanes>(int vectorChannels, int channels, float* y00, float* y01, float* y10, float* y11, float* dm, long planeStride)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var lanes = default(TLanes);
        var w = lanes.Count;
        var zero = lanes.Broadcast(0f);
        var c = 0;
        for (; c < vectorChannels; c += w)
        {
            var a = lanes.Load(y00 + c);
            var b = lanes.Load(y01 + c);
            var d = lanes.Load(y10 + c);
            var f = lanes.Load(y11 + c);
            // A down each column: (y0, y0 + y1, y0 - y1, -y1); then A along each of the 4 rows.
            GradientRow<TVector, TLanes>(lanes, a, b, dm + c, planeStride, 0);
            GradientRow<TVector, TLanes>(lanes, lanes.Add(a, d), lanes.Add(b, f), dm + c, planeStride, 1);
            GradientRow<TVector, TLanes>(lanes, lanes.Subtract(a, d), lanes.Subtract(b, f), dm + c, planeStride, 2);
            GradientRow<TVector, TLanes>(lanes, lanes.Subtract(zero, d), lanes.Subtract(zero, f), dm + c, planeStride, 3);
        }
        for (; c < channels; c++)
        {
            float a = y00[c], b = y01[c], d = y10[c], f = y11[c];
            GradientRowScalar(a, b, dm + c, planeStride, 0);
            GradientRowScalar(a + d, b + f, dm + c, planeStride, 1);
            GradientRowScalar(a - d, b - f, dm + c, planeStride, 2);
            GradientRowScalar(-d, -f, dm + c, planeStride, 3);
        }
    }

    /// <summary>Row <paramref name="row"/> of <c>dM</c> from its two values: <c>(t0, t0 + t1, t0 - t1, -t1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientRow<TVector, TLanes>(TLanes lanes, TVector t0, TVector t1, float* dm, long planeStride, int row)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var e = 4 * row;
        lanes.Store(t0, dm + e * planeStride);
        lanes.Store(lanes.Add(t0, t1), dm + (e + 1) * planeStride);
        lanes.Store(lanes.Subtract(t0, t1), dm + (e + 2) * planeStride);
        lanes.Store(lanes.Subtract(lanes.Broadcast(0f), t1), dm + (e + 3) * planeStride);
    }

    private static void GradientRowScalar(float t0, float t1, float* dm, long planeStride, int row)
    {
        var e = 4 * row;
        dm[e * planeStride] = t0;
        dm[(e + 1) * planeStride] = t0 + t1;
        dm[(e + 2) * planeStride] = t0 - t1;
        dm[(e + 3) * planeStride] = -t1;
    }

    /// <summary>
    /// <c>dg += Gᵀ dU G</c> for input channel <paramref name="ci"/>: <paramref name="du"/> holds the 16 input-channels x
    /// output-channels sums (element e's at <c>du + e * cin * cout</c>), <paramref name="kernelGradient"/> is HWIO;
    /// <paramref name="scratch"/> holds 14 rows of output channels.
    /// </summary>
    public static void AddKernelGradient(int inputChannels, int outputChannels, int ci, float* du, float* kernelGradient, float* scratch)
    {
        var n = outputChannels;
        var plane = (long)inputChannels * n;
        Span<float> Row(int e) => new(du + e * plane + (long)ci * n, n);
        Span<float> Temp(int i) => new(scratch + (long)i * n, n);
        var p = Temp(12);
        var q = Temp(13);
        // Gᵀ down each column ν of dU: s0 = u0 + (u1 + u2)/2, s1 = (u1 - u2)/2, s2 = (u1 + u2)/2 + u3 (rows kh of s).
        for (var nu = 0; nu < 4; nu++)
        {
            var u0 = Row(nu);
            var u1 = Row(4 + nu);
            var u2 = Row(8 + nu);
            var u3 = Row(12 + nu);
            TensorPrimitives.Add(u1, u2, p);
            TensorPrimitives.Subtract(u1, u2, q);
            TensorPrimitives.MultiplyAdd(p, 0.5f, u0, Temp(nu));
            TensorPrimitives.Multiply(q, 0.5f, Temp(4 + nu));
            TensorPrimitives.MultiplyAdd(p, 0.5f, u3, Temp(8 + nu));
        }
        // Then G along each row kh: the same combination of its 4 columns gives taps kw = 0, 1, 2.
        for (var kh = 0; kh < 3; kh++)
        {
            var t0 = Temp(4 * kh);
            var t1 = Temp(4 * kh + 1);
            var t2 = Temp(4 * kh + 2);
            var t3 = Temp(4 * kh + 3);
            TensorPrimitives.Add(t1, t2, p);
            TensorPrimitives.Subtract(t1, t2, q);
            var tap0 = new Span<float>(kernelGradient + ((long)(3 * kh) * inputChannels + ci) * n, n);
            var tap1 = new Span<float>(kernelGradient + ((long)(3 * kh + 1) * inputChannels + ci) * n, n);
            var tap2 = new Span<float>(kernelGradient + ((long)(3 * kh + 2) * inputChannels + ci) * n, n);
            // tap0 += t0 + p/2; tap1 += q/2; tap2 += p/2 + t3 (into t0, t3 first, which are not read again).
            TensorPrimitives.MultiplyAdd(p, 0.5f, t0, t0);
            TensorPrimitives.Add(tap0, t0, tap0);
            TensorPrimitives.MultiplyAdd(q, 0.5f, tap1, tap1);
            TensorPrimitives.MultiplyAdd(p, 0.5f, t3, t3);
            TensorPrimitives.Add(tap2, t3, tap2);
        }
    }

    /// <summary>Column j of <c>Aᵀ M</c>: row 0 returned, row 1 through <paramref name="second"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Column<TVector, TLanes>(TLanes lanes, float* m, long planeStride, int j, out TVector second)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        var m0 = lanes.Load(m + j * planeStride);
        var m1 = lanes.Load(m + (4 + j) * planeStride);
        var m2 = lanes.Load(m + (8 + j) * planeStride);
        var m3 = lanes.Load(m + (12 + j) * planeStride);
        second = lanes.Subtract(lanes.Subtract(m1, m2), m3);
        return lanes.Add(lanes.Add(m0, m1), m2);
    }

    /// <summary><see cref="OutputTile"/> for one channel.</summary>
    private static void OutputTileScalar(float* m, long planeStride, float bias, bool relu, bool pool, float* y00, float* y01, float* y10, float* y11)
    {
        var a = stackalloc float[4];
        var b = stackalloc float[4];
        for (var j = 0; j < 4; j++)
        {
            var m0 = m[j * planeStride];
            var m1 = m[(4 + j) * planeStride];
            var m2 = m[(8 + j) * planeStride];
            var m3 = m[(12 + j) * planeStride];
            a[j] = m0 + m1 + m2;
            b[j] = m1 - m2 - m3;
        }
        var o00 = a[0] + a[1] + a[2] + bias;
        var o01 = a[1] - a[2] - a[3] + bias;
        var o10 = b[0] + b[1] + b[2] + bias;
        var o11 = b[1] - b[2] - b[3] + bias;
        if (pool)
        {
            var top = MathF.Max(MathF.Max(o00, o01), MathF.Max(o10, o11));
            *y00 = relu ? MathF.Max(top, 0f) : top;
            return;
        }
        *y11 = relu ? MathF.Max(o11, 0f) : o11;
        *y10 = relu ? MathF.Max(o10, 0f) : o10;
        *y01 = relu ? MathF.Max(o01, 0f) : o01;
        *y00 = relu ? MathF.Max(o00, 0f) : o00;
    }
}
