using Generated.Tests;
using Generated.Data;

namespace Generated.Runtime.Tests.Data;

public class AugmentationTests
{
    private static readonly TensorShape Shape = new(4, 5, 2);

    private static float[] Batch(int count)
    {
        var data = new float[count * Shape.Size];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i + 1; // every value distinct and non-zero
        }

        return data;
    }

    private static float Pixel(ReadOnlySpan<float> image, int y, int x, int c) => image[(((y * Shape.Width) + x) * Shape.Channels) + c];

    // The naive definition: output(y, x) = input(y - dy, x - dx), zero outside.
    private static float[] ShiftedReference(ReadOnlySpan<float> image, int dy, int dx)
    {
        var result = new float[Shape.Size];
        for (int y = 0; y < Shape.Height; y++)
        {
            for (int x = 0; x < Shape.Width; x++)
            {
                for (int c = 0; c < Shape.Channels; c++)
                {
                    int sy = y - dy, sx = x - dx;
                    bool inside = sy >= 0 && sy < Shape.Height && sx >= 0 && sx < Shape.Width;
                    result[(((y * Shape.Width) + x) * Shape.Channels) + c] = inside ? Pixel(image, sy, sx, c) : 0f;
                }
            }
        }

        return result;
    }

    private static float[] Mirrored(ReadOnlySpan<float> image)
    {
        var result = new float[Shape.Size];
        for (int y = 0; y < Shape.Height; y++)
        {
            for (int x = 0; x < Shape.Width; x++)
            {
                for (int c = 0; c < Shape.Channels; c++)
                {
                    result[(((y * Shape.Width) + x) * Shape.Channels) + c] = Pixel(image, y, Shape.Width - 1 - x, c);
                }
            }
        }

        return result;
    }

    [Fact]
    public void Flip_mirrors_about_half_the_images_and_copies_the_rest()
    {
        const int Count = 200;
        float[] input = Batch(Count);
        var output = new float[input.Length];

        new RandomFlip(seed: 5).Apply(Shape, input, output);

        int flipped = 0;
        for (int n = 0; n < Count; n++)
        {
            ReadOnlySpan<float> source = input.AsSpan(n * Shape.Size, Shape.Size);
            float[] result = output.AsSpan(n * Shape.Size, Shape.Size).ToArray();
            if (result.SequenceEqual(Mirrored(source)))
            {
                flipped++;
            }
            else
            {
                Assert.Equal(source.ToArray(), result);
            }
        }

        Assert.InRange(flipped, 70, 130); // Binomial(200, 1/2): mean 100, sd ~7
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public void Flip_in_place_matches_flip_into_another_buffer(int width)
    {
        var shape = new TensorShape(3, width, 3);
        float[] input = Enumerable.Range(0, 10 * shape.Size).Select(i => (float)i).ToArray();
        var separate = new float[input.Length];
        float[] inPlace = (float[])input.Clone();

        new RandomFlip(seed: 9).Apply(shape, input, separate);
        new RandomFlip(seed: 9).Apply(shape, inPlace, inPlace);

        Assert.Equal(separate, inPlace);
        Assert.NotEqual(input, separate);
    }

    [Fact]
    public void Shift_matches_the_naive_definition_for_every_offset()
    {
        float[] image = Batch(1);
        for (int dy = -5; dy <= 5; dy++)
        {
            for (int dx = -6; dx <= 6; dx++)
            {
                float[] expected = ShiftedReference(image, dy, dx);

                var separate = new float[Shape.Size];
                RandomShift.Shift(Shape, dy, dx, image, separate);
                Assert.Equal(expected, separate);

                float[] inPlace = (float[])image.Clone();
                RandomShift.Shift(Shape, dy, dx, inPlace, inPlace);
                Assert.Equal(expected, inPlace);
            }
        }
    }

    [Fact]
    public void Random_shift_moves_each_image_by_at_most_the_limit()
    {
        const int Count = 100;
        float[] input = Batch(Count);
        var output = new float[input.Length];
        new RandomShift(maxShift: 2, seed: 3).Apply(Shape, input, output);

        var offsets = new HashSet<(int, int)>();
        for (int n = 0; n < Count; n++)
        {
            ReadOnlySpan<float> source = input.AsSpan(n * Shape.Size, Shape.Size);
            float[] result = output.AsSpan(n * Shape.Size, Shape.Size).ToArray();
            (int, int)? match = null;
            for (int dy = -2; dy <= 2 && match is null; dy++)
            {
                for (int dx = -2; dx <= 2 && match is null; dx++)
                {
                    if (ShiftedReference(source, dy, dx).SequenceEqual(result))
                    {
                        match = (dy, dx);
                    }
                }
            }

            Assert.True(match.HasValue, $"sample {n} is not a shift of at most 2 pixels of its input");
            offsets.Add(match.Value);
        }

        Assert.True(offsets.Count >= 20, $"only {offsets.Count} of the 25 offsets occurred in 100 draws");
    }

    [Fact]
    public void Same_seed_same_augmentation_and_in_place_is_allowed()
    {
        float[] input = Batch(16);
        var a = new float[input.Length];
        float[] b = (float[])input.Clone();
        new RandomShift(1, 3, seed: 21).Apply(Shape, input, a);
        new RandomShift(1, 3, seed: 21).Apply(Shape, b, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Augmentations_allocate_nothing_per_batch()
    {
        float[] batch = Batch(64);
        var output = new float[batch.Length];
        var flip = new RandomFlip(1);
        var shift = new RandomShift(3, 2);
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            flip.Apply(Shape, batch, output);
            shift.Apply(Shape, output, output);
        });
    }

    [Fact]
    public void Bad_buffers_are_rejected_with_sizes()
    {
        var flip = new RandomFlip();
        Assert.Contains("not a whole number of 4x5x2 samples", Assert.Throws<ArgumentException>(() => flip.Apply(Shape, new float[41], new float[41])).Message);
        Assert.Contains("40 floats, but has 39", Assert.Throws<ArgumentException>(() => flip.Apply(Shape, new float[40], new float[39])).Message);
        float[] shared = new float[80];
        Assert.Contains("partly overlaps", Assert.Throws<ArgumentException>(() => new RandomShift(1).Apply(Shape, shared.AsSpan(0, 40), shared.AsSpan(20, 40))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomShift(-1));
    }
}
