using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

namespace ImageFolderPipelineSample;

/// <summary>What the pipeline is run with.</summary>
/// <param name="Output">Folder for the PNG data set and the plots.</param>
/// <param name="Epochs">Most epochs; early stopping usually ends sooner.</param>
/// <param name="BatchSize">Images per batch (the tutorial: 32).</param>
/// <param name="Seed">Seed of the split, the shuffles and the weights (the tutorial: 123).</param>
/// <param name="TrainImages">Fashion-MNIST training images written as PNGs (all: 60000).</param>
/// <param name="TestImages">Fashion-MNIST test images written as PNGs (all: 10000).</param>
/// <param name="Patience">Early stopping's patience in epochs on <c>val_loss</c>.</param>
/// <param name="Threads">Kernel threads.</param>
/// <param name="Verbose">Fit's progress output: 0 silent, 1 bar, 2 one line per epoch.</param>
/// <param name="DataDirectory">Where Fashion-MNIST's IDX files are (default: Debian's package).</param>
public sealed record PipelineOptions(
    string Output, int Epochs = 10, int BatchSize = 32, int Seed = 123, int TrainImages = 60_000, int TestImages = 10_000,
    int Patience = 2, int Threads = 0, int Verbose = 1, string? DataDirectory = null);

/// <summary>What a run found.</summary>
/// <param name="ClassNames">The class names, inferred from the folder names (sorted).</param>
/// <param name="TrainingImages">Files in the training subset.</param>
/// <param name="ValidationImages">Files in the validation subset.</param>
/// <param name="TestImages">Files in the test folder.</param>
/// <param name="History">Per-epoch loss, accuracy and their validation twins.</param>
/// <param name="BestEpoch">0-based epoch whose weights were restored.</param>
/// <param name="TestLoss">Test-folder loss with the restored weights.</param>
/// <param name="TestAccuracy">Test-folder accuracy with the restored weights.</param>
/// <param name="TrainingTime">Wall time of Fit.</param>
/// <param name="CurvesPng">The loss and accuracy curves.</param>
/// <param name="ExamplesPng">Example images of each class, as read from the folder.</param>
public sealed record PipelineResult(
    IReadOnlyList<string> ClassNames, int TrainingImages, int ValidationImages, int TestImages, History History, int BestEpoch,
    float TestLoss, float TestAccuracy, TimeSpan TrainingTime, string CurvesPng, string ExamplesPng);

/// <summary>
/// The flowers tutorial's steps on Fashion-MNIST written as PNG folders: write the folders once; read them with
/// <c>ImageFolder.SplitFromDirectory</c> (validation_split=0.2, seed=123); show the class names and examples; train the
/// model with Rescaling and augmentation layers and early stopping; evaluate on the test folder.
/// </summary>
public static class ImageFolderPipelineJob
{
    /// <summary>Runs every step, logging to <paramref name="log"/>.</summary>
    public static PipelineResult Run(PipelineOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        KernelOptions.MaxThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        Directory.CreateDirectory(options.Output);

        // 1. The data as the tutorial has it: a folder per class. Written from the IDX files once.
        string trainFolder = Path.Combine(options.Output, "fashion-mnist-png", "train");
        string testFolder = Path.Combine(options.Output, "fashion-mnist-png", "test");
        WriteFolders(options, trainFolder, testFolder, log);

        // 2. train_ds, val_ds = tf.keras.utils.image_dataset_from_directory(data_dir, validation_split=0.2,
        //        subset="both", seed=123, image_size=(28, 28), batch_size=32, color_mode="grayscale")
        var (train, validation) = ImageFolder.SplitFromDirectory(
            trainFolder, validationSplit: 0.2, seed: options.Seed, imageSize: (28, 28), batchSize: options.BatchSize, colorMode: ColorMode.Grayscale);
        using var test = ImageFolder.FromDirectory(
            testFolder, imageSize: (28, 28), batchSize: 256, colorMode: ColorMode.Grayscale, shuffle: false, classNames: train.ClassNames);
        using (train)
        using (validation)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Found {train.Count + validation.Count} files belonging to {train.ClassCount} classes. Using {train.Count} files for training, {validation.Count} for validation; {test.Count} test files."));
            log.WriteLine("class_names: " + string.Join(", ", train.ClassNames.Select(name => $"'{name}'")));
            string examplesPng = Path.Combine(options.Output, "examples.png");
            SaveExamples(validation, examplesPng);

            // 3. model = Sequential([Rescaling(1./255), RandomFlip, RandomTranslation, RandomZoom, Conv2D..., Dense(num_classes)])
            //    model.compile(optimizer='adam', loss=SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
            var model = new FashionFolderNet(options.Seed);
            log.WriteLine(FashionFolderNet.Summary);
            var trainer = model.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true), Metric.Accuracy);

            // 4. model.fit(train_ds, validation_data=val_ds, epochs=epochs,
            //        callbacks=[EarlyStopping(monitor='val_loss', patience=2, restore_best_weights=True)])
            var stopping = new EarlyStopping(monitor: "val_loss", patience: options.Patience, restoreBestWeights: true, verbose: 1);
            var clock = Stopwatch.StartNew();
            var history = trainer.Fit(train, epochs: options.Epochs, verbose: options.Verbose, callbacks: [stopping], validationData: validation, output: log);
            clock.Stop();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {history["loss"].Count} epochs in {clock.Elapsed.TotalSeconds:F1} s; best epoch {stopping.BestEpoch + 1} (val_loss {stopping.Best:F4}), its weights restored; {train.DecodedImages + validation.DecodedImages} PNGs decoded from disk"));

            // 5. model.evaluate(test_ds)
            var (testLoss, testAccuracy) = trainer.Evaluate(test, verbose: 0);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy {testAccuracy:P2} (loss {testLoss:F4}) on {test.Count} PNGs"));

            string curvesPng = Path.Combine(options.Output, "training_curves.png");
            TrainingPlots.SaveCurves(curvesPng, history, "Fashion-MNIST from PNG folders"); // per panel: a short title fits
            log.WriteLine($"wrote {curvesPng} and {examplesPng}");
            return new PipelineResult(
                train.ClassNames, train.Count, validation.Count, test.Count, history, stopping.BestEpoch, testLoss, testAccuracy,
                clock.Elapsed, curvesPng, examplesPng);
        }
    }

    // Reads the IDX files only when a folder is missing; the in-memory copy (220 MB of floats) is garbage once written,
    // so training holds only the file lists and the batches being decoded.
    private static void WriteFolders(PipelineOptions options, string trainFolder, string testFolder, TextWriter log)
    {
        if (PngFolderWriter.IsComplete(trainFolder, options.TrainImages) && PngFolderWriter.IsComplete(testFolder, options.TestImages))
        {
            log.WriteLine($"{trainFolder} and {testFolder}: already written, not written again.");
            return;
        }

        var fashion = FashionMnist.Load(options.DataDirectory);
        PngFolderWriter.WriteOnce(fashion.Train, options.TrainImages, trainFolder, log);
        PngFolderWriter.WriteOnce(fashion.Test, options.TestImages, testFolder, log);
    }

    // The tutorial's first look at the data: a few images of every class, read through the data set like training reads them.
    private static void SaveExamples(ImageFolderDataset data, string path)
    {
        const int perClass = 8;
        int size = data.SampleShape.Size;
        var grid = new float[data.ClassCount * perClass * size];
        var filled = new int[data.ClassCount];
        var x = new float[data.BatchSize * size];
        var y = new float[data.BatchSize];
        data.StartEpoch(0);
        for (int b = 0; b < data.BatchCount && filled.Min() < perClass; b++)
        {
            int n = data.FillBatch(b, x, y);
            for (int i = 0; i < n; i++)
            {
                int label = (int)y[i];
                if (filled[label] < perClass)
                {
                    x.AsSpan(i * size, size).CopyTo(grid.AsSpan(((label * perClass) + filled[label]++) * size, size));
                }
            }
        }

        ImageGrid.Save(path, grid, data.SampleShape.Height, data.SampleShape.Width, perClass, "Images read from the class folders",
            rowLabels: data.ClassNames, low: 0f, high: 255f);
    }
}
