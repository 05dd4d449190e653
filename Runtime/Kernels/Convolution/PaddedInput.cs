using System;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// A zero-padded copy of a padded convolution's input, so that every output pixel's window lies inside it and the
/// implicit GEMM reads every tile in place. Without it a tile of 6 pixels that touches the border gathers its im2col
/// rows: on a 16x16 map that is every other tile, 6 x K floats copied per tile, several times this one copy of the
/// input. The padded geometry reads the same values in the same order, so results are the same bits. A training
/// batch's copy is too large to make per call; a kernel gradient copies only the rows each chunk's windows cover
/// (<see cref="CopyRows"/>).
/// </summary>
internal static unsafe class PaddedInput
{
    /// <summary>Largest padded copy made, in floats (4 MB): batch-1 and Predict-chunk calls fit; a training batch of large maps keeps gathering.</summary>
    private const long MaxFloats = 1L << 20;

    /// <summary>
    /// The geometry over the padded copy (no padding, the input just large enough for every window), when a window of
    /// <paramref name="g"/> reaches outside the input and the copy of <paramref name="batch"/> samples is small enough to make per call.
    /// </summary>
    public static bool Applies(in Conv2DGeometry g, int batch, out Conv2DGeometry padded) =>
        Pads(g, out padded) && (long)batch * padded.InputHeight * padded.InputWidth * g.InputChannels <= MaxFloats;

    /// <summary>
    /// The geometry over a zero-padded copy of the input (no padding, the input just large enough for every window),
    /// whatever its size, when a window of <paramref name="g"/> reaches outside the input: the geometry that
    /// <see cref="CopyRows"/> copies rows of.
    /// </summary>
    public static bool Pads(in Conv2DGeometry g, out Conv2DGeometry padded)
    {
        padded = g with
        {
            InputHeight = (g.OutputHeight - 1) * g.StrideHeight + (g.KernelHeight - 1) * g.DilationHeight + 1,
            InputWidth = (g.OutputWidth - 1) * g.StrideWidth + (g.KernelWidth - 1) * g.DilationWidth + 1,
            PadTop = 0,
            PadLeft = 0,
        };
        // Padding on any side: before the input (PadTop, PadLeft) or after it (windows reaching past the last row or
        // column, as Keras' Same with stride 2 on an even size pads only the bottom and right). Negative padding (crops
        // of a transposed geometry) keeps the gathering path.
        var pads = g.PadTop > 0 || g.PadLeft > 0 || padded.InputHeight > g.InputHeight || padded.InputWidth > g.InputWidth;
        return pads && g.PadTop >= 0 && g.PadLeft >= 0 && g.OutputHeight > 0 && g.OutputWidth > 0;
    }

    /// <summary>
    /// Writes the padded copy of <paramref name="batch"/> samples into the calling thread's scratch and returns it:
    /// padded pixel (y, x) is input pixel (y - PadTop, x - PadLeft), zero outside the input.
    /// </summary>
    public static float* Copy(in Conv2DGeometry g, in Conv2DGeometry padded, int batch, float* input)
    {
        var rows = (long)batch * padded.InputHeight;
        var target = Scratch.Get(ScratchBuffer.PaddedInput, rows * padded.InputWidth * g.InputChannels);
        CopyRows(g, padded, input, 0, rows, target);
        return target;
    }

    /// <summary>
    /// Writes <paramref name="count"/> rows of the padded batch, from row <paramref name="firstRow"/> on, to
    /// <paramref name="target"/>. The padded samples are stacked, so row r is row r mod H' of sample r / H' (H' the padded
    /// height): a run of output pixels that crosses into the next sample still reads one contiguous block of rows.
    /// </summary>
    public static void CopyRows(in Conv2DGeometry g, in Conv2DGeometry padded, float* input, long firstRow, long count, float* target)
    {
        var channels = g.InputChannels;
        var rowFloats = padded.InputWidth * channels;
        // Input columns that land inside the padded width (a stride can leave the last ones unread).
        var copiedColumns = Math.Min(g.InputWidth, padded.InputWidth - g.PadLeft);
        var left = g.PadLeft * channels;
        var copied = Math.Max(0, copiedColumns) * channels;
        for (var r = 0L; r < count; r++)
        {
            var row = new Span<float>(target + r * rowFloats, rowFloats);
            var sample = (firstRow + r) / padded.InputHeight;
            var iy = (int)(firstRow + r - sample * padded.InputHeight) - g.PadTop;
            if (iy < 0 || iy >= g.InputHeight || copied == 0)
            {
                row.Clear();
                continue;
            }
            row.Slice(0, left).Clear();
            new ReadOnlySpan<float>(input + sample * g.InputSize + (long)iy * g.InputWidth * channels, copied).CopyTo(row.Slice(left, copied));
            row.Slice(left + copied).Clear();
        }
    }
}
