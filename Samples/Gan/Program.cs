// A convolutional GAN on MNIST, written like the custom training loops of PyTorch's DCGAN tutorial and the
// convolutional GAN tutorial ("합성곱 GAN": conv layers, LeakyReLU, BatchNorm, binary cross-entropy, one step for the
// discriminator on real and fake digits, then one for the generator through the discriminator):
//   for real in dataloader:
//       fake = G(noise)
//       errD = BCE(D(real), 1) + BCE(D(fake.detach()), 0); errD.backward(); optimizerD.step()
//       errG = BCE(D(fake), 1); errG.backward(); optimizerG.step()          # only G's weights move
// Both networks use Adam(lr=2e-4, beta1=0.5) as DCGAN. `dotnet run -c Release --project Samples/Gan` writes
// artifacts/gan/: the generator's weights, the fixed-noise samples after every epoch, and both losses per epoch.
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GanSample;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the generator's weights and the pictures.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "gan")),
};
var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => 5 };
var batchSize = new Option<int>("--batch-size") { Description = "Real (and as many fake) images per step.", DefaultValueFactory = _ => 64 };
var samples = new Option<int>("--samples") { Description = "Training images used, from the start of MNIST's training set (all: 60000).", DefaultValueFactory = _ => 30_000 };
var seed = new Option<int>("--seed") { Description = "Seed of the weights, the noise, dropout and shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

var command = new RootCommand("Trains a small DCGAN on MNIST with a hand-written loop and draws its digits after every epoch.")
{
    output, epochs, batchSize, samples, seed, threads,
};
command.SetAction(result => Run(
    result.GetValue(output)!, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(samples),
    result.GetValue(seed), result.GetValue(threads)));
return command.Parse(args).Invoke();

static int Run(DirectoryInfo output, int epochs, int batchSize, int samples, int seed, int threads)
{
    if (samples < 1 || samples > Mnist.TrainCount || batchSize < 1 || batchSize > samples || epochs < 1)
    {
        Console.Error.WriteLine($"Need 1 <= --batch-size <= --samples <= {Mnist.TrainCount} and --epochs >= 1; got batch {batchSize}, samples {samples}, epochs {epochs}.");
        return 1;
    }
    KernelOptions.MaxThreads = threads;
    output.Create();

    // Real digits scaled to [-1, 1], the range of the generator's tanh.
    var real = Mnist.Load().Train.Take(samples).Rescale(1f / 127.5f, -1f);
    const int noiseSize = Generator.InputSize;
    const int imageSize = Discriminator.InputSize;

    var generator = new Generator(seed);
    var discriminator = new Discriminator(seed + 1);
    Console.WriteLine(Generator.Summary);
    Console.WriteLine(Discriminator.Summary);

    // optimizerD = Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999)); criterion = nn.BCELoss()
    var discriminatorTrainer = discriminator.Compile(new Adam(2e-4f, beta1: 0.5f), Loss.BinaryCrossentropy);
    // optimizerG = Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))
    var generatorOptimizer = new Adam(2e-4f, beta1: 0.5f);
    generatorOptimizer.Build(generator);

    // A fixed noise batch: the same 100 points drawn after every epoch show the generator's progress.
    var random = new SeededRandom((ulong)seed);
    const int shown = 100;
    var fixedNoise = new float[shown * noiseSize];
    FillGaussian(fixedNoise, ref random);

    // Buffers for one step, allocated once: D's batch is the real images followed by as many fakes (labels 1 then 0).
    var noise = new float[batchSize * noiseSize];
    var discriminatorBatch = new float[2 * batchSize * imageSize];
    var discriminatorLabels = new float[2 * batchSize];
    discriminatorLabels.AsSpan(0, batchSize).Fill(1f);
    var realLabels = Enumerable.Repeat(1f, batchSize).ToArray();
    var scoreGradient = new float[batchSize];
    var order = Enumerable.Range(0, real.Count).ToArray();
    var batchIndices = new int[batchSize];
    var unusedLabels = new int[batchSize];

    var discriminatorLosses = new List<float>();
    var generatorLosses = new List<float>();
    var progress = new List<float>();   // the first row of the fixed-noise samples after every epoch
    var stepsPerEpoch = real.Count / batchSize; // the last partial batch is dropped (DataLoader's drop_last=True)
    var clock = Stopwatch.StartNew();
    for (var epoch = 1; epoch <= epochs; epoch++)
    {
        random.Shuffle(order);
        double discriminatorSum = 0, generatorSum = 0, fooledSum = 0;
        for (var step = 0; step < stepsPerEpoch; step++)
        {
            // (1) Update D: maximize log(D(x)) + log(1 - D(G(z))), on a batch of real digits and one of fakes.
            order.AsSpan(step * batchSize, batchSize).CopyTo(batchIndices);
            real.CopyBatch(batchIndices, discriminatorBatch.AsSpan(0, batchSize * imageSize), unusedLabels);
            FillGaussian(noise, ref random);
            var fake = generator.Forward(noise, training: true);
            fake.CopyTo(discriminatorBatch.AsSpan(batchSize * imageSize));   // fake.detach(): D's step leaves G alone
            discriminatorSum += discriminatorTrainer.TrainStep(discriminatorBatch, discriminatorLabels);

            // (2) Update G: maximize log(D(G(z))). The loss gradient at D's output, with "real" as the target, goes back
            // through D (whose own gradients are discarded) into G's output and on into G's weights; only G steps.
            var scores = discriminator.Forward(fake, training: true);
            fooledSum += Mean(scores);
            generatorSum += Loss.BinaryCrossentropy.Compute(scores, realLabels, 1, scoreGradient);
            discriminator.Gradients.Clear();
            generator.Gradients.Clear();
            var imageGradient = discriminator.Backward(scoreGradient);      // dLoss/dImage
            generator.AccumulateGradients(imageGradient); // the noise needs no gradient
            generatorOptimizer.Step(generator.TrainableParameters, generator.Gradients);
        }

        discriminatorLosses.Add((float)(discriminatorSum / stepsPerEpoch));
        generatorLosses.Add((float)(generatorSum / stepsPerEpoch));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch}/{epochs} - {stepsPerEpoch} steps - {clock.Elapsed.TotalSeconds:F0} s - loss_D: {discriminatorLosses[^1]:F4} - loss_G: {generatorLosses[^1]:F4} - D(G(z)): {fooledSum / stepsPerEpoch:F3}"));

        // The generator in inference mode (batch normalization's moving statistics), as TensorFlow's tutorial draws it.
        var images = generator.Predict(fixedNoise);
        progress.AddRange(images.AsSpan(0, 10 * imageSize).ToArray());
        ImageGrid.Save(Path.Combine(output.FullName, $"epoch_{epoch:D2}.png"), images, 28, 28, columns: 10,
            title: $"Generated digits after epoch {epoch} (fixed noise)", low: -1f, high: 1f);
    }
    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"trained {epochs} epochs of {stepsPerEpoch} steps (batch {batchSize}) in {clock.Elapsed.TotalSeconds:F1} s"));

    var weightsPath = Path.Combine(output.FullName, "generator.safetensors");
    generator.SaveWeights(weightsPath);
    discriminator.SaveWeights(Path.Combine(output.FullName, "discriminator.safetensors"));
    var progressPath = Path.Combine(output.FullName, "progress.png");
    ImageGrid.Save(progressPath, progress.ToArray(), 28, 28, columns: 10,
        title: "The same ten noise vectors after each epoch",
        rowLabels: Enumerable.Range(1, epochs).Select(e => $"epoch {e}").ToArray(), low: -1f, high: 1f);
    var lossesPath = Path.Combine(output.FullName, "losses.png");
    TrainingPlots.SaveLosses(lossesPath, [("discriminator", discriminatorLosses), ("generator", generatorLosses)],
        "DCGAN on MNIST: binary cross-entropy per epoch");
    Console.WriteLine($"generator weights: {weightsPath}");
    Console.WriteLine($"generated digits: {Path.Combine(output.FullName, $"epoch_{epochs:D2}.png")} (one file per epoch), {progressPath}");
    Console.WriteLine($"losses per epoch: {lossesPath}");
    return 0;
}

static void FillGaussian(Span<float> values, ref SeededRandom random)
{
    for (var i = 0; i < values.Length; i++)
    {
        values[i] = random.NextGaussian();
    }
}

static float Mean(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.Sum(values) / values.Length;
