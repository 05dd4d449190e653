using System.Diagnostics;
using Generated.Data;
using StbImageWriteSharp;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace Generated.Runtime.Tests.Data;

/// <summary>
/// ImageFolderDataset decodes batches on demand: nothing at creation, at most PrefetchBatches ahead of the consumer,
/// the same batches with or without read-ahead, and a damaged file reported when its batch is read.
/// </summary>
public class ImageFolderStreamingTests
{
    private const int Side = 4;

    /// <summary>
    /// Writes <paramref name="perClass"/> grey 4x4 PNGs into each of the classes a, b, c; every image is one solid value,
    /// 10 * (class * perClass + i) + 5, so a decoded pixel tells which file it came from.
    /// </summary>
    private static TempDirectory MakeFolder(int perClass)
    {
        var root = new TempDirectory();
        string[] classes = { "a", "b", "c" };
        for (int c = 0; c < classes.Length; c++)
        {
            Directory.CreateDirectory(root.File(classes[c]));
            for (int i = 0; i < perClass; i++)
            {
                byte value = (byte)((10 * ((c * perClass) + i)) + 5);
                using var stream = File.Create(root.File($"{classes[c]}/{i:D2}.png"));
                new ImageWriter().WritePng(Enumerable.Repeat(value, Side * Side).ToArray(), Side, Side, WriteComponents.Grey, stream);
            }
        }

        return root;
    }

    private static int FileOf(float pixel) => ((int)pixel - 5) / 10;

    /// <summary>Reads every batch of an epoch; returns, per batch, the file numbers and the target floats.</summary>
    private static List<(int[] Files, float[] Targets)> ReadEpoch(ImageFolderDataset data, int epoch)
    {
        data.StartEpoch(epoch);
        var inputs = new float[data.BatchSize * data.SampleShape.Size];
        var targets = new float[data.BatchSize * data.TargetsPerSample];
        var batches = new List<(int[], float[])>();
        for (int b = 0; b < data.BatchCount; b++)
        {
            int n = data.FillBatch(b, inputs, targets);
            var files = new int[n];
            for (int i = 0; i < n; i++)
            {
                files[i] = FileOf(inputs[i * data.SampleShape.Size]);
                Assert.All(inputs.AsSpan(i * data.SampleShape.Size, data.SampleShape.Size).ToArray(), p => Assert.Equal(inputs[i * data.SampleShape.Size], p));
            }

            batches.Add((files, targets[..(n * data.TargetsPerSample)]));
        }

        return batches;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the read-ahead thread did not get there in 10 s");
            Thread.Sleep(5);
        }
    }

    [Fact]
    public void Creating_the_data_set_decodes_nothing()
    {
        using var root = MakeFolder(4);

        using var data = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 2, seed: 1);
        Thread.Sleep(100);

        Assert.Equal(0, data.DecodedImages);
        Assert.Equal(12, data.Count);
        Assert.Equal(6, data.BatchCount);
    }

    [Fact]
    public void Read_ahead_never_holds_more_than_the_prefetch_depth_of_decoded_batches()
    {
        using var root = MakeFolder(10);
        using var data = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 3, seed: 1, prefetch: 2);
        var inputs = new float[3 * Side * Side];
        var targets = new float[3];

        data.StartEpoch(0);
        WaitUntil(() => data.PrefetchedBatches == 2);
        Thread.Sleep(150); // time for a third batch, were the ring not full
        Assert.Equal(2, data.PrefetchedBatches);
        Assert.Equal(6, data.DecodedImages);

        for (int taken = 1; taken <= 5; taken++)
        {
            data.FillBatch(taken - 1, inputs, targets);
            WaitUntil(() => data.PrefetchedBatches == taken + 2);
            Thread.Sleep(30);
            Assert.Equal(taken + 2, data.PrefetchedBatches); // the taken batches plus two ahead, never more
        }
    }

    [Theory]
    [InlineData(LabelMode.Int)]
    [InlineData(LabelMode.Categorical)]
    public void Batches_are_the_same_with_and_without_read_ahead_and_every_epoch_covers_every_file_once(LabelMode labelMode)
    {
        const int perClass = 5;
        using var root = MakeFolder(perClass);
        using var streamed = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 4, labelMode: labelMode, seed: 3, prefetch: 3);
        using var direct = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 4, labelMode: labelMode, seed: 3, prefetch: 0);

        var orders = new List<int[]>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            var a = ReadEpoch(streamed, epoch);
            var b = ReadEpoch(direct, epoch);
            Assert.Equal(b.Select(x => x.Files), a.Select(x => x.Files));
            Assert.Equal(b.Select(x => x.Targets), a.Select(x => x.Targets));
            Assert.Equal(new[] { 4, 4, 4, 3 }, a.Select(x => x.Files.Length));

            int[] files = a.SelectMany(x => x.Files).ToArray();
            Assert.Equal(Enumerable.Range(0, 3 * perClass), files.Order());
            orders.Add(files);

            // Each target is the class of the file the pixels came from.
            float[] targets = a.SelectMany(x => x.Targets).ToArray();
            for (int i = 0; i < files.Length; i++)
            {
                int label = files[i] / perClass;
                if (labelMode == LabelMode.Int)
                {
                    Assert.Equal(label, targets[i]);
                }
                else
                {
                    Assert.Equal(Enumerable.Range(0, 3).Select(c => c == label ? 1f : 0f), targets[(i * 3)..((i + 1) * 3)]);
                }
            }
        }

        Assert.NotEqual(orders[0], orders[1]); // reshuffled every epoch
    }

    [Fact]
    public void Batches_asked_for_out_of_order_are_still_right()
    {
        const int perClass = 6;
        using var root = MakeFolder(perClass);
        using var streamed = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 2, seed: 9, prefetch: 2);
        using var direct = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 2, seed: 9, prefetch: 0);
        var x = new float[2 * Side * Side];
        var y = new float[2];
        var expected = new float[2 * Side * Side];

        foreach (int batch in new[] { 0, 4, 1, 8, 8, 2, 3 })
        {
            streamed.FillBatch(batch, x, y);
            direct.FillBatch(batch, expected, y);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void Images_are_resized_to_the_image_size()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("only"));
        using (var stream = File.Create(root.File("only/big.png")))
        {
            new ImageWriter().WritePng(Enumerable.Repeat((byte)200, 8 * 6 * 3).ToArray(), 8, 6, WriteComponents.RedGreenBlue, stream);
        }

        using var data = ImageFolder.FromDirectory(root.Path, imageSize: (3, 2));
        var x = new float[3 * 2 * 3];
        var y = new float[1];

        Assert.Equal(new TensorShape(3, 2, 3), data.SampleShape);
        Assert.Equal(1, data.FillBatch(0, x, y));
        Assert.All(x, p => Assert.Equal(200f, p));
        Assert.Equal(0f, y[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_damaged_image_is_named_when_its_batch_is_read_and_the_other_batches_still_load(int prefetch)
    {
        using var root = MakeFolder(3);
        File.WriteAllText(root.File("b/01.png"), "this is not a PNG");

        // Unshuffled, one image per batch: b/01.png is batch 4 (a/00..02, b/00, b/01).
        using var data = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 1, shuffle: false, prefetch: prefetch);
        var x = new float[Side * Side];
        var y = new float[1];
        for (int b = 0; b < 4; b++)
        {
            data.FillBatch(b, x, y);
        }

        var error = Assert.Throws<InvalidDataException>(() => data.FillBatch(4, x, y));
        Assert.Contains(root.File("b/01.png"), error.Message);
        data.FillBatch(5, x, y);
        Assert.Equal(55f, x[0]); // b/02.png: 10 * (1 * 3 + 2) + 5
    }

    [Fact]
    public void Small_buffers_a_batch_out_of_range_and_a_disposed_data_set_are_refused()
    {
        using var root = MakeFolder(2);
        var data = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, batchSize: 4, seed: 1);

        Assert.Throws<ArgumentException>(() => data.FillBatch(0, new float[(4 * Side * Side) - 1], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.FillBatch(2, new float[4 * Side * Side], new float[4]));
        data.Dispose();
        Assert.Throws<ObjectDisposedException>(() => data.FillBatch(0, new float[4 * Side * Side], new float[4]));
    }
}
