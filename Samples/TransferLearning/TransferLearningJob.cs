using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Training;

namespace TransferLearningSample;

/// <summary>The figures of one run: accuracies on the Fashion-MNIST test images and training times.</summary>
/// <param name="Before">Accuracy with the MNIST body and an untrained head.</param>
/// <param name="HeadOnly">Accuracy after training the head alone (convolutions frozen).</param>
/// <param name="HeadOnlySeconds">Time of that training.</param>
/// <param name="Full">Accuracy after training everything for as many epochs from the same start (the comparison).</param>
/// <param name="FullSeconds">Time of that training.</param>
/// <param name="BodyUnchanged">Whether the frozen convolutions kept the MNIST weights, bit for bit.</param>
public sealed record TransferLearningResult(float Before, float HeadOnly, double HeadOnlySeconds, float Full, double FullSeconds, bool BodyUnchanged);

/// <summary>
/// Freezes the convolutions of the trained MNIST convnet (Samples/MnistWeights), trains a new head on Fashion-MNIST, and
/// compares accuracy and time with training the whole network for the same epochs.
/// </summary>
public static class TransferLearningJob
{
    /// <summary>Runs the comparison on the first <paramref name="trainSamples"/>/<paramref name="testSamples"/> images.</summary>
    public static TransferLearningResult Run(string mnistWeights, int epochs, int trainSamples, int testSamples, int threads, TextWriter output, int verbose = 2)
    {
        KernelOptions.MaxThreads = threads;
        var data = FashionMnist.Load();
        var train = data.Train.Take(trainSamples).Rescale(1f / 255);
        var test = data.Test.Take(testSamples).Rescale(1f / 255);
        output.WriteLine(FashionOnMnistBody.Summary);

        var model = new FashionOnMnistBody(seed: 1);
        var report = model.LoadWeights(mnistWeights, strict: false);
        output.WriteLine("Loaded the MNIST convnet's body: " + report);
        var body = model.Conv2d1Kernel.Span.ToArray();

        var trainer = model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var before = trainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0).Accuracy;
        output.WriteLine(Line($"Fashion-MNIST test accuracy, MNIST body and an untrained head: {before:P2}"));

        // The same start for the full-training comparison: the loaded body and the untrained head.
        using var start = new MemoryStream();
        model.SaveWeights(start);

        var clock = Stopwatch.StartNew();
        trainer.Fit(train.Images, train.Labels, epochs: epochs, batchSize: 128, verbose: verbose, seed: 1, output: output);
        var headSeconds = clock.Elapsed.TotalSeconds;
        var headOnly = trainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0).Accuracy;
        var unchanged = body.AsSpan().SequenceEqual(model.Conv2d1Kernel.Span);
        output.WriteLine(Line($"Head only (convolutions frozen): {headOnly:P2} after {epochs} epochs in {headSeconds:F1} s; body unchanged: {unchanged}"));

        var full = new FashionOnMnistBody(seed: 1);
        start.Position = 0;
        full.LoadWeights(start);
        full.SetTrainable("conv2d", true);
        full.SetTrainable("conv2d_1", true);
        var fullTrainer = full.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        clock.Restart();
        fullTrainer.Fit(train.Images, train.Labels, epochs: epochs, batchSize: 128, verbose: verbose, seed: 1, output: output);
        var fullSeconds = clock.Elapsed.TotalSeconds;
        var fullAccuracy = fullTrainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0).Accuracy;
        output.WriteLine(Line($"Everything trained (the comparison): {fullAccuracy:P2} after {epochs} epochs in {fullSeconds:F1} s"));
        output.WriteLine(Line($"Freezing the body saved {fullSeconds - headSeconds:F1} s ({1 - headSeconds / fullSeconds:P0} of the training time)."));
        return new TransferLearningResult(before, headOnly, headSeconds, fullAccuracy, fullSeconds, unchanged);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
