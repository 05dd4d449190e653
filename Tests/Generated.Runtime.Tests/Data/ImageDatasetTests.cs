using Generated.Data;

namespace Generated.Runtime.Tests.Data;

public class ImageDatasetTests
{
    private static readonly TensorShape Shape = new(2, 2, 1);

    // Sample i has every pixel equal to i, so any copy can be traced back to its source sample.
    private static ImageDataset Numbered(int count, int classCount, Func<int, int> label)
    {
        var images = new float[count * Shape.Size];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = i / Shape.Size;
        }

        return new ImageDataset(images, Shape, Enumerable.Range(0, count).Select(label).ToArray(), classCount);
    }

    private static int SampleId(ReadOnlySpan<float> images, int index) => (int)images[index * Shape.Size];

    [Fact]
    public void Constructor_checks_lengths_labels_and_names()
    {
        Assert.Contains("need 12 pixel values", Assert.Throws<ArgumentException>(() => new ImageDataset(new float[11], Shape, new int[3], 2)).Message);
        Assert.Contains("Label 5 of sample 1", Assert.Throws<ArgumentException>(() => new ImageDataset(new float[8], Shape, new[] { 0, 5 }, 2)).Message);
        Assert.Contains("one name per class", Assert.Throws<ArgumentException>(() => new ImageDataset(new float[4], Shape, new[] { 0 }, 2, new[] { "a" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDataset(new float[4], Shape, new[] { 0 }, 0));

        var dataset = new ImageDataset(new float[8], Shape, new[] { 1, 0 }, 3);
        Assert.Equal(new[] { "0", "1", "2" }, dataset.ClassNames);
        Assert.Equal("2 samples of 2x2x1, 3 classes", dataset.ToString());
    }

    [Fact]
    public void One_hot_rescale_and_histogram()
    {
        var dataset = new ImageDataset(new float[] { 0, 51, 102, 255, 255, 0, 0, 0 }, Shape, new[] { 2, 0 }, 3);

        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0 }, dataset.ToOneHot());
        Assert.Equal(new[] { 1, 0, 1 }, dataset.CountPerClass());
        Assert.Equal((0f, 255f), dataset.PixelRange());

        ImageDataset unit = dataset.Rescale(1f / 255);
        Assert.Equal(new[] { 0f, 0.2f, 0.4f, 1f }, unit.GetImage(0).ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        ImageDataset symmetric = dataset.Rescale(1f / 127.5f, -1f);
        Assert.Equal(-1f, symmetric.GetImage(0)[0]);
        Assert.Equal(1f, symmetric.GetImage(0)[3], 6);
        Assert.Equal(255f, dataset.GetImage(0)[3]); // the original is untouched
    }

    [Fact]
    public void Take_slice_and_select_copy_the_right_samples()
    {
        ImageDataset dataset = Numbered(10, 3, i => i % 3);

        ImageDataset first = dataset.Take(4);
        Assert.Equal(4, first.Count);
        Assert.Equal(new[] { 0, 1, 2, 0 }, first.Labels.ToArray());

        ImageDataset middle = dataset.Slice(3, 5);
        Assert.Equal(new[] { 3, 4, 5, 6, 7 }, Enumerable.Range(0, 5).Select(i => SampleId(middle.Images, i)));
        Assert.Equal(new[] { 0, 1, 2, 0, 1 }, middle.Labels.ToArray());

        ImageDataset picked = dataset.Select(new[] { 9, 0, 9 });
        Assert.Equal(new[] { 9, 0, 9 }, Enumerable.Range(0, 3).Select(i => SampleId(picked.Images, i)));

        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Take(11));
        Assert.Contains("Slice(8, 3)", Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Slice(8, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Select(new[] { 10 }));
    }

    [Fact]
    public void Shuffle_is_a_seeded_permutation_that_keeps_labels_with_images()
    {
        ImageDataset dataset = Numbered(50, 5, i => i % 5);

        ImageDataset a = dataset.Shuffle(seed: 7);
        ImageDataset b = dataset.Shuffle(seed: 7);
        ImageDataset c = dataset.Shuffle(seed: 8);

        int[] orderA = Enumerable.Range(0, 50).Select(i => SampleId(a.Images, i)).ToArray();
        Assert.Equal(Enumerable.Range(0, 50), orderA.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), orderA);
        Assert.Equal(a.Images.ToArray(), b.Images.ToArray());
        Assert.NotEqual(a.Images.ToArray(), c.Images.ToArray());
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(orderA[i] % 5, a.Labels[i]);
        }
    }

    [Fact]
    public void Stratified_split_keeps_class_proportions_and_partitions_the_samples()
    {
        // Unbalanced classes: 60 / 30 / 10 samples.
        ImageDataset dataset = Numbered(100, 3, i => i < 60 ? 0 : i < 90 ? 1 : 2);

        (ImageDataset train, ImageDataset validation) = dataset.SplitStratified(0.2, seed: 3);

        Assert.Equal(new[] { 12, 6, 2 }, validation.CountPerClass());
        Assert.Equal(new[] { 48, 24, 8 }, train.CountPerClass());
        int[] trainIds = Enumerable.Range(0, train.Count).Select(i => SampleId(train.Images, i)).ToArray();
        int[] validationIds = Enumerable.Range(0, validation.Count).Select(i => SampleId(validation.Images, i)).ToArray();
        Assert.Equal(Enumerable.Range(0, 100), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds.Order(), trainIds); // original order kept
        for (int i = 0; i < validation.Count; i++)
        {
            Assert.Equal(dataset.Labels[validationIds[i]], validation.Labels[i]);
        }

        (_, ImageDataset again) = dataset.SplitStratified(0.2, seed: 3);
        (_, ImageDataset other) = dataset.SplitStratified(0.2, seed: 4);
        Assert.Equal(validation.Images.ToArray(), again.Images.ToArray());
        Assert.NotEqual(validation.Images.ToArray(), other.Images.ToArray());
    }

    [Fact]
    public void Stratified_split_hands_out_rounding_leftovers_by_largest_remainder()
    {
        // 7, 7 and 6 samples at 25%: exact shares 1.75, 1.75, 1.5 -> 1, 1, 1 plus two leftovers of round(5) total.
        ImageDataset dataset = Numbered(20, 3, i => i < 7 ? 0 : i < 14 ? 1 : 2);
        (_, ImageDataset validation) = dataset.SplitStratified(0.25, seed: 1);
        Assert.Equal(new[] { 2, 2, 1 }, validation.CountPerClass());
    }

    [Fact]
    public void Stratified_split_rejects_bad_fractions_and_empty_parts()
    {
        ImageDataset dataset = Numbered(4, 2, i => i % 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitStratified(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitStratified(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.SplitStratified(double.NaN, 1));
        Assert.Contains("validation part empty", Assert.Throws<ArgumentException>(() => dataset.SplitStratified(0.1, 1)).Message);
    }

    [Fact]
    public void Copy_batch_fills_caller_buffers_and_checks_their_size()
    {
        ImageDataset dataset = Numbered(6, 3, i => i % 3);
        var images = new float[3 * Shape.Size];
        var oneHot = new float[3 * 3];
        Array.Fill(oneHot, 9f);

        dataset.CopyBatch(new[] { 5, 1 }, images, oneHot);
        Assert.Equal(new float[] { 5, 5, 5, 5, 1, 1, 1, 1 }, images[..8]);
        Assert.Equal(new float[] { 0, 0, 1, 0, 1, 0 }, oneHot[..6]);
        Assert.Equal(new float[] { 9, 9, 9 }, oneHot[6..]); // past the batch: untouched

        var labels = new int[2];
        dataset.CopyBatch(new[] { 4, 3 }, images, labels);
        Assert.Equal(new[] { 1, 0 }, labels);

        dataset.CopyBatch(2, 3, images, oneHot);
        Assert.Equal(new float[] { 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4 }, images);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0, 0, 1, 0 }, oneHot);

        Assert.Contains("at least 16 floats", Assert.Throws<ArgumentException>(() => dataset.CopyBatch(new[] { 0, 1, 2, 3 }, images, new float[12])).Message);
        Assert.Contains("at least 12 values", Assert.Throws<ArgumentException>(() => dataset.CopyBatch(0, 4, new float[16], new float[11])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.CopyBatch(5, 2, new float[8], new float[6]));
    }
}
