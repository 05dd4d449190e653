using Generated.Tests;
using Generated.Data;

namespace Generated.Runtime.Tests.Data;

public class BatchSamplerTests
{
    private static readonly TensorShape Shape = new(1, 1, 2);

    private static ImageDataset Numbered(int count)
    {
        var images = new float[count * 2];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = i / 2;
        }

        return new ImageDataset(images, Shape, Enumerable.Range(0, count).Select(i => i % 4).ToArray(), 4);
    }

    private static int[] Epoch(BatchSampler sampler, int epoch)
    {
        sampler.StartEpoch(epoch);
        var seen = new List<int>();
        var images = new float[sampler.BatchSize * 2];
        var oneHot = new float[sampler.BatchSize * 4];
        for (int b = 0; b < sampler.BatchCount; b++)
        {
            int n = sampler.CopyBatch(b, images, oneHot);
            for (int i = 0; i < n; i++)
            {
                int id = (int)images[2 * i];
                seen.Add(id);
                Assert.Equal(1f, oneHot[(4 * i) + (id % 4)]);
            }
        }

        return seen.ToArray();
    }

    [Fact]
    public void Every_epoch_visits_every_sample_once_in_a_new_seeded_order()
    {
        var sampler = new BatchSampler(Numbered(23), batchSize: 5, seed: 11);
        Assert.Equal(5, sampler.BatchCount);
        Assert.Equal(3, sampler.BatchLength(4));

        int[] epoch0 = Epoch(sampler, 0);
        int[] epoch1 = Epoch(sampler, 1);
        Assert.Equal(Enumerable.Range(0, 23), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, 23), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.NotEqual(Enumerable.Range(0, 23), epoch0);

        // The order depends only on seed and epoch, so a resumed run sees the same batches.
        var resumed = new BatchSampler(Numbered(23), batchSize: 5, seed: 11);
        Assert.Equal(epoch1, Epoch(resumed, 1));
        Assert.Equal(epoch0, Epoch(resumed, 0));
    }

    [Fact]
    public void Without_shuffling_batches_follow_the_dataset_order()
    {
        var sampler = new BatchSampler(Numbered(7), batchSize: 3, shuffle: false);
        Assert.Equal(Enumerable.Range(0, 7), Epoch(sampler, 4));
        var labels = new int[3];
        Assert.Equal(1, sampler.CopyBatch(2, new float[6], labels));
        Assert.Equal(2, labels[0]); // sample 6 has label 6 % 4
    }

    [Fact]
    public void Drop_remainder_skips_the_short_batch()
    {
        var sampler = new BatchSampler(Numbered(23), batchSize: 5, dropRemainder: true);
        Assert.Equal(4, sampler.BatchCount);
        Assert.Equal(20, Epoch(sampler, 0).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.BatchLength(4));
        Assert.Throws<ArgumentException>(() => new BatchSampler(Numbered(3), batchSize: 5, dropRemainder: true));
    }

    [Fact]
    public void Batches_allocate_nothing_after_construction()
    {
        var sampler = new BatchSampler(Numbered(1000), batchSize: 32, seed: 1);
        var images = new float[32 * 2];
        var oneHot = new float[32 * 4];
        var labels = new int[32];
        var epoch = 0;
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            sampler.StartEpoch(epoch++);
            for (int b = 0; b < sampler.BatchCount; b++)
            {
                sampler.CopyBatch(b, images, oneHot);
                sampler.CopyBatch(b, images, labels);
            }
        });
    }
}
