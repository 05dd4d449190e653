using System;

namespace Generated.Kernels.Convolution;

/// <summary>
/// The im2col matrix of a convolution, a chunk of rows at a time: row <c>m</c> is output pixel
/// <c>(n, oy, ox)</c> in NHWC order and holds the <c>K = KH*KW*IC</c> input values its taps read, in the
/// kernel's <c>(ky, kx, ic)</c> order, zero where a tap falls in the padding. So
/// <c>output (M x OC) = columns (M x K) x kernel (K x OC)</c>, and the transpose (<see cref="ScatterAdd"/>)
/// turns a column gradient back into an input gradient.
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>
    /// True when the im2col matrix is the input itself (1x1 kernel, stride 1, no padding, same size),
    /// so no copy is needed: row m is input pixel m.
    /// </summary>
    public static bool IsIdentity(in Conv2DGeometry g) =>
        g.KernelHeight == 1 && g.KernelWidth == 1 && g.StrideHeight == 1 && g.StrideWidth == 1 &&
        g.PadTop == 0 && g.PadLeft == 0 && g.OutputHeight == g.InputHeight && g.OutputWidth == g.InputWidth;

    /// <summary>Writes rows <paramref name="m0"/>..<paramref name="m1"/> (exclusive) of the im2col matrix into <paramref name="columns"/>.</summary>
    public static void Gather(in Conv2DGeometry g, float* input, int m0, int m1, float* columns) =>
        Walk<GatherTaps>(g, input, m0, m1, columns);

    /// <summary>
    /// Adds rows <paramref name="m0"/>..<paramref name="m1"/> (exclusive) of a column-gradient matrix into
    /// <paramref name="inputGradient"/>: the transpose of <see cref="Gather"/> (padding taps are dropped).
    /// </summary>
    public static void ScatterAdd(in Conv2DGeometry g, float* columns, int m0, int m1, float* inputGradient) =>
        Walk<ScatterAddTaps>(g, inputGradient, m0, m1, columns);

    /// <summary>What to do with one run of taps: the segment of an im2col row and the image pixels it maps to.</summary>
    private interface ITapAction
    {
        /// <summary><paramref name="count"/> taps that read <paramref name="image"/>.</summary>
        void Inside(float* image, float* segment, int count);

        /// <summary><paramref name="count"/> taps that fall in the padding.</summary>
        void Outside(float* segment, int count);
    }

    /// <summary>im2col: copy the pixels into the row, zeros for padding.</summary>
    private readonly struct GatherTaps : ITapAction
    {
        public void Inside(float* image, float* segment, int count) => Copy(image, segment, count);

        public void Outside(float* segment, int count) => Clear(segment, count);
    }

    /// <summary>col2im: add the row back into the pixels it came from; padding taps have nowhere to go.</summary>
    private readonly struct ScatterAddTaps : ITapAction
    {
        public void Inside(float* image, float* segment, int count) => Add(segment, image, count);

        public void Outside(float* segment, int count) { }
    }

    /// <summary>
    /// Visits every tap of rows <paramref name="m0"/>..<paramref name="m1"/> once, in row order: one walk for
    /// both directions, so the gather and its transpose cannot disagree about which pixel a tap reads. The
    /// action is a type parameter, so the JIT compiles a specialized loop for each.
    /// </summary>
    private static void Walk<TAction>(in Conv2DGeometry g, float* image, int m0, int m1, float* columns)
        where TAction : struct, ITapAction
    {
        var ic = g.InputChannels;
        var tapRow = g.KernelWidth * ic;
        var k = g.KernelHeight * tapRow;
        var pixels = g.OutputHeight * g.OutputWidth;
        var row = columns;
        for (var m = m0; m < m1; m++, row += k)
        {
            var n = m / pixels;
            var pixel = m - n * pixels;
            var oy = pixel / g.OutputWidth;
            var ox = pixel - oy * g.OutputWidth;
            var x0 = ox * g.StrideWidth - g.PadLeft;
            var rowInside = g.DilationWidth == 1 && x0 >= 0 && x0 + g.KernelWidth <= g.InputWidth;
            var sample = image + (long)n * g.InputSize;
            var segment = row;
            for (var ky = 0; ky < g.KernelHeight; ky++, segment += tapRow)
            {
                var iy = oy * g.StrideHeight + ky * g.DilationHeight - g.PadTop;
                if ((uint)iy >= (uint)g.InputHeight)
                {
                    default(TAction).Outside(segment, tapRow);
                    continue;
                }
                var line = sample + (long)iy * g.InputWidth * ic;
                if (rowInside)
                {
                    default(TAction).Inside(line + (long)x0 * ic, segment, tapRow);
                    continue;
                }
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var ix = x0 + kx * g.DilationWidth;
                    if ((uint)ix < (uint)g.InputWidth)
                    {
                        default(TAction).Inside(line + (long)ix * ic, segment + kx * ic, ic);
                    }
                    else
                    {
                        default(TAction).Outside(segment + kx * ic, ic);
                    }
                }
            }
        }
    }

    // Segments are often a handful of floats (1-3 input channels); a loop beats a call to memmove there.
    private const int ShortSegment = 16;

    private static void Copy(float* source, float* target, int count)
    {
        if (count <= ShortSegment)
        {
            for (var i = 0; i < count; i++)
            {
                target[i] = source[i];
            }
            return;
        }
        Buffer.MemoryCopy(source, target, (long)count * sizeof(float), (long)count * sizeof(float));
    }

    private static void Clear(float* target, int count)
    {
        if (count <= ShortSegment)
        {
            for (var i = 0; i < count; i++)
            {
                target[i] = 0f;
            }
            return;
        }
        new Span<float>(target, count).Clear();
    }

    private static void Add(float* source, float* target, int count)
    {
        if (count <= ShortSegment)
        {
            for (var i = 0; i < count; i++)
            {
                target[i] += source[i];
            }
            return;
        }
        var span = new Span<float>(target, count);
        System.Numerics.Tensors.TensorPrimitives.Add(span, new ReadOnlySpan<float>(source, count), span);
    }
}
