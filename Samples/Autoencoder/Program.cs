// The convolutional autoencoder of the Keras tutorial "AutoEncoder 모델 구성 / 훈련 / 복원 테스트" (the Keras blog's
// "Building Autoencoders in Keras", convolutional section), step by step:
//   1. load MNIST, x_train / 255 is its own label        2. the model (ConvAutoencoder.cs)
//   3. compile(optimizer='adadelta', loss='binary_crossentropy'); fit(x_train, x_train, epochs=2, batch_size=256,
//      shuffle=True, validation_data=(x_test, x_test))   4. predict x_test[:10] and show originals over reconstructions.
// `dotnet run -c Release --project Samples/Autoencoder` writes artifacts/autoencoder/.
// `... -- kinds` trains the same model once per up-sampling kind of the tutorial's list (nearest, bilinear, bed of
// nails, max-unpooling, strided Conv2DTranspose) with Adadelta and with Adam (DecoderKindsJob.cs), and writes
// artifacts/autoencoder/kinds_reconstructions.png and the table kinds_results.md / kinds_results.png.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AutoencoderSample;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the weights and the plots.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "autoencoder")),
};
var epochs = new Option<int>("--epochs") { Description = "Training epochs (the tutorial: 2; 3 reach a test loss of about 0.10 in two to three minutes).", DefaultValueFactory = _ => 3 };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step (the tutorial: 256).", DefaultValueFactory = _ => 256 };
var samples = new Option<int>("--samples") { Description = "Training images used, from the start of x_train (all: 60000).", DefaultValueFactory = _ => Mnist.TrainCount };
var learningRate = new Option<float>("--learning-rate")
{
    Description = "Adadelta's learning rate (1.0: Keras' 'adadelta' before TF 2, the paper and PyTorch; TF 2's default 0.001 barely moves).",
    DefaultValueFactory = _ => 1.0f,
};
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

var command = new RootCommand("Trains the Keras tutorial's convolutional autoencoder on MNIST and shows test digits with their reconstructions.")
{
    output, epochs, batchSize, samples, learningRate, seed, threads,
};
command.SetAction(result => Run(
    result.GetValue(output)!, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(samples),
    result.GetValue(learningRate), result.GetValue(seed), result.GetValue(threads)));
command.Subcommands.Add(DecoderKindsCommand.Create());
return command.Parse(args).Invoke();

static int Run(DirectoryInfo output, int epochs, int batchSize, int samples, float learningRate, int seed, int threads)
{
    if (samples < 1 || samples > Mnist.TrainCount)
    {
        Console.Error.WriteLine($"--samples must be between 1 and {Mnist.TrainCount}, got {samples}.");
        return 1;
    }
    KernelOptions.MaxThreads = threads;

    // 1. (x_train, _), (x_test, _) = mnist.load_data(); x_train = x_train.astype('float32') / 255.
    var mnist = Mnist.Load();
    var xTrain = mnist.Train.Take(samples).Rescale(1f / 255).Images.ToArray();
    var xTest = mnist.Test.Rescale(1f / 255).Images.ToArray();

    // 2. autoencoder = Model(input_img, decoded); autoencoder.summary()
    var autoencoder = new ConvAutoencoder(seed);
    Console.WriteLine(ConvAutoencoder.Summary);

    // 3. autoencoder.compile(optimizer='adadelta', loss='binary_crossentropy')
    // Keras' 'adadelta' meant learning_rate=1.0 until TF 2 changed the default to 0.001 (Adadelta's paper and PyTorch
    // use 1.0); with 0.001 the loss barely moves in a few epochs, in Keras too. rho=0.95, epsilon=1e-7 as Keras.
    var trainer = autoencoder.Compile(new Adadelta(learningRate), Loss.BinaryCrossentropy);

    // autoencoder.fit(x_train, x_train, epochs=2, batch_size=256, shuffle=True, validation_data=(x_test, x_test))
    var clock = Stopwatch.StartNew();
    var history = trainer.Fit(xTrain, xTrain, epochs: epochs, batchSize: batchSize, shuffle: true,
        validationData: (xTest, xTest), seed: seed);
    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"trained {epochs} epochs on {samples} images in {clock.Elapsed.TotalSeconds:F1} s (test-set validation included)"));

    var test = trainer.Evaluate(xTest, xTest, batchSize: 256, verbose: 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test reconstruction loss (binary cross-entropy): {test.Loss:F4}"));

    // 4. x_test_10 = x_test[:10]; x_test_hat = autoencoder.predict(x_test_10), drawn as the tutorial's figure:
    // originals on top, reconstructions below.
    const int shown = 10;
    var pixels = ConvAutoencoder.InputSize;
    var xTest10 = xTest.AsSpan(0, shown * pixels);
    var figure = new float[2 * shown * pixels];
    xTest10.CopyTo(figure);
    autoencoder.Predict(xTest10, figure.AsSpan(shown * pixels));

    output.Create();
    var weightsPath = Path.Combine(output.FullName, "conv_autoencoder.safetensors");
    autoencoder.SaveWeights(weightsPath);
    var curvesPath = Path.Combine(output.FullName, "training_curves.png");
    TrainingPlots.SaveCurves(curvesPath, history, "Convolutional autoencoder (binary cross-entropy)");
    var figurePath = Path.Combine(output.FullName, "reconstructions.png");
    ImageGrid.Save(figurePath, figure, 28, 28, columns: shown,
        title: string.Create(CultureInfo.InvariantCulture, $"MNIST test digits and their reconstructions after {epochs} epoch{(epochs == 1 ? "" : "s")} (test loss {test.Loss:F4})"),
        rowLabels: ["original", "reconstructed"]);
    Console.WriteLine($"weights: {weightsPath}");
    Console.WriteLine($"loss per epoch: {curvesPath}");
    Console.WriteLine($"test digits (top) and reconstructions (bottom): {figurePath}");
    return 0;
}
