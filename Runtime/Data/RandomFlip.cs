using System;

namespace Generated.Data;

/// <summary>
/// Mirrors each image of a batch left-right with probability 1/2 (Keras'
/// <c>RandomFlip("horizontal")</c>), drawing from its own seeded generator so a run is reproducible.
/// </summary>
public sealed class RandomFlip
{
    private SeededRandom random;

    /// <summary>Creates the augmentation; <paramref name="seed"/> fixes which images are flipped.</summary>
    public RandomFlip(ulong seed = 0)
    {
        random = new SeededRandom(seed);
    }

    /// <summary>
    /// Writes the batch <paramref name="input"/> (samples of <paramref name="sampleShape"/>, NHWC) to
    /// <paramref name="output"/>, each sample flipped or copied; the two may be the same buffer.
    /// Allocates nothing.
    /// </summary>
    public void Apply(TensorShape sampleShape, ReadOnlySpan<float> input, Span<float> output)
    {
        int batch = AugmentationBuffers.CheckedBatch(sampleShape, input, output, out bool inPlace);
        int size = sampleShape.Size;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> source = input.Slice(n * size, size);
            Span<float> target = output.Slice(n * size, size);
            if ((random.NextUInt64() >> 63) != 0) // a fair coin
            {
                FlipHorizontal(sampleShape, source, target);
            }
            else if (!inPlace)
            {
                source.CopyTo(target);
            }
        }
    }

    // Swaps pixel x with pixel W-1-x of every row, reading both before writing either, so the
    // same code serves in-place and separate buffers.
    private static void FlipHorizontal(TensorShape shape, ReadOnlySpan<float> source, Span<float> target)
    {
        int width = shape.Width;
        int channels = shape.Channels;
        int rowLength = width * channels;
        for (int y = 0; y < shape.Height; y++)
        {
            int row = y * rowLength;
            for (int x = 0; x < (width + 1) / 2; x++)
            {
                int left = row + (x * channels);
                int right = row + ((width - 1 - x) * channels);
                for (int c = 0; c < channels; c++)
                {
                    float a = source[left + c];
                    float b = source[right + c];
                    target[left + c] = b;
                    target[right + c] = a;
                }
            }
        }
    }
}
