using Generated.Tests;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

/// <summary>Training steps allocate nothing once the buffers for a batch size exist.</summary>
public class AllocationTests
{
    public static TheoryData<string> Combinations() => new(Cases.Keys);

    private static readonly Dictionary<string, Func<(TestMlp Network, Optimizer Optimizer, Loss Loss, bool Sparse)>> Cases = new()
    {
        ["sgd_sparse"] = () => (new TestMlp(5, 7, 3, OutputActivation.Softmax), new SGD(0.01f, momentum: 0.9f, nesterov: true), Loss.SparseCategoricalCrossentropy, true),
        ["adam_cce_clipnorm"] = () => (new TestMlp(5, 7, 3, OutputActivation.Softmax), new Adam { ClipNorm = 1f }, Loss.CategoricalCrossentropy, false),
        ["adamw_cce_logits"] = () => (new TestMlp(5, 7, 3, OutputActivation.Linear), new AdamW(), new CategoricalCrossentropy(fromLogits: true), false),
        ["rmsprop_bce_clipvalue"] = () => (new TestMlp(5, 7, 3, OutputActivation.Sigmoid), new RMSprop(centered: true, momentum: 0.5f) { ClipValue = 0.1f }, Loss.BinaryCrossentropy, false),
        ["adadelta_mse_schedule"] = () => (new TestMlp(5, 7, 3, OutputActivation.Linear), new Adadelta(new CosineDecay(1f, 100)) { GlobalClipNorm = 2f }, Loss.MeanSquaredError, false),
        ["sgd_mae"] = () => (new TestMlp(5, 7, 3, OutputActivation.Linear), new SGD(), Loss.MeanAbsoluteError, false),
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Train_step_allocates_nothing_after_the_first(string name)
    {
        var (network, optimizer, loss, sparse) = Cases[name]();
        var trainer = network.Compile(optimizer, loss, Metric.Accuracy);
        var random = new SeededRandom(1);
        var x = Enumerable.Range(0, 16 * 5).Select(_ => random.NextGaussian()).ToArray();
        var y = sparse
            ? Enumerable.Range(0, 16).Select(_ => (float)random.NextInt(3)).ToArray()
            : Enumerable.Range(0, 16 * 3).Select(i => i % 3 == 0 ? 1f : 0f).ToArray();
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            trainer.TrainStep(x, y);
            trainer.TrainStep(x.AsSpan(0, 5 * 5), y.AsSpan(0, sparse ? 5 : 15)); // a smaller batch reuses the buffers
        });
    }

    [Fact]
    public void Train_step_with_integer_labels_allocates_nothing_after_the_first()
    {
        var trainer = new TestMlp(5, 7, 3, OutputActivation.Softmax).Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var x = new float[8 * 5];
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        AllocationMeter.AssertNoneOnThisThread(() => trainer.TrainStep(x, labels));
    }

    /// <summary>
    /// Fit's allocations grow with epochs (logs, history), never with steps: two epochs of 300 steps each cost at most a
    /// small per-epoch budget more than one. 300 steps allocating even 8 bytes each would exceed it. Each count is the
    /// fewest of three runs (see <see cref="AllocationMeter"/> on the per-thread counter's occasional extra kilobytes).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_allocates_per_epoch_not_per_step(int verbose)
    {
        var (x, labels, _) = SyntheticData.Blobs(300, 4, 3, seed: 3);
        long Measure(int epochs)
        {
            var trainer = new TestMlp(4, 5, 3, OutputActivation.Softmax).Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
            trainer.Fit(x, labels, epochs: 1, batchSize: 1, verbose: verbose, output: TextWriter.Null);
            var fewest = long.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                trainer.Fit(x, labels, epochs: epochs, batchSize: 1, verbose: verbose, output: TextWriter.Null);
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return fewest;
        }
        var one = Measure(1);
        var two = Measure(2);
        Assert.True(two - one < 2000, $"one epoch {one} B, two epochs {two} B");
    }
}
