using Generated.Data;
using Generated.Runtime.Tests.Data;
using Generated.Training;
using StbImageWriteSharp;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace Generated.Runtime.Tests.Training;

/// <summary>Trainer.Fit and Evaluate over an IBatchSource: an image folder streamed from disk, and an in-memory source.</summary>
public class FitSourceTests
{
    private const int Side = 4;

    /// <summary>
    /// Three classes of 4x4 grey images, <paramref name="perClass"/> each: a bright 2x2 quadrant (top-left, top-right or
    /// bottom-left by class) on faint seeded noise.
    /// </summary>
    private static TempDirectory MakeQuadrants(int perClass)
    {
        var root = new TempDirectory();
        var random = new SeededRandom(11);
        string[] classes = { "bottom_left", "top_left", "top_right" };
        (int Row, int Column)[] corner = { (2, 0), (0, 0), (0, 2) };
        for (int c = 0; c < classes.Length; c++)
        {
            Directory.CreateDirectory(root.File(classes[c]));
            for (int i = 0; i < perClass; i++)
            {
                var pixels = new byte[Side * Side];
                for (int p = 0; p < pixels.Length; p++)
                {
                    int y = p / Side, x = p % Side;
                    bool bright = y >= corner[c].Row && y < corner[c].Row + 2 && x >= corner[c].Column && x < corner[c].Column + 2;
                    pixels[p] = (byte)((bright ? 2 : 0) + (int)(random.NextUInt64() >> 63));
                }

                using var stream = File.Create(root.File($"{classes[c]}/{i:D3}.png"));
                new ImageWriter().WritePng(pixels, Side, Side, WriteComponents.Grey, stream);
            }
        }

        return root;
    }

    private static (ImageFolderDataset Train, ImageFolderDataset Validation) Split(TempDirectory root, LabelMode labelMode = LabelMode.Int) =>
        ImageFolder.SplitFromDirectory(root.Path, validationSplit: 0.25, seed: 1, imageSize: (Side, Side), batchSize: 8,
            colorMode: ColorMode.Grayscale, labelMode: labelMode);

    [Fact]
    public void A_network_learns_an_image_folder_streamed_from_disk_with_validation_and_early_stopping()
    {
        using var root = MakeQuadrants(24);
        var (train, validation) = Split(root);
        using (train)
        using (validation)
        {
            var trainer = new TestMlp(Side * Side, 8, 3, OutputActivation.Softmax, seed: 2).Compile(new Adam(0.05f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
            var before = trainer.Evaluate(validation, verbose: 0);
            var stopping = new EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true);

            var history = trainer.Fit(train, epochs: 30, verbose: 0, callbacks: [stopping], validationData: validation);
            var after = trainer.Evaluate(validation, verbose: 0);

            Assert.Equal((54, 18), (train.Count, validation.Count)); // 72 images, int(0.25 * 72) = 18 held out
            Assert.True(before.Accuracy < 0.7f, $"untrained accuracy {before.Accuracy}");
            Assert.True(after.Accuracy >= 0.95f, $"validation accuracy {after.Accuracy}; history:\n{history}");
            Assert.True(history["loss"][^1] < history["loss"][0] / 2, history.ToString());
            Assert.Contains("val_accuracy", history.Keys);
            Assert.Equal(stopping.Best, after.Loss, 4); // the best epoch's weights are back
        }
    }

    [Fact]
    public void Early_stopping_ends_a_stream_fit_that_stopped_improving()
    {
        using var root = MakeQuadrants(8);
        var (train, validation) = Split(root);
        using (train)
        using (validation)
        {
            var trainer = new TestMlp(Side * Side, 4, 3, OutputActivation.Softmax).Compile(new SGD(1e-6f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
            var stopping = new EarlyStopping(monitor: "val_loss", minDelta: 0.1f, patience: 1);

            var history = trainer.Fit(train, epochs: 20, verbose: 0, callbacks: [stopping], validationData: validation);

            Assert.Equal(2, history["loss"].Count);
            Assert.Equal(1, stopping.StoppedEpoch);
        }
    }

    [Fact]
    public void One_hot_labels_train_with_categorical_crossentropy()
    {
        using var root = MakeQuadrants(16);
        var (train, validation) = Split(root, LabelMode.Categorical);
        using (train)
        using (validation)
        {
            var trainer = new TestMlp(Side * Side, 8, 3, OutputActivation.Softmax, seed: 4).Compile(new Adam(0.05f), Loss.CategoricalCrossentropy, Metric.Accuracy);
            var history = trainer.Fit(train, epochs: 15, verbose: 0, validationData: validation);
            Assert.True(history["val_accuracy"][^1] >= 0.9f, history.ToString());
        }
    }

    [Fact]
    public void Images_of_another_size_or_labels_the_loss_cannot_read_are_refused_before_training()
    {
        using var root = MakeQuadrants(4);
        var trainer = new TestMlp(Side * Side, 4, 3, OutputActivation.Softmax).Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        using var large = ImageFolder.FromDirectory(root.Path, imageSize: (8, 8), colorMode: ColorMode.Grayscale, seed: 1);
        using var oneHot = ImageFolder.FromDirectory(root.Path, imageSize: (Side, Side), colorMode: ColorMode.Grayscale, labelMode: LabelMode.Categorical, seed: 1);

        var size = Assert.Throws<ArgumentException>(() => trainer.Fit(large, verbose: 0));
        Assert.Contains("8x8x1", size.Message);
        Assert.Contains("imageSize", size.Message);
        var labels = Assert.Throws<ArgumentException>(() => trainer.Fit(new InMemorySource(Side * Side, 1, 8), validationData: oneHot, verbose: 0));
        Assert.Equal("validationData", labels.ParamName);
        Assert.Contains("LabelMode.Int", labels.Message);
        Assert.Equal(0, large.DecodedImages + oneHot.DecodedImages);
    }

    /// <summary>Fit over a source allocates per epoch (logs, history), not per step, as Fit over arrays does.</summary>
    [Fact]
    public void Fit_over_a_source_allocates_per_epoch_not_per_step()
    {
        long Measure(int epochs)
        {
            var source = new InMemorySource(Side * Side, 1, 300);
            var trainer = new TestMlp(Side * Side, 5, 3, OutputActivation.Softmax).Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
            trainer.Fit(source, epochs: 1, verbose: 0, validationData: source, output: TextWriter.Null);
            var fewest = long.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                trainer.Fit(source, epochs: epochs, verbose: 0, validationData: source, output: TextWriter.Null);
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return fewest;
        }

        var one = Measure(1);
        var two = Measure(2);
        Assert.True(two - one < 2000, $"one epoch {one} B, two epochs {two} B (300 steps and 300 validation batches per epoch)");
    }

    /// <summary>A source of <c>count</c> batches of one sample each, in memory, labels cycling 0, 1, 2; allocates nothing.</summary>
    private sealed class InMemorySource(int inputs, int batchSize, int count) : IBatchSource
    {
        public TensorShape SampleShape => new(inputs);

        public int TargetsPerSample => 1;

        public int Count => count;

        public int BatchSize => batchSize;

        public int BatchCount => (count + batchSize - 1) / batchSize;

        public void StartEpoch(int epoch)
        {
        }

        public int FillBatch(int batch, Span<float> x, Span<float> y)
        {
            int n = Math.Min(batchSize, count - (batch * batchSize));
            for (int i = 0; i < n; i++)
            {
                int label = ((batch * batchSize) + i) % 3;
                x.Slice(i * inputs, inputs).Fill(0);
                x[(i * inputs) + label] = 1f;
                y[i] = label;
            }

            return n;
        }
    }
}
