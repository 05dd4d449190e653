using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Generated.Data;
using Generated.Kernels;
using Generated.Training;

namespace Generated.Samples.Common;

/// <summary>
/// What the image-classifier samples do, as Keras' examples do it: compile with Adam and categorical
/// cross-entropy, fit with a 10% validation split, evaluate on the test set, then save the weights, the
/// loss/accuracy curves and a grid of test images with their predicted labels.
/// </summary>
/// <typeparam name="TNetwork">The generated network class.</typeparam>
public sealed class ImageClassifierJob<TNetwork> where TNetwork : INetwork
{
    private readonly string _title;
    private readonly string _weightsFile;
    private readonly Func<int, TNetwork> _create;
    private readonly Func<(ImageDataset Train, ImageDataset Test)> _load;

    /// <summary>Describes a job: a display title, the weight file name, a factory taking a seed, and the data.</summary>
    public ImageClassifierJob(string title, string weightsFile, Func<int, TNetwork> create, Func<(ImageDataset Train, ImageDataset Test)> load)
    {
        _title = title;
        _weightsFile = weightsFile;
        _create = create;
        _load = load;
    }

    /// <summary>Trains, evaluates and writes the weights and plots to <paramref name="output"/>; prints <c>test accuracy: NN.NN%</c> last but three.</summary>
    public int Train(DirectoryInfo output, int epochs, int batchSize, int seed, int threads, string summary)
    {
        KernelOptions.MaxThreads = threads;
        var (train, test) = _load();
        Console.WriteLine(summary);

        var model = _create(seed);
        var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);
        var clock = Stopwatch.StartNew();
        // Keras' validation_split=0.1: the last 10% of the training data, before shuffling.
        var validationCount = train.Count / 10;
        var fit = train.Slice(0, train.Count - validationCount);
        var validation = train.Slice(fit.Count, validationCount);
        var history = trainer.Fit(fit.Images, fit.ToOneHot(), epochs: epochs, batchSize: batchSize,
            validationData: (validation.Images.ToArray(), validation.ToOneHot()), seed: seed);
        clock.Stop();
        var trainingSamples = (double)epochs * fit.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {epochs} epochs in {clock.Elapsed.TotalSeconds:F1} s: {trainingSamples / clock.Elapsed.TotalSeconds:F0} training samples/s (validation included in the time)"));

        PrintTestResult(trainer.Evaluate(test.Images, test.ToOneHot(), batchSize: 256, verbose: 0));

        output.Create();
        var weightsPath = Path.Combine(output.FullName, _weightsFile);
        model.SaveWeights(weightsPath);
        var curvesPath = Path.Combine(output.FullName, "training_curves.png");
        TrainingPlots.SaveCurves(curvesPath, history, _title);
        var gridPath = Path.Combine(output.FullName, "test_predictions.png");
        SavePredictionGrid(model, test, gridPath);
        Console.WriteLine($"weights: {weightsPath}");
        Console.WriteLine($"loss and accuracy per epoch: {curvesPath}");
        Console.WriteLine($"test images with predicted labels: {gridPath}");
        return 0;
    }

    /// <summary>Reloads weights written by <see cref="Train"/> (or <paramref name="weights"/>) and evaluates them on the test set.</summary>
    public int Evaluate(DirectoryInfo output, FileInfo? weights, int threads)
    {
        KernelOptions.MaxThreads = threads;
        var path = weights?.FullName ?? Path.Combine(output.FullName, _weightsFile);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No weights at {path}: train first (without the 'evaluate' command), or pass --weights.");
            return 1;
        }
        var (_, test) = _load();
        var model = _create(0);
        model.LoadWeights(path);
        Console.WriteLine($"loaded {path}");
        var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);
        PrintTestResult(trainer.Evaluate(test.Images, test.ToOneHot(), batchSize: 256, verbose: 0));
        return 0;
    }

    private static void PrintTestResult(EvaluationResult result)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test loss: {result.Loss:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {result.Accuracy * 100:F2}%"));
    }

    /// <summary>The first 100 test images with their predictions; wrong ones are marked in the picture.</summary>
    private void SavePredictionGrid(TNetwork model, ImageDataset test, string path)
    {
        var sample = test.Take(100);
        var scores = new float[sample.Count * test.ClassCount];
        model.Predict(sample.Images, scores);
        var predicted = new int[sample.Count];
        for (var i = 0; i < predicted.Length; i++)
        {
            predicted[i] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(scores.AsSpan(i * test.ClassCount, test.ClassCount));
        }
        DigitGrid.Save(path, sample, predicted, columns: 10, title: $"{_title}: predicted label (true label if wrong)");
    }
}
