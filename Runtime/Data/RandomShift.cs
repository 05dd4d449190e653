using System;

namespace Generated.Data;

/// <summary>
/// Translates each image of a batch by a random whole number of pixels, independently in each
/// direction and uniformly in <c>[-max, max]</c>, filling uncovered pixels with zeros (Keras'
/// <c>RandomTranslation</c> with <c>fill_mode="constant"</c>, in pixels rather than fractions).
/// </summary>
public sealed class RandomShift
{
    private SeededRandom random;

    /// <summary>Shifts by up to <paramref name="maxShift"/> pixels vertically and horizontally.</summary>
    public RandomShift(int maxShift, ulong seed = 0)
        : this(maxShift, maxShift, seed)
    {
    }

    /// <summary>Shifts by up to <paramref name="maxHeightShift"/> rows and <paramref name="maxWidthShift"/> columns.</summary>
    public RandomShift(int maxHeightShift, int maxWidthShift, ulong seed = 0)
    {
        if (maxHeightShift < 0 || maxWidthShift < 0)
        {
            throw new ArgumentOutOfRangeException(
                maxHeightShift < 0 ? nameof(maxHeightShift) : nameof(maxWidthShift),
                $"Shift limits must not be negative (got {maxHeightShift} rows, {maxWidthShift} columns).");
        }

        MaxHeightShift = maxHeightShift;
        MaxWidthShift = maxWidthShift;
        random = new SeededRandom(seed);
    }

    /// <summary>The largest vertical shift in pixels.</summary>
    public int MaxHeightShift { get; }

    /// <summary>The largest horizontal shift in pixels.</summary>
    public int MaxWidthShift { get; }

    /// <summary>
    /// Writes the batch <paramref name="input"/> (samples of <paramref name="sampleShape"/>, NHWC) to
    /// <paramref name="output"/>, each sample shifted by its own random offset; the two may be the same
    /// buffer. Allocates nothing.
    /// </summary>
    public void Apply(TensorShape sampleShape, ReadOnlySpan<float> input, Span<float> output)
    {
        int batch = AugmentationBuffers.CheckedBatch(sampleShape, input, output, out _);
        int size = sampleShape.Size;
        for (int n = 0; n < batch; n++)
        {
            int dy = random.NextInt((2 * MaxHeightShift) + 1) - MaxHeightShift;
            int dx = random.NextInt((2 * MaxWidthShift) + 1) - MaxWidthShift;
            Shift(sampleShape, dy, dx, input.Slice(n * size, size), output.Slice(n * size, size));
        }
    }

    /// <summary>
    /// Moves one image down by <paramref name="dy"/> rows and right by <paramref name="dx"/> columns
    /// (negative: up/left), zero-filling what is uncovered. <paramref name="source"/> and
    /// <paramref name="target"/> may be the same memory.
    /// </summary>
    internal static void Shift(TensorShape shape, int dy, int dx, ReadOnlySpan<float> source, Span<float> target)
    {
        int height = shape.Height;
        int channels = shape.Channels;
        int rowLength = shape.Width * channels;
        int keptColumns = Math.Max(shape.Width - Math.Abs(dx), 0);
        int sourceColumn = Math.Max(-dx, 0) * channels;
        int targetColumn = Math.Max(dx, 0) * channels;

        // Walk rows away from the direction of motion so that, in place, every source row is read
        // before it is overwritten; within a row CopyTo has memmove semantics.
        for (int step = 0; step < height; step++)
        {
            int y = dy > 0 ? height - 1 - step : step;
            Span<float> targetRow = target.Slice(y * rowLength, rowLength);
            int sourceY = y - dy;
            if (sourceY < 0 || sourceY >= height || keptColumns == 0)
            {
                targetRow.Clear();
                continue;
            }

            source.Slice((sourceY * rowLength) + sourceColumn, keptColumns * channels).CopyTo(targetRow.Slice(targetColumn));
            targetRow.Slice(0, targetColumn).Clear();
            targetRow.Slice(targetColumn + (keptColumns * channels)).Clear();
        }
    }
}
