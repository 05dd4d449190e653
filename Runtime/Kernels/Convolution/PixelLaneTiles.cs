using System.Runtime.CompilerServices;
using Generated.Kernels.Simd;

namespace Generated.Kernels.Convolution;

/// <summary>
/// Micro-kernels with output pixels along the vector lanes (see <see cref="PlanarLayout"/>), for
/// convolutions with few output channels: a tile keeps TR channels x TC vectors of pixels (forward) or
/// TP taps x TR channels (kernel gradient) in registers. TR, TC and TP are type parameters, so each
/// shape is its own compiled loop and the accumulators a shape does not use do not exist. Tiles hold
/// at most 16 accumulators: up to 4 channels with 4 vectors (or 4 taps), up to 8 channels with 2.
/// </summary>
internal static unsafe class PixelLaneTiles
{
    /// <summary>Vectors of pixels per forward tile (or taps per kernel-gradient tile) for <paramref name="rows"/> channels.</summary>
    public static int Depth(int rows) => rows <= 4 ? 4 : 2;

    /// <summary>Most channels one tile handles.</summary>
    public const int MaxRows = 8;

    /// <summary>
    /// Forward: <c>ct[r][lane] = bias[r] + sum over p of weights[p*weightStride + r] * planar[offsets[p] + lane]</c>
    /// for TR channels r and every lane below <paramref name="paddedLanes"/> (a multiple of 4 vectors);
    /// <paramref name="ct"/> rows are <paramref name="ldct"/> floats apart.
    /// </summary>
    public static void Forward<TL, TV, TR, TC>(int k, int paddedLanes, float* planar, int* offsets, float* weights, int weightStride, float* bias, float* ct, int ldct)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TR : struct, IConstant
        where TC : struct, IConstant
    {
        var step = default(TC).Value * default(TL).Count;
        for (var lane = 0; lane < paddedLanes; lane += step)
        {
            ForwardTile<TL, TV, TR, TC>(k, planar + lane, offsets, weights, weightStride, bias, ct + lane, ldct);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardTile<TL, TV, TR, TC>(int k, float* planar, int* offsets, float* weights, int weightStride, float* bias, float* ct, int ldct)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TR : struct, IConstant
        where TC : struct, IConstant
    {
        var n = default(TL).Count;
        TV c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c02, c03, c12, c13, c22, c23, c32, c33;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c02 = c03 = c12 = c13 = c22 = c23 = c32 = c33 = default;
        var b0 = default(TL).Broadcast(bias == null ? 0f : bias[0]);
        c00 = b0; c01 = b0;
        if (default(TC).Value == 4)
        {
            c02 = b0; c03 = b0;
        }
        if (default(TR).Value > 1)
        {
            var b1 = default(TL).Broadcast(bias == null ? 0f : bias[1]);
            c10 = b1; c11 = b1;
            if (default(TC).Value == 4)
            {
                c12 = b1; c13 = b1;
            }
        }
        if (default(TR).Value > 2)
        {
            var b2 = default(TL).Broadcast(bias == null ? 0f : bias[2]);
            c20 = b2; c21 = b2;
            if (default(TC).Value == 4)
            {
                c22 = b2; c23 = b2;
            }
        }
        if (default(TR).Value > 3)
        {
            var b3 = default(TL).Broadcast(bias == null ? 0f : bias[3]);
            c30 = b3; c31 = b3;
            if (default(TC).Value == 4)
            {
                c32 = b3; c33 = b3;
            }
        }
        if (default(TR).Value > 4)
        {
            var b4 = default(TL).Broadcast(bias == null ? 0f : bias[4]);
            c40 = b4; c41 = b4;
        }
        if (default(TR).Value > 5)
        {
            var b5 = default(TL).Broadcast(bias == null ? 0f : bias[5]);
            c50 = b5; c51 = b5;
        }
        if (default(TR).Value > 6)
        {
            var b6 = default(TL).Broadcast(bias == null ? 0f : bias[6]);
            c60 = b6; c61 = b6;
        }
        if (default(TR).Value > 7)
        {
            var b7 = default(TL).Broadcast(bias == null ? 0f : bias[7]);
            c70 = b7; c71 = b7;
        }
        for (var p = 0; p < k; p++)
        {
            var source = planar + offsets[p];
            var x0 = default(TL).Load(source);
            var x1 = default(TL).Load(source + n);
            TV x2 = default, x3 = default;
            if (default(TC).Value == 4)
            {
                x2 = default(TL).Load(source + 2 * n);
                x3 = default(TL).Load(source + 3 * n);
            }
            var w = weights + (long)p * weightStride;
            var w0 = default(TL).Broadcast(w[0]);
            c00 = default(TL).MultiplyAdd(w0, x0, c00);
            c01 = default(TL).MultiplyAdd(w0, x1, c01);
            if (default(TC).Value == 4)
            {
                c02 = default(TL).MultiplyAdd(w0, x2, c02);
                c03 = default(TL).MultiplyAdd(w0, x3, c03);
            }
            if (default(TR).Value > 1)
            {
                var w1 = default(TL).Broadcast(w[1]);
                c10 = default(TL).MultiplyAdd(w1, x0, c10);
                c11 = default(TL).MultiplyAdd(w1, x1, c11);
                if (default(TC).Value == 4)
                {
                    c12 = default(TL).MultiplyAdd(w1, x2, c12);
                    c13 = default(TL).MultiplyAdd(w1, x3, c13);
                }
            }
            if (default(TR).Value > 2)
            {
                var w2 = default(TL).Broadcast(w[2]);
                c20 = default(TL).MultiplyAdd(w2, x0, c20);
                c21 = default(TL).MultiplyAdd(w2, x1, c21);
                if (default(TC).Value == 4)
                {
                    c22 = default(TL).MultiplyAdd(w2, x2, c22);
                    c23 = default(TL).MultiplyAdd(w2, x3, c23);
                }
            }
            if (default(TR).Value > 3)
            {
                var w3 = default(TL).Broadcast(w[3]);
                c30 = default(TL).MultiplyAdd(w3, x0, c30);
                c31 = default(TL).MultiplyAdd(w3, x1, c31);
                if (default(TC).Value == 4)
                {
                    c32 = default(TL).MultiplyAdd(w3, x2, c32);
                    c33 = default(TL).MultiplyAdd(w3, x3, c33);
                }
            }
            if (default(TR).Value > 4)
            {
                var w4 = default(TL).Broadcast(w[4]);
                c40 = default(TL).MultiplyAdd(w4, x0, c40);
                c41 = default(TL).MultiplyAdd(w4, x1, c41);
            }
            if (default(TR).Value > 5)
            {
                var w5 = default(TL).Broadcast(w[5]);
                c50 = default(TL).MultiplyAdd(w5, x0, c50);
                c51 = default(TL).MultiplyAdd(w5, x1, c51);
            }
            if (default(TR).Value > 6)
            {
                var w6 = default(TL).Broadcast(w[6]);
                c60 = default(TL).MultiplyAdd(w6, x0, c60);
                c61 = default(TL).MultiplyAdd(w6, x1, c61);
            }
            if (default(TR).Value > 7)
            {
                var w7 = default(TL).Broadcast(w[7]);
                c70 = default(TL).MultiplyAdd(w7, x0, c70);
                c71 = default(TL).MultiplyAdd(w7, x1, c71);
            }
        }
        var row0 = ct + (long)0 * ldct;
        default(TL).Store(c00, row0);
        default(TL).Store(c01, row0 + n);
        if (default(TC).Value == 4)
        {
            default(TL).Store(c02, row0 + 2 * n);
            default(TL).Store(c03, row0 + 3 * n);
        }
        if (default(TR).Value > 1)
        {
            var row1 = ct + (long)1 * ldct;
            default(TL).Store(c10, row1);
            default(TL).Store(c11, row1 + n);
            if (default(TC).Value == 4)
            {
                default(TL).Store(c12, row1 + 2 * n);
                default(TL).Store(c13, row1 + 3 * n);
            }
        }
        if (default(TR).Value > 2)
        {
            var row2 = ct + (long)2 * ldct;
            default(TL).Store(c20, row2);
            default(TL).Store(c21, row2 + n);
            if (default(TC).Value == 4)
            {
                default(TL).Store(c22, row2 + 2 * n);
                default(TL).Store(c23, row2 + 3 * n);
            }
        }
        if (default(TR).Value > 3)
        {
            var row3 = ct + (long)3 * ldct;
            default(TL).Store(c30, row3);
            default(TL).Store(c31, row3 + n);
            if (default(TC).Value == 4)
            {
                default(TL).Store(c32, row3 + 2 * n);
                default(TL).Store(c33, row3 + 3 * n);
            }
        }
        if (default(TR).Value > 4)
        {
            var row4 = ct + (long)4 * ldct;
            default(TL).Store(c40, row4);
            default(TL).Store(c41, row4 + n);
        }
        if (default(TR).Value > 5)
        {
            var row5 = ct + (long)5 * ldct;
            default(TL).Store(c50, row5);
            default(TL).Store(c51, row5 + n);
        }
        if (default(TR).Value > 6)
        {
            var row6 = ct + (long)6 * ldct;
            default(TL).Store(c60, row6);
            default(TL).Store(c61, row6 + n);
        }
        if (default(TR).Value > 7)
        {
            var row7 = ct + (long)7 * ldct;
            default(TL).Store(c70, row7);
            default(TL).Store(c71, row7 + n);
        }
    }

    /// <summary>
    /// Kernel gradient: for TP taps i (offsets <paramref name="offsets"/>[i]) and TR channels r, adds
    /// <c>planar[offsets[i] + lane] * gradient[r*ldg + lane]</c> over every lane below <paramref name="paddedLanes"/>
    /// into the vector partial sum at <c>partial + i*tapStride + r*Count</c> (summed across lanes at the very end).
    /// </summary>
    public static void KernelGradient<TL, TV, TR, TP>(int paddedLanes, float* planar, int* offsets, float* gradient, int ldg, float* partial, int tapStride)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TR : struct, IConstant
        where TP : struct, IConstant
    {
        var n = default(TL).Count;
        TV a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a04, a05, a06, a07, a14, a15, a16, a17;
        a00 = a01 = a02 = a03 = a10 = a11 = a12 = a13 = a20 = a21 = a22 = a23 = a30 = a31 = a32 = a33 = a04 = a05 = a06 = a07 = a14 = a15 = a16 = a17 = default;
        a00 = default(TL).Load(partial + 0 * tapStride + 0 * n);
        a10 = default(TL).Load(partial + 1 * tapStride + 0 * n);
        if (default(TR).Value > 1)
        {
            a01 = default(TL).Load(partial + 0 * tapStride + 1 * n);
            a11 = default(TL).Load(partial + 1 * tapStride + 1 * n);
        }
        if (default(TR).Value > 2)
        {
            a02 = default(TL).Load(partial + 0 * tapStride + 2 * n);
            a12 = default(TL).Load(partial + 1 * tapStride + 2 * n);
        }
        if (default(TR).Value > 3)
        {
            a03 = default(TL).Load(partial + 0 * tapStride + 3 * n);
            a13 = default(TL).Load(partial + 1 * tapStride + 3 * n);
        }
        if (default(TP).Value == 4)
        {
            a20 = default(TL).Load(partial + 2 * tapStride + 0 * n);
            a30 = default(TL).Load(partial + 3 * tapStride + 0 * n);
        }
        if (default(TR).Value > 1 && default(TP).Value == 4)
        {
            a21 = default(TL).Load(partial + 2 * tapStride + 1 * n);
            a31 = default(TL).Load(partial + 3 * tapStride + 1 * n);
        }
        if (default(TR).Value > 2 && default(TP).Value == 4)
        {
            a22 = default(TL).Load(partial + 2 * tapStride + 2 * n);
            a32 = default(TL).Load(partial + 3 * tapStride + 2 * n);
        }
        if (default(TR).Value > 3 && default(TP).Value == 4)
        {
            a23 = default(TL).Load(partial + 2 * tapStride + 3 * n);
            a33 = default(TL).Load(partial + 3 * tapStride + 3 * n);
        }
        if (default(TR).Value > 4)
        {
            a04 = default(TL).Load(partial + 0 * tapStride + 4 * n);
            a14 = default(TL).Load(partial + 1 * tapStride + 4 * n);
        }
        if (default(TR).Value > 5)
        {
            a05 = default(TL).Load(partial + 0 * tapStride + 5 * n);
            a15 = default(TL).Load(partial + 1 * tapStride + 5 * n);
        }
        if (default(TR).Value > 6)
        {
            a06 = default(TL).Load(partial + 0 * tapStride + 6 * n);
            a16 = default(TL).Load(partial + 1 * tapStride + 6 * n);
        }
        if (default(TR).Value > 7)
        {
            a07 = default(TL).Load(partial + 0 * tapStride + 7 * n);
            a17 = default(TL).Load(partial + 1 * tapStride + 7 * n);
        }
        var tap0 = planar + offsets[0];
        var tap1 = planar + offsets[1];
        var tap2 = default(TP).Value == 4 ? planar + offsets[2] : planar;
        var tap3 = default(TP).Value == 4 ? planar + offsets[3] : planar;
        for (var lane = 0; lane < paddedLanes; lane += n)
        {
            var x0 = default(TL).Load(tap0 + lane);
            var x1 = default(TL).Load(tap1 + lane);
            TV x2 = default, x3 = default;
            if (default(TP).Value == 4)
            {
                x2 = default(TL).Load(tap2 + lane);
                x3 = default(TL).Load(tap3 + lane);
            }
            var g0 = default(TL).Load(gradient + (long)0 * ldg + lane);
            a00 = default(TL).MultiplyAdd(x0, g0, a00);
            a10 = default(TL).MultiplyAdd(x1, g0, a10);
            if (default(TP).Value == 4)
            {
                a20 = default(TL).MultiplyAdd(x2, g0, a20);
                a30 = default(TL).MultiplyAdd(x3, g0, a30);
            }
            if (default(TR).Value > 1)
            {
                var g1 = default(TL).Load(gradient + (long)1 * ldg + lane);
                a01 = default(TL).MultiplyAdd(x0, g1, a01);
                a11 = default(TL).MultiplyAdd(x1, g1, a11);
                if (default(TP).Value == 4)
                {
                    a21 = default(TL).MultiplyAdd(x2, g1, a21);
                    a31 = default(TL).MultiplyAdd(x3, g1, a31);
                }
            }
            if (default(TR).Value > 2)
            {
                var g2 = default(TL).Load(gradient + (long)2 * ldg + lane);
                a02 = default(TL).MultiplyAdd(x0, g2, a02);
                a12 = default(TL).MultiplyAdd(x1, g2, a12);
                if (default(TP).Value == 4)
                {
                    a22 = default(TL).MultiplyAdd(x2, g2, a22);
                    a32 = default(TL).MultiplyAdd(x3, g2, a32);
                }
            }
            if (default(TR).Value > 3)
            {
                var g3 = default(TL).Load(gradient + (long)3 * ldg + lane);
                a03 = default(TL).MultiplyAdd(x0, g3, a03);
                a13 = default(TL).MultiplyAdd(x1, g3, a13);
                if (default(TP).Value == 4)
                {
                    a23 = default(TL).MultiplyAdd(x2, g3, a23);
                    a33 = default(TL).MultiplyAdd(x3, g3, a33);
                }
            }
            if (default(TR).Value > 4)
            {
                var g4 = default(TL).Load(gradient + (long)4 * ldg + lane);
                a04 = default(TL).MultiplyAdd(x0, g4, a04);
                a14 = default(TL).MultiplyAdd(x1, g4, a14);
            }
            if (default(TR).Value > 5)
            {
                var g5 = default(TL).Load(gradient + (long)5 * ldg + lane);
                a05 = default(TL).MultiplyAdd(x0, g5, a05);
                a15 = default(TL).MultiplyAdd(x1, g5, a15);
            }
            if (default(TR).Value > 6)
            {
                var g6 = default(TL).Load(gradient + (long)6 * ldg + lane);
                a06 = default(TL).MultiplyAdd(x0, g6, a06);
                a16 = default(TL).MultiplyAdd(x1, g6, a16);
            }
            if (default(TR).Value > 7)
            {
                var g7 = default(TL).Load(gradient + (long)7 * ldg + lane);
                a07 = default(TL).MultiplyAdd(x0, g7, a07);
                a17 = default(TL).MultiplyAdd(x1, g7, a17);
            }
        }
        default(TL).Store(a00, partial + 0 * tapStride + 0 * n);
        default(TL).Store(a10, partial + 1 * tapStride + 0 * n);
        if (default(TR).Value > 1)
        {
            default(TL).Store(a01, partial + 0 * tapStride + 1 * n);
            default(TL).Store(a11, partial + 1 * tapStride + 1 * n);
        }
        if (default(TR).Value > 2)
        {
            default(TL).Store(a02, partial + 0 * tapStride + 2 * n);
            default(TL).Store(a12, partial + 1 * tapStride + 2 * n);
        }
        if (default(TR).Value > 3)
        {
            default(TL).Store(a03, partial + 0 * tapStride + 3 * n);
            default(TL).Store(a13, partial + 1 * tapStride + 3 * n);
        }
        if (default(TP).Value == 4)
        {
            default(TL).Store(a20, partial + 2 * tapStride + 0 * n);
            default(TL).Store(a30, partial + 3 * tapStride + 0 * n);
        }
        if (default(TR).Value > 1 && default(TP).Value == 4)
        {
            default(TL).Store(a21, partial + 2 * tapStride + 1 * n);
            default(TL).Store(a31, partial + 3 * tapStride + 1 * n);
        }
        if (default(TR).Value > 2 && default(TP).Value == 4)
        {
            default(TL).Store(a22, partial + 2 * tapStride + 2 * n);
            default(TL).Store(a32, partial + 3 * tapStride + 2 * n);
        }
        if (default(TR).Value > 3 && default(TP).Value == 4)
        {
            default(TL).Store(a23, partial + 2 * tapStride + 3 * n);
            default(TL).Store(a33, partial + 3 * tapStride + 3 * n);
        }
        if (default(TR).Value > 4)
        {
            default(TL).Store(a04, partial + 0 * tapStride + 4 * n);
            default(TL).Store(a14, partial + 1 * tapStride + 4 * n);
        }
        if (default(TR).Value > 5)
        {
            default(TL).Store(a05, partial + 0 * tapStride + 5 * n);
            default(TL).Store(a15, partial + 1 * tapStride + 5 * n);
        }
        if (default(TR).Value > 6)
        {
            default(TL).Store(a06, partial + 0 * tapStride + 6 * n);
            default(TL).Store(a16, partial + 1 * tapStride + 6 * n);
        }
        if (default(TR).Value > 7)
        {
            default(TL).Store(a07, partial + 0 * tapStride + 7 * n);
            default(TL).Store(a17, partial + 1 * tapStride + 7 * n);
        }
    }
}
