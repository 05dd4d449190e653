using System;
using Generated.Kernels.Threading;

namespace Generated.Kernels.Convolution;

/// <summary>
/// A zero-padded copy of a padded convolution's input, so that every output pixel's window lies inside it and the
/// implicit GEMM reads every tile in place. Without it a tile of 6 pixels that touches the border gathers its im2col
/// rows: on a 16x16 map that is every other tile, 6 x K floats copied per tile, several times this one copy of the
/// input. The padded geometry reads the same values in the same order, so results are the same bits.
/// </summary>
internal static unsafe class PaddedInput
{
    /// <summary>Largest padded copy made, in floats (4 MB): batch-1 and Predict-chunk calls fit; a training batch of large maps keeps gathering.</summary>
    private const long MaxFloats = 1L << 20;

    /// <summary>
    /// The geometry over the padded copy (no padding, the input just large enough for every window), when a window of
    /// <paramref name="g"/> reaches outside the input and the copy of <paramref name="batch"/> samples is small enough to make per call.
    /// </summary>
    public static bool Applies(in Conv2DGeometry g, int batch, out Conv2DGeometry padded)
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
        return pads && g.PadTop >= 0 && g.PadLeft >= 0 && g.OutputHeight > 0 && g.OutputWidth > 0 &&
            (long)batch * padded.InputHeight * padded.InputWidth * g.InputChannels <= MaxFloats;
    }

    /// <summary>
    /// Writes the padded copy of <paramref name="batch"/> samples into the calling thread's scratch and returns it:
    /// padded pixel (y, x) is input pixel (y - PadTop, x - PadLeft), zero outside the input.
    /// </summary>
    public static float* Copy(in Conv2DGeometry g, in Conv2DGeometry padded, int batch, float* input)
    {
        var channels = g.InputChannels;
        var rowFloats = (long)padded.InputWidth * channels;
        var target = Scratch.Get(ScratchBuffer.PaddedInput, batch * padded.InputHeight * rowFloats);
        // Input columns that land inside the padded width (a stride can leave the last ones unread).
        var firstX = 0;
        var lastX = Math.Min(g.InputWidth, padded.InputWidth - g.PadLeft);
        for (var sample = 0; sample < batch; sample++)
        {
            var source = input + (long)sample * g.InputSize;
            var sampleTarget = target + (long)sample * padded.InputHeight * rowFloats;
            for (var y = 0; y < padded.InputHeight; y++)
            {
                var row = new Span<float>(sampleTarget + y * rowFloats, (int)rowFloats);
                var iy = y - g.PadTop;
                if (iy < 0 || iy >= g.InputHeight || lastX <= firstX)
                {
                    row.Clear();
                    continue;
                }
                var left = (firstX + g.PadLeft) * channels;
                var copied = (lastX - firstX) * channels;
                row.Slice(0, left).Clear();
                new ReadOnlySpan<float>(source + ((long)iy * g.InputWidth + firstX) * channels, copied).CopyTo(row.Slice(left, copied));
                row.Slice(left + copied).Clear();
            }
        }
        return target;
    }
}
