using System.Runtime.CompilerServices;
using Generated.Kernels.Simd;

namespace Generated.Kernels.Convolution;

/// <summary>
/// The register tile of <see cref="DirectBlocks"/>: TR x TC output pixels (TR rows, TC columns of the output map) times
/// TN vectors of output channels, all in registers for the whole reduction, each tap's input value broadcast from the
/// input itself (no im2col, no packing of the input). TP = <see cref="Two"/> takes the 2x2 max pool in the store: each
/// 2x2 group of the tile's pixels is reduced to one pooled value before bias and activation, so the unpooled map is
/// never written. TR, TC, TN and TP are type parameters, so every shape is its own loop and the accumulators a shape
/// does not use do not exist. Shapes hold at most 16 accumulators (4x4 pixels x 1 vector, 2x4 x 2, 1x4 or 2x2 x 4).
/// </summary>
internal static unsafe class DirectTiles
{
    /// <summary>
    /// One tile: <c>acc[r][c][v] = sum over p of x[r*rowStride + c*colStride + offsets[p]] * w[p*wStride + v*lanes]</c>,
    /// then bias (padded, may be null), ReLU when <paramref name="relu"/>, and a store of <paramref name="channels"/> floats
    /// per pixel (or per pooled window) at <c>y + row*yRowStride + column*yColStride</c>; <paramref name="spill"/> holds
    /// 4 vectors for a block narrower than TN vectors.
    /// </summary>
    public static void Tile<TL, TV, TR, TC, TN, TP>(int k, int* offsets, float* x, int rowStride, int colStride, float* w, int wStride,
        float* bias, bool relu, float* y, int yRowStride, int yColStride, int channels, float* spill)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TR : struct, IConstant
        where TC : struct, IConstant
        where TN : struct, IConstant
        where TP : struct, IConstant
    {
        var n = default(TL).Count;
        TV a000, a001, a002, a003, a010, a011, a012, a013, a020, a021, a022, a023, a030, a031, a032, a033, a100, a101, a102, a103, a110, a111, a112, a113, a120, a121, a122, a123, a130, a131, a132, a133, a200, a201, a202, a203, a210, a211, a212, a213, a220, a221, a222, a223, a230, a231, a232, a233, a300, a301, a302, a303, a310, a311, a312, a313, a320, a321, a322, a323, a330, a331, a332, a333;
        a000 = a001 = a002 = a003 = a010 = a011 = a012 = a013 = a020 = a021 = a022 = a023 = a030 = a031 = a032 = a033 = a100 = a101 = a102 = a103 = a110 = a111 = a112 = a113 = a120 = a121 = a122 = a123 = a130 = a131 = a132 = a133 = a200 = a201 = a202 = a203 = a210 = a211 = a212 = a213 = a220 = a221 = a222 = a223 = a230 = a231 = a232 = a233 = a300 = a301 = a302 = a303 = a310 = a311 = a312 = a313 = a320 = a321 = a322 = a323 = a330 = a331 = a332 = a333 = default;
        var x0 = x;
        var x1 = x + rowStride;
        var x2 = x + 2 * rowStride;
        var x3 = x + 3 * rowStride;
        var c1 = colStride;
        var c2 = 2 * colStride;
        var c3 = 3 * colStride;
        for (var p = 0; p < k; p++)
        {
            var o = offsets[p];
            var wp = w + (long)p * wStride;
            var w0 = default(TL).Load(wp);
            TV w1 = default, w2 = default, w3 = default;
            if (default(TN).Value > 1)
            {
                w1 = default(TL).Load(wp + n);
            }
            if (default(TN).Value > 2)
            {
                w2 = default(TL).Load(wp + 2 * n);
            }
            if (default(TN).Value > 3)
            {
                w3 = default(TL).Load(wp + 3 * n);
            }
            {
                var b = default(TL).Broadcast(x0[o]);
                a000 = default(TL).MultiplyAdd(b, w0, a000);
                if (default(TN).Value > 1)
                {
                    a001 = default(TL).MultiplyAdd(b, w1, a001);
                }
                if (default(TN).Value > 2)
                {
                    a002 = default(TL).MultiplyAdd(b, w2, a002);
                }
                if (default(TN).Value > 3)
                {
                    a003 = default(TL).MultiplyAdd(b, w3, a003);
                }
            }
            if (default(TC).Value > 1)
            {
                var b = default(TL).Broadcast(x0[o + c1]);
                a010 = default(TL).MultiplyAdd(b, w0, a010);
                if (default(TN).Value > 1)
                {
                    a011 = default(TL).MultiplyAdd(b, w1, a011);
                }
                if (default(TN).Value > 2)
                {
                    a012 = default(TL).MultiplyAdd(b, w2, a012);
                }
                if (default(TN).Value > 3)
                {
                    a013 = default(TL).MultiplyAdd(b, w3, a013);
                }
            }
            if (default(TC).Value > 2)
            {
                var b = default(TL).Broadcast(x0[o + c2]);
                a020 = default(TL).MultiplyAdd(b, w0, a020);
                if (default(TN).Value > 1)
                {
                    a021 = default(TL).MultiplyAdd(b, w1, a021);
                }
                if (default(TN).Value > 2)
                {
                    a022 = default(TL).MultiplyAdd(b, w2, a022);
                }
                if (default(TN).Value > 3)
                {
                    a023 = default(TL).MultiplyAdd(b, w3, a023);
                }
            }
            if (default(TC).Value > 3)
            {
                var b = default(TL).Broadcast(x0[o + c3]);
                a030 = default(TL).MultiplyAdd(b, w0, a030);
                if (default(TN).Value > 1)
                {
                    a031 = default(TL).MultiplyAdd(b, w1, a031);
                }
                if (default(TN).Value > 2)
                {
                    a032 = default(TL).MultiplyAdd(b, w2, a032);
                }
                if (default(TN).Value > 3)
                {
                    a033 = default(TL).MultiplyAdd(b, w3, a033);
                }
            }
            if (default(TR).Value > 1)
            {
                var b = default(TL).Broadcast(x1[o]);
                a100 = default(TL).MultiplyAdd(b, w0, a100);
                if (default(TN).Value > 1)
                {
                    a101 = default(TL).MultiplyAdd(b, w1, a101);
                }
                if (default(TN).Value > 2)
                {
                    a102 = default(TL).MultiplyAdd(b, w2, a102);
                }
                if (default(TN).Value > 3)
                {
                    a103 = default(TL).MultiplyAdd(b, w3, a103);
                }
            }
            if (default(TR).Value > 1 && default(TC).Value > 1)
            {
                var b = default(TL).Broadcast(x1[o + c1]);
                a110 = default(TL).MultiplyAdd(b, w0, a110);
                if (default(TN).Value > 1)
                {
                    a111 = default(TL).MultiplyAdd(b, w1, a111);
                }
                if (default(TN).Value > 2)
                {
                    a112 = default(TL).MultiplyAdd(b, w2, a112);
                }
                if (default(TN).Value > 3)
                {
                    a113 = default(TL).MultiplyAdd(b, w3, a113);
                }
            }
            if (default(TR).Value > 1 && default(TC).Value > 2)
            {
                var b = default(TL).Broadcast(x1[o + c2]);
                a120 = default(TL).MultiplyAdd(b, w0, a120);
                if (default(TN).Value > 1)
                {
                    a121 = default(TL).MultiplyAdd(b, w1, a121);
                }
                if (default(TN).Value > 2)
                {
                    a122 = default(TL).MultiplyAdd(b, w2, a122);
                }
                if (default(TN).Value > 3)
                {
                    a123 = default(TL).MultiplyAdd(b, w3, a123);
                }
            }
            if (default(TR).Value > 1 && default(TC).Value > 3)
            {
                var b = default(TL).Broadcast(x1[o + c3]);
                a130 = default(TL).MultiplyAdd(b, w0, a130);
                if (default(TN).Value > 1)
                {
                    a131 = default(TL).MultiplyAdd(b, w1, a131);
                }
                if (default(TN).Value > 2)
                {
                    a132 = default(TL).MultiplyAdd(b, w2, a132);
                }
                if (default(TN).Value > 3)
                {
                    a133 = default(TL).MultiplyAdd(b, w3, a133);
                }
            }
            if (default(TR).Value > 2)
            {
                var b = default(TL).Broadcast(x2[o]);
                a200 = default(TL).MultiplyAdd(b, w0, a200);
                if (default(TN).Value > 1)
                {
                    a201 = default(TL).MultiplyAdd(b, w1, a201);
                }
                if (default(TN).Value > 2)
                {
                    a202 = default(TL).MultiplyAdd(b, w2, a202);
                }
                if (default(TN).Value > 3)
                {
                    a203 = default(TL).MultiplyAdd(b, w3, a203);
                }
            }
            if (default(TR).Value > 2 && default(TC).Value > 1)
            {
                var b = default(TL).Broadcast(x2[o + c1]);
                a210 = default(TL).MultiplyAdd(b, w0, a210);
                if (default(TN).Value > 1)
                {
                    a211 = default(TL).MultiplyAdd(b, w1, a211);
                }
                if (default(TN).Value > 2)
                {
                    a212 = default(TL).MultiplyAdd(b, w2, a212);
                }
                if (default(TN).Value > 3)
                {
                    a213 = default(TL).MultiplyAdd(b, w3, a213);
                }
            }
            if (default(TR).Value > 2 && default(TC).Value > 2)
            {
                var b = default(TL).Broadcast(x2[o + c2]);
                a220 = default(TL).MultiplyAdd(b, w0, a220);
                if (default(TN).Value > 1)
                {
                    a221 = default(TL).MultiplyAdd(b, w1, a221);
                }
                if (default(TN).Value > 2)
                {
                    a222 = default(TL).MultiplyAdd(b, w2, a222);
                }
                if (default(TN).Value > 3)
                {
                    a223 = default(TL).MultiplyAdd(b, w3, a223);
                }
            }
            if (default(TR).Value > 2 && default(TC).Value > 3)
            {
                var b = default(TL).Broadcast(x2[o + c3]);
                a230 = default(TL).MultiplyAdd(b, w0, a230);
                if (default(TN).Value > 1)
                {
                    a231 = default(TL).MultiplyAdd(b, w1, a231);
                }
                if (default(TN).Value > 2)
                {
                    a232 = default(TL).MultiplyAdd(b, w2, a232);
                }
                if (default(TN).Value > 3)
                {
                    a233 = default(TL).MultiplyAdd(b, w3, a233);
                }
            }
            if (default(TR).Value > 3)
            {
                var b = default(TL).Broadcast(x3[o]);
                a300 = default(TL).MultiplyAdd(b, w0, a300);
                if (default(TN).Value > 1)
                {
                    a301 = default(TL).MultiplyAdd(b, w1, a301);
                }
                if (default(TN).Value > 2)
                {
                    a302 = default(TL).MultiplyAdd(b, w2, a302);
                }
                if (default(TN).Value > 3)
                {
                    a303 = default(TL).MultiplyAdd(b, w3, a303);
                }
            }
            if (default(TR).Value > 3 && default(TC).Value > 1)
            {
                var b = default(TL).Broadcast(x3[o + c1]);
                a310 = default(TL).MultiplyAdd(b, w0, a310);
                if (default(TN).Value > 1)
                {
                    a311 = default(TL).MultiplyAdd(b, w1, a311);
                }
                if (default(TN).Value > 2)
                {
                    a312 = default(TL).MultiplyAdd(b, w2, a312);
                }
                if (default(TN).Value > 3)
                {
                    a313 = default(TL).MultiplyAdd(b, w3, a313);
                }
            }
            if (default(TR).Value > 3 && default(TC).Value > 2)
            {
                var b = default(TL).Broadcast(x3[o + c2]);
                a320 = default(TL).MultiplyAdd(b, w0, a320);
                if (default(TN).Value > 1)
                {
                    a321 = default(TL).MultiplyAdd(b, w1, a321);
                }
                if (default(TN).Value > 2)
                {
                    a322 = default(TL).MultiplyAdd(b, w2, a322);
                }
                if (default(TN).Value > 3)
                {
                    a323 = default(TL).MultiplyAdd(b, w3, a323);
                }
            }
            if (default(TR).Value > 3 && default(TC).Value > 3)
            {
                var b = default(TL).Broadcast(x3[o + c3]);
                a330 = default(TL).MultiplyAdd(b, w0, a330);
                if (default(TN).Value > 1)
                {
                    a331 = default(TL).MultiplyAdd(b, w1, a331);
                }
                if (default(TN).Value > 2)
                {
                    a332 = default(TL).MultiplyAdd(b, w2, a332);
                }
                if (default(TN).Value > 3)
                {
                    a333 = default(TL).MultiplyAdd(b, w3, a333);
                }
            }
        }
        var zero = default(TL).Broadcast(0f);
        TV b0 = zero, b1 = zero, b2 = zero, b3 = zero;
        if (bias != null)
        {
            b0 = default(TL).Load(bias);
            if (default(TN).Value > 1)
            {
                b1 = default(TL).Load(bias + n);
            }
            if (default(TN).Value > 2)
            {
                b2 = default(TL).Load(bias + 2 * n);
            }
            if (default(TN).Value > 3)
            {
                b3 = default(TL).Load(bias + 3 * n);
            }
        }
        if (default(TP).Value == 1)
        {
            {
                Put<TL, TV, TN>(a000, a001, a002, a003, b0, b1, b2, b3, relu, y + 0 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TC).Value > 1)
            {
                Put<TL, TV, TN>(a010, a011, a012, a013, b0, b1, b2, b3, relu, y + 0 * yRowStride + 1 * yColStride, channels, spill);
            }
            if (default(TC).Value > 2)
            {
                Put<TL, TV, TN>(a020, a021, a022, a023, b0, b1, b2, b3, relu, y + 0 * yRowStride + 2 * yColStride, channels, spill);
            }
            if (default(TC).Value > 3)
            {
                Put<TL, TV, TN>(a030, a031, a032, a033, b0, b1, b2, b3, relu, y + 0 * yRowStride + 3 * yColStride, channels, spill);
            }
            if (default(TR).Value > 1)
            {
                Put<TL, TV, TN>(a100, a101, a102, a103, b0, b1, b2, b3, relu, y + 1 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TR).Value > 1 && default(TC).Value > 1)
            {
                Put<TL, TV, TN>(a110, a111, a112, a113, b0, b1, b2, b3, relu, y + 1 * yRowStride + 1 * yColStride, channels, spill);
            }
            if (default(TR).Value > 1 && default(TC).Value > 2)
            {
                Put<TL, TV, TN>(a120, a121, a122, a123, b0, b1, b2, b3, relu, y + 1 * yRowStride + 2 * yColStride, channels, spill);
            }
            if (default(TR).Value > 1 && default(TC).Value > 3)
            {
                Put<TL, TV, TN>(a130, a131, a132, a133, b0, b1, b2, b3, relu, y + 1 * yRowStride + 3 * yColStride, channels, spill);
            }
            if (default(TR).Value > 2)
            {
                Put<TL, TV, TN>(a200, a201, a202, a203, b0, b1, b2, b3, relu, y + 2 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TR).Value > 2 && default(TC).Value > 1)
            {
                Put<TL, TV, TN>(a210, a211, a212, a213, b0, b1, b2, b3, relu, y + 2 * yRowStride + 1 * yColStride, channels, spill);
            }
            if (default(TR).Value > 2 && default(TC).Value > 2)
            {
                Put<TL, TV, TN>(a220, a221, a222, a223, b0, b1, b2, b3, relu, y + 2 * yRowStride + 2 * yColStride, channels, spill);
            }
            if (default(TR).Value > 2 && default(TC).Value > 3)
            {
                Put<TL, TV, TN>(a230, a231, a232, a233, b0, b1, b2, b3, relu, y + 2 * yRowStride + 3 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3)
            {
                Put<TL, TV, TN>(a300, a301, a302, a303, b0, b1, b2, b3, relu, y + 3 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3 && default(TC).Value > 1)
            {
                Put<TL, TV, TN>(a310, a311, a312, a313, b0, b1, b2, b3, relu, y + 3 * yRowStride + 1 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3 && default(TC).Value > 2)
            {
                Put<TL, TV, TN>(a320, a321, a322, a323, b0, b1, b2, b3, relu, y + 3 * yRowStride + 2 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3 && default(TC).Value > 3)
            {
                Put<TL, TV, TN>(a330, a331, a332, a333, b0, b1, b2, b3, relu, y + 3 * yRowStride + 3 * yColStride, channels, spill);
            }
        }
        else
        {
            {
                Put<TL, TV, TN>(Max4<TL, TV>(a000, a010, a100, a110), Max4<TL, TV>(a001, a011, a101, a111), Max4<TL, TV>(a002, a012, a102, a112), Max4<TL, TV>(a003, a013, a103, a113), b0, b1, b2, b3, relu, y + 0 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TC).Value > 3)
            {
                Put<TL, TV, TN>(Max4<TL, TV>(a020, a030, a120, a130), Max4<TL, TV>(a021, a031, a121, a131), Max4<TL, TV>(a022, a032, a122, a132), Max4<TL, TV>(a023, a033, a123, a133), b0, b1, b2, b3, relu, y + 0 * yRowStride + 1 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3)
            {
                Put<TL, TV, TN>(Max4<TL, TV>(a200, a210, a300, a310), Max4<TL, TV>(a201, a211, a301, a311), Max4<TL, TV>(a202, a212, a302, a312), Max4<TL, TV>(a203, a213, a303, a313), b0, b1, b2, b3, relu, y + 1 * yRowStride + 0 * yColStride, channels, spill);
            }
            if (default(TR).Value > 3 && default(TC).Value > 3)
            {
                Put<TL, TV, TN>(Max4<TL, TV>(a220, a230, a320, a330), Max4<TL, TV>(a221, a231, a321, a331), Max4<TL, TV>(a222, a232, a322, a332), Max4<TL, TV>(a223, a233, a323, a333), b0, b1, b2, b3, relu, y + 1 * yRowStride + 1 * yColStride, channels, spill);
            }
        }
    }

    /// <summary>The lane-wise maximum of a 2x2 pooling window's four pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Max4<TL, TV>(TV a, TV b, TV c, TV d)
        where TL : struct, ILanes<TV>
        where TV : struct => default(TL).Max(default(TL).Max(a, b), default(TL).Max(c, d));

    /// <summary>Adds the bias, applies the ReLU when asked, and stores TN vectors, or the first <paramref name="channels"/> floats of them through <paramref name="spill"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TL, TV, TN>(TV v0, TV v1, TV v2, TV v3, TV b0, TV b1, TV b2, TV b3, bool relu, float* destination, int channels, float* spill)
        where TL : struct, ILanes<TV>
        where TV : struct
        where TN : struct, IConstant
    {
        var n = default(TL).Count;
        var zero = default(TL).Broadcast(0f);
        v0 = default(TL).Add(v0, b0);
        v1 = default(TL).Add(v1, b1);
        v2 = default(TL).Add(v2, b2);
        v3 = default(TL).Add(v3, b3);
        if (relu)
        {
            v0 = default(TL).Max(v0, zero);
            v1 = default(TL).Max(v1, zero);
            v2 = default(TL).Max(v2, zero);
            v3 = default(TL).Max(v3, zero);
        }
        var target = channels >= default(TN).Value * n ? destination : spill;
        default(TL).Store(v0, target);
        if (default(TN).Value > 1)
        {
            default(TL).Store(v1, target + n);
        }
        if (default(TN).Value > 2)
        {
            default(TL).Store(v2, target + 2 * n);
        }
        if (default(TN).Value > 3)
        {
            default(TL).Store(v3, target + 3 * n);
        }
        if (target == spill)
        {
            for (var i = 0; i < channels; i++)
            {
                destination[i] = spill[i];
            }
        }
    }
}
