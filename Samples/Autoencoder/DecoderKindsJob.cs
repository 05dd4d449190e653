using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

namespace AutoencoderSample;

/// <summary>What the comparison trains: which kinds and optimizers, on how much data, for how long, and where it writes.</summary>
/// <param name="Output">Folder for the pictures and the table (created).</param>
/// <param name="Kinds">The decoder kinds, in the order of the rows.</param>
/// <param name="Optimizers">The optimizers each kind is trained with.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="TrainSamples">Training images, from the start of MNIST's 60,000.</param>
/// <param name="TestSamples">Test images the loss is measured on, from the start of MNIST's 10,000.</param>
/// <param name="BatchSize">Samples per step.</param>
/// <param name="Seed">Seed of every model's initial weights and of the shuffling.</param>
/// <param name="Threads">Kernel threads.</param>
public sealed record DecoderKindsOptions(
    DirectoryInfo Output,
    IReadOnlyList<DecoderKind> Kinds,
    IReadOnlyList<AutoencoderOptimizer> Optimizers,
    int Epochs,
    int TrainSamples,
    int TestSamples,
    int BatchSize,
    int Seed,
    int Threads);

/// <summary>One trained model of the comparison.</summary>
/// <param name="Kind">Its decoder kind.</param>
/// <param name="Optimizer">The optimizer it was trained with.</param>
/// <param name="Parameters">Its parameter count.</param>
/// <param name="UntrainedTestLoss">Binary cross-entropy on the test images before training.</param>
/// <param name="TrainingLoss">Mean training loss of each epoch.</param>
/// <param name="TestLoss">Binary cross-entropy on the test images after training.</param>
/// <param name="TrainingSeconds">Time of <c>Fit</c> alone (no validation inside it).</param>
/// <param name="Reconstructions">Its reconstructions of the first <see cref="DecoderKindsJob.ShownDigits"/> test digits.</param>
public sealed record DecoderKindResult(
    DecoderKind Kind,
    AutoencoderOptimizer Optimizer,
    int Parameters,
    float UntrainedTestLoss,
    IReadOnlyList<float> TrainingLoss,
    float TestLoss,
    double TrainingSeconds,
    float[] Reconstructions);

/// <summary>The comparison's results and the files it wrote.</summary>
/// <param name="Results">One entry per kind and optimizer, kinds outer.</param>
/// <param name="ReconstructionsPng">Test digits above every model's reconstructions.</param>
/// <param name="TableMarkdown">The table of losses and times as Markdown.</param>
/// <param name="TablePng">The same table as a picture.</param>
/// <param name="WallSeconds">Time of the whole run, data loading and pictures included.</param>
public sealed record DecoderKindsComparison(
    IReadOnlyList<DecoderKindResult> Results,
    string ReconstructionsPng,
    string TableMarkdown,
    string TablePng,
    double WallSeconds);

/// <summary>
/// Trains the tutorial's convolutional autoencoder once per decoder kind and optimizer on the same MNIST images (the
/// tutorial's recipe: each image its own target, binary cross-entropy, shuffled batches), then draws the test
/// digits above each model's reconstructions and tabulates test loss and training time.
/// </summary>
public static class DecoderKindsJob
{
    /// <summary>Test digits drawn in the reconstructions picture (the tutorial's <c>x_test[:10]</c>).</summary>
    public const int ShownDigits = 10;

    /// <summary>File name of the reconstructions picture under the output folder.</summary>
    public const string ReconstructionsFile = "kinds_reconstructions.png";

    /// <summary>File name of the Markdown table under the output folder.</summary>
    public const string TableMarkdownFile = "kinds_results.md";

    /// <summary>File name of the table picture under the output folder.</summary>
    public const string TablePngFile = "kinds_results.png";

    /// <summary>Runs the comparison, printing progress and the table to <paramref name="log"/>.</summary>
    public static DecoderKindsComparison Run(DecoderKindsOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (Problem(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        var wall = Stopwatch.StartNew();
        KernelOptions.MaxThreads = options.Threads;

        var mnist = Mnist.Load();
        var xTrain = mnist.Train.Take(options.TrainSamples).Rescale(1f / 255).Images.ToArray();
        var xTest = mnist.Test.Take(options.TestSamples).Rescale(1f / 255).Images.ToArray();
        log.WriteLine(Line($"{options.Kinds.Count} decoder kinds x {options.Optimizers.Count} optimizers, {options.Epochs} epoch(s) of {options.TrainSamples} MNIST images in batches of {options.BatchSize}; test loss on {options.TestSamples} test images."));

        var results = new List<DecoderKindResult>();
        foreach (var kind in options.Kinds)
        {
            log.WriteLine();
            log.WriteLine(Line($"== {DecoderKinds.Name(kind)}: {DecoderKinds.Description(kind)}"));
            log.WriteLine(DecoderKinds.Summary(kind));
            foreach (var optimizer in options.Optimizers)
            {
                var result = Train(kind, optimizer, xTrain, xTest, options);
                log.WriteLine(Line($"{DecoderKinds.Name(kind),-16} {DecoderKinds.Name(optimizer),-9} test loss {result.UntrainedTestLoss:F4} -> {result.TestLoss:F4}, trained in {result.TrainingSeconds:F1} s"));
                results.Add(result);
            }
        }

        options.Output.Create();
        var reconstructions = Path.Combine(options.Output.FullName, ReconstructionsFile);
        SaveReconstructions(reconstructions, xTest.AsSpan(0, ShownDigits * ConvAutoencoder.InputSize), results, options.Epochs);
        var table = DecoderKindsTable.From(results, options);
        var markdown = Path.Combine(options.Output.FullName, TableMarkdownFile);
        File.WriteAllText(markdown, table.ToMarkdown());
        var png = Path.Combine(options.Output.FullName, TablePngFile);
        table.SavePng(png);
        wall.Stop();

        log.WriteLine();
        log.WriteLine(table.ToMarkdown());
        log.WriteLine($"test digits over each model's reconstructions: {reconstructions}");
        log.WriteLine($"table: {markdown}, {png}");
        log.WriteLine(Line($"wall time: {wall.Elapsed.TotalSeconds:F1} s"));
        return new DecoderKindsComparison(results, reconstructions, markdown, png, wall.Elapsed.TotalSeconds);
    }

    private static DecoderKindResult Train(DecoderKind kind, AutoencoderOptimizer optimizer, float[] xTrain, float[] xTest, DecoderKindsOptions options)
    {
        var network = DecoderKinds.Create(kind, options.Seed);
        var trainer = network.Compile(CreateOptimizer(optimizer), Loss.BinaryCrossentropy);
        var before = trainer.Evaluate(xTest, xTest, batchSize: 256, verbose: 0).Loss;

        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(xTrain, xTrain, epochs: options.Epochs, batchSize: options.BatchSize, verbose: 0, shuffle: true, seed: options.Seed);
        clock.Stop();

        var after = trainer.Evaluate(xTest, xTest, batchSize: 256, verbose: 0).Loss;
        var shown = new float[ShownDigits * ConvAutoencoder.InputSize];
        network.Predict(xTest.AsSpan(0, shown.Length), shown);
        return new DecoderKindResult(kind, optimizer, network.ParameterCount, before, history["loss"].ToArray(), after, clock.Elapsed.TotalSeconds, shown);
    }

    /// <summary>
    /// The tutorial's <c>optimizer='adadelta'</c> meant learning rate 1.0 until TF 2 changed Keras' default to 0.001 (with
    /// which the loss barely moves in a few epochs); Adam with Keras' defaults.
    /// </summary>
    private static Optimizer CreateOptimizer(AutoencoderOptimizer optimizer) => optimizer switch
    {
        AutoencoderOptimizer.Adadelta => new Adadelta(learningRate: 1f),
        AutoencoderOptimizer.Adam => new Adam(),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Not an optimizer of the comparison."),
    };

    /// <summary>The tutorial's figure with one row per model: the originals on top, each model's reconstructions below.</summary>
    private static void SaveReconstructions(string path, ReadOnlySpan<float> originals, IReadOnlyList<DecoderKindResult> results, int epochs)
    {
        var pixels = ConvAutoencoder.InputSize;
        var figure = new float[(results.Count + 1) * ShownDigits * pixels];
        originals.CopyTo(figure);
        var labels = new List<string> { "test digits" };
        for (var i = 0; i < results.Count; i++)
        {
            results[i].Reconstructions.CopyTo(figure.AsSpan((i + 1) * ShownDigits * pixels));
            labels.Add($"{DecoderKinds.Label(results[i].Kind)}, {results[i].Optimizer}");
        }
        ImageGrid.Save(path, figure, 28, 28, columns: ShownDigits,
            title: Line($"MNIST test digits and their reconstructions by each decoder kind after {epochs} epoch{(epochs == 1 ? "" : "s")}"),
            rowLabels: labels);
    }

    /// <summary>What is wrong with <paramref name="options"/>, or null when they can run.</summary>
    public static string? Problem(DecoderKindsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options switch
        {
            { Kinds.Count: 0 } or { Optimizers.Count: 0 } => "Choose at least one decoder kind and one optimizer.",
            { Epochs: < 1 } => $"--epochs must be at least 1, got {options.Epochs}.",
            { TrainSamples: < 1 or > Mnist.TrainCount } => $"--samples must be between 1 and {Mnist.TrainCount}, got {options.TrainSamples}.",
            { TestSamples: < ShownDigits or > Mnist.TestCount } => $"--test-samples must be between {ShownDigits} (the digits drawn) and {Mnist.TestCount}, got {options.TestSamples}.",
            { BatchSize: < 1 } => $"--batch-size must be at least 1, got {options.BatchSize}.",
            { Threads: < 1 } => $"--threads must be at least 1, got {options.Threads}.",
            _ => null,
        };
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
