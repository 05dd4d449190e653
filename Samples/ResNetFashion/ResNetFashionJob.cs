using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

namespace ResNetFashionSample;

/// <summary>The figures of one run.</summary>
/// <param name="TestAccuracy">Accuracy on the evaluated test images.</param>
/// <param name="TestLoss">Mean categorical cross-entropy on them.</param>
/// <param name="TrainingSeconds">Time of <c>Fit</c> (validation included).</param>
/// <param name="History">Loss and accuracy per epoch, training and validation.</param>
/// <param name="CurvesPath">The PNG of the curves.</param>
/// <param name="WeightsPath">The saved weights.</param>
public sealed record ResNetFashionResult(float TestAccuracy, float TestLoss, double TrainingSeconds, History History, string CurvesPath, string WeightsPath);

/// <summary>
/// Trains <see cref="FashionResNet"/> on Fashion-MNIST as Keras' examples do (Adam, categorical cross-entropy, the last
/// 10% of the training images held out for validation), with a cosine-decayed learning rate so the last epochs settle,
/// then evaluates on the test set and writes the weights and the loss/accuracy curves.
/// </summary>
public static class ResNetFashionJob
{
    /// <summary>Weight file name under the output folder.</summary>
    public const string WeightsFile = "fashion_resnet.safetensors";

    /// <summary>Curves file name under the output folder.</summary>
    public const string CurvesFile = "training_curves.png";

    /// <summary>
    /// Runs training on the first <paramref name="trainSamples"/> training images (all when 0) and evaluates on the first
    /// <paramref name="testSamples"/> test images (all when 0; smoke tests use a few); <paramref name="weightDecay"/> &gt; 0
    /// trains with AdamW's decoupled weight decay instead of plain Adam.
    /// </summary>
    public static ResNetFashionResult Run(DirectoryInfo output, int epochs, int batchSize, float learningRate, int seed, int threads,
        TextWriter log, int trainSamples = 0, int testSamples = 0, int verbose = 1, float weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(log);
        KernelOptions.MaxThreads = threads;
        var data = FashionMnist.Load();
        var train = (trainSamples > 0 ? data.Train.Take(trainSamples) : data.Train).Rescale(1f / 255);
        var test = (testSamples > 0 ? data.Test.Take(testSamples) : data.Test).Rescale(1f / 255);

        // Keras' validation_split=0.1: the last 10% of the training data, before shuffling.
        var validationCount = train.Count / 10;
        var fit = train.Slice(0, train.Count - validationCount);
        var validation = train.Slice(fit.Count, validationCount);

        var model = new FashionResNet(seed);
        var stepsPerEpoch = (fit.Count + batchSize - 1) / batchSize;
        // Cosine decay to 0 over the whole run: a high rate while the network finds its features, a small one at the end
        // where the accuracy of the last epochs is decided (what lifts a small ResNet over 93% within 15 epochs).
        var schedule = new CosineDecay(learningRate, decaySteps: (long)stepsPerEpoch * epochs);
        var optimizer = weightDecay > 0 ? new AdamW(schedule, weightDecay) : new Adam(schedule);
        var trainer = model.Compile(optimizer, Loss.CategoricalCrossentropy, Metric.Accuracy);

        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(fit.Images, fit.ToOneHot(), epochs: epochs, batchSize: batchSize, verbose: verbose,
            validationData: (validation.Images.ToArray(), validation.ToOneHot()), seed: seed, output: log);
        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        log.WriteLine(Line($"trained {epochs} epochs of {fit.Count} images in {seconds:F1} s ({(double)epochs * fit.Count / seconds:F0} samples/s, validation included)"));

        var result = trainer.Evaluate(test.Images, test.ToOneHot(), batchSize: 250, verbose: 0);
        log.WriteLine(Line($"test loss: {result.Loss:F4}"));
        log.WriteLine(Line($"test accuracy: {result.Accuracy * 100:F2}% ({test.Count} images)"));

        output.Create();
        var weightsPath = Path.Combine(output.FullName, WeightsFile);
        model.SaveWeights(weightsPath);
        var curvesPath = Path.Combine(output.FullName, CurvesFile);
        TrainingPlots.SaveCurves(curvesPath, history, "ResNet on Fashion-MNIST");
        log.WriteLine($"weights: {weightsPath}");
        log.WriteLine($"loss and accuracy per epoch: {curvesPath}");
        return new ResNetFashionResult(result.Accuracy, result.Loss, seconds, history, curvesPath, weightsPath);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
