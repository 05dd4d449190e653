using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Kernels;
using Generated.Samples.Common;
using Generated.Training;

namespace GanSample;

/// <summary>What one GAN training run does: data, steps, optimizers, label smoothing and the final measure.</summary>
/// <param name="Output">Folder for the weights and pictures (created).</param>
/// <param name="ClassifierWeights">The trained MNIST convnet's weights, for the measure.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Real (and as many fake) images per step.</param>
/// <param name="Samples">Training images used, from the start of MNIST's training set.</param>
/// <param name="Seed">Seed of the weights, the noise and the shuffling.</param>
/// <param name="Threads">Kernel threads.</param>
/// <param name="GeneratorLearningRate">Adam's learning rate for the generator.</param>
/// <param name="DiscriminatorLearningRate">Adam's learning rate for the discriminator.</param>
/// <param name="Beta1">Adam's beta1 for both (DCGAN: 0.5).</param>
/// <param name="RealLabel">The discriminator's target for real digits: 0.9 is one-sided label smoothing, 1 none.</param>
/// <param name="Measured">Generated digits the classifier measures after each epoch and at the end.</param>
/// <param name="GeneratorAverage">
/// Decay of an exponential moving average of the generator's weights (0, the default: none; e.g. 0.999): the averaged
/// generator draws the pictures and the measured digits, the trained one goes on learning. Averaging smooths the
/// step-to-step oscillation of GAN training (Yazıcı et al. 2019, "The Unusual Effectiveness of Averaging in GAN
/// Training"; ProGAN, StyleGAN, BigGAN). Measured here with 0.999 it did not help in the first epochs: 52.4% and 61.6%
/// confident after epochs 1 and 2, against the trained weights' 54.4% and 61.7%, with a smaller smallest class.
/// </param>
/// <param name="CosineDecay">
/// Both learning rates follow a cosine from their start to 0 over the run (Keras' <c>CosineDecay</c>; the default), or,
/// with false, stay constant as in PyTorch's DCGAN tutorial. The late, small steps settle the oscillation of GAN
/// training instead of feeding it: 67.5% confident after 15 epochs against 66.7% after 6 at a constant rate, which had
/// stopped rising (both without the generator's 28x28 stage).
/// </param>
/// <param name="NoiseModes">
/// The noise prior (<see cref="NoisePrior"/>): 0, one standard Gaussian as in DCGAN; 2 or more, an equal mixture of
/// that many unit Gaussians with fixed, seeded means, so that no noise falls between the digits the generator draws.
/// </param>
/// <param name="NoiseSpread">The standard deviation of the mixture's means (each mode's own is 1).</param>
/// <param name="Candidates">
/// At the end, the generator draws this many candidates per measured digit and the discriminator keeps the one it scores
/// as most real (<see cref="DiscriminatorPick"/>); measured beside the generator's own digits (1: only those).
/// </param>
/// <param name="Conditional">
/// Train the conditional GAN (<see cref="ConditionalGenerator"/>, <see cref="ConditionalDiscriminator"/>: both networks
/// see the digit's one-hot label, as in Keras' conditional GAN example) instead of the seed's unconditional one. The
/// measured digits then ask for every digit equally often, and the measure also counts those classified confidently as
/// the digit asked for.
/// </param>
public sealed record GanOptions(
    DirectoryInfo Output,
    string ClassifierWeights,
    int Epochs = 12,
    int BatchSize = 64,
    int Samples = 60_000,
    int Seed = 1,
    int Threads = 0,
    float GeneratorLearningRate = 2e-4f,
    float DiscriminatorLearningRate = 2e-4f,
    float Beta1 = 0.5f,
    float RealLabel = 0.9f,
    int Measured = 1000,
    float GeneratorAverage = 0f,
    bool CosineDecay = true,
    int NoiseModes = 0,
    float NoiseSpread = 1f,
    int Candidates = 2,
    bool Conditional = false);

/// <summary>The outcome of <see cref="GanJob.Run"/>: losses per epoch, the final measure and the time.</summary>
/// <param name="DiscriminatorLosses">Mean discriminator loss (real plus fake) per epoch.</param>
/// <param name="GeneratorLosses">Mean generator loss per epoch.</param>
/// <param name="Measures">The classifier measure of the generated digits after each epoch (the averaged generator's when averaging); the last is the result.</param>
/// <param name="TrainedGeneratorMeasures">The same measure of the trained generator's own weights after each epoch (equal to <paramref name="Measures"/> without averaging).</param>
/// <param name="Training">Wall time of the training loop.</param>
/// <param name="Picked">The measure of the discriminator's pick of <see cref="GanOptions.Candidates"/> candidates per digit (with one candidate, the generator's own digits again).</param>
public sealed record GanResult(
    IReadOnlyList<float> DiscriminatorLosses, IReadOnlyList<float> GeneratorLosses, IReadOnlyList<DigitQualityReport> Measures,
    IReadOnlyList<DigitQualityReport> TrainedGeneratorMeasures, TimeSpan Training, DigitQualityReport Picked)
{
    /// <summary>The measure after the last epoch.</summary>
    public DigitQualityReport Final => Measures[^1];
}

/// <summary>
/// Trains the DCGAN of <see cref="Generator"/> and <see cref="Discriminator"/> (or, conditional, of
/// <see cref="ConditionalGenerator"/> and <see cref="ConditionalDiscriminator"/>) on MNIST with a hand-written loop, the
/// way PyTorch's DCGAN tutorial does, and measures its digits with the trained MNIST classifier.
/// </summary>
public static class GanJob
{
    /// <summary>The measure's target: this share of the generated digits classified with confidence 0.9 or more...</summary>
    public const float TargetConfident = 0.8f;

    /// <summary>... and at least this share for every digit (no mode collapse).</summary>
    public const float TargetClassShare = 0.04f;

    /// <summary>Trains on <paramref name="training"/> (MNIST digits scaled to [0, 1]) and writes the PNGs and weights under the output folder.</summary>
    public static GanResult Run(GanOptions options, ImageDataset training, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(log);
        int batchSize = options.BatchSize;
        if (options.Samples < 1 || options.Samples > training.Count || batchSize < 1 || batchSize > options.Samples || options.Epochs < 1 || options.Measured < 1)
        {
            throw new ArgumentException(
                $"Need 1 <= batch size <= samples <= {training.Count}, epochs >= 1 and measured >= 1; got batch {batchSize}, samples {options.Samples}, epochs {options.Epochs}, measured {options.Measured}.",
                nameof(options));
        }
        if (!(options.GeneratorAverage >= 0f && options.GeneratorAverage < 1f))
        {
            throw new ArgumentException(
                $"The generator average's decay is in [0, 1) (0: no averaging); got {options.GeneratorAverage}.", nameof(options));
        }
        if (options.Candidates < 1)
        {
            throw new ArgumentException($"The discriminator picks from at least 1 candidate per digit; got {options.Candidates}.", nameof(options));
        }
        if (options.NoiseModes is < 0 or 1)
        {
            throw new ArgumentException(
                $"The noise prior's modes are 0 (one standard Gaussian) or at least 2 (a mixture); got {options.NoiseModes}.", nameof(options));
        }
        var measure = DigitQualityMeasure.Load(options.ClassifierWeights);
        // The same measure of as many real digits: the figures the generated ones are read against (the nearest-digit
        // distance shrinks as the set grows, so the sets are the same size).
        var realMeasure = measure.Measure(training.Take(Math.Min(options.Measured, training.Count)).Images);
        log.WriteLine($"real digits: {realMeasure}");
        if (options.Threads > 0)
        {
            KernelOptions.MaxThreads = options.Threads;
        }
        string output = options.Output.FullName;
        Directory.CreateDirectory(output);

        // Real digits scaled to [-1, 1], the range of the generator's tanh.
        var real = training.Take(options.Samples).Rescale(2f, -1f);
        const int noiseSize = Generator.InputSize;
        const int imageSize = Generator.OutputSize;
        var conditioning = options.Conditional ? LabelConditioning.Digits : LabelConditioning.None;

        IGanNetwork generator = options.Conditional ? new ConditionalGenerator(options.Seed) : new Generator(options.Seed);
        IGanNetwork discriminator = options.Conditional ? new ConditionalDiscriminator(options.Seed + 1) : new Discriminator(options.Seed + 1);
        // optimizerD = Adam(netD.parameters(), lr, betas=(0.5, 0.999)); optimizerG likewise
        int stepsPerEpoch = real.Count / batchSize; // the last partial batch is dropped (DataLoader's drop_last=True)
        var discriminatorOptimizer = new Adam(Schedule(options.DiscriminatorLearningRate, options, stepsPerEpoch), beta1: options.Beta1);
        discriminatorOptimizer.Build(discriminator);
        var generatorOptimizer = new Adam(Schedule(options.GeneratorLearningRate, options, stepsPerEpoch), beta1: options.Beta1);
        generatorOptimizer.Build(generator);
        var prior = new NoisePrior(noiseSize, options.NoiseModes, options.Seed + 3, options.NoiseSpread);
        var average = options.GeneratorAverage > 0f
            ? new GeneratorAverage(
                generator, options.Conditional ? new ConditionalGenerator(options.Seed + 2) : new Generator(options.Seed + 2),
                options.GeneratorAverage, prior, options.Seed + 2, conditioning)
            : null;

        // Fixed noise: the same 100 points drawn after every epoch show the generator's progress; the measured digits
        // come from noise of their own, drawn once.
        var random = new SeededRandom((ulong)options.Seed);
        const int shown = 100;
        var fixedNoise = new float[shown * noiseSize];
        prior.Fill(fixedNoise, ref random);
        // The measured digits' noise, then the further candidates' (candidate 0 of every digit is the measured noise).
        var candidateNoise = new float[options.Candidates * options.Measured * noiseSize];
        prior.Fill(candidateNoise.AsSpan(0, options.Measured * noiseSize), ref random);
        var measuredNoise = candidateNoise.AsSpan(0, options.Measured * noiseSize).ToArray();
        prior.Fill(candidateNoise.AsSpan(options.Measured * noiseSize), ref random);
        var measuredImages = new float[options.Measured * imageSize];
        // A conditional GAN's shown and measured digits ask for 0, 1, ..., 9, 0, 1, ...: a column of the grid per digit.
        var shownLabels = AskedLabels(shown, conditioning);
        var measuredLabels = AskedLabels(options.Measured, conditioning);
        var shownInput = conditioning.GeneratorInput(fixedNoise, shownLabels, conditioning.GeneratorScratch(shown, noiseSize)).ToArray();
        var measuredInput = conditioning.GeneratorInput(measuredNoise, measuredLabels, conditioning.GeneratorScratch(options.Measured, noiseSize)).ToArray();

        // Buffers for one step, allocated once.
        var noise = new float[batchSize * noiseSize];
        var realBatch = new float[batchSize * imageSize];
        var fakeBatch = new float[batchSize * imageSize];
        var realLabels = new int[batchSize];
        var fakeLabels = new int[conditioning.IsConditional ? batchSize : 0];
        var generatorInput = conditioning.GeneratorScratch(batchSize, noiseSize);
        var realInput = conditioning.DiscriminatorScratch(batchSize * imageSize);
        var fakeInput = conditioning.DiscriminatorScratch(batchSize * imageSize);
        var imageGradient = conditioning.ImageGradientScratch(batchSize * imageSize);
        var realTargets = Enumerable.Repeat(options.RealLabel, batchSize).ToArray();
        var fakeTargets = new float[batchSize];
        var generatorTargets = Enumerable.Repeat(1f, batchSize).ToArray();
        var scoreGradient = new float[batchSize];

        var order = Enumerable.Range(0, real.Count).ToArray();
        var batchIndices = new int[batchSize];

        var discriminatorLosses = new List<float>();
        var generatorLosses = new List<float>();
        var measures = new List<DigitQualityReport>();
        var trainedMeasures = new List<DigitQualityReport>();
        var progress = new List<float>();   // the first row of the fixed-noise digits after every epoch
        var clock = Stopwatch.StartNew();
        IGanNetwork drawn = generator; // what drew the last epoch's digits: the average when averaging
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double discriminatorSum = 0, generatorSum = 0, fooledSum = 0;
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                // (1) Update D: maximize log(D(x)) + log(1 - D(G(z))). Real and fake digits go through D as separate
                // batches (DCGAN), so batch normalization never mixes their statistics; the gradients add up.
                order.AsSpan(step * batchSize, batchSize).CopyTo(batchIndices);
                real.CopyBatch(batchIndices, realBatch, realLabels);
                discriminator.Gradients.Clear();
                var realScores = discriminator.Forward(conditioning.DiscriminatorInput(realBatch, realLabels, realInput), training: true);
                float lossReal = Loss.BinaryCrossentropy.Compute(realScores, realTargets, 1, scoreGradient);
                discriminator.AccumulateGradients(scoreGradient);

                prior.Fill(noise, ref random);
                for (int i = 0; i < fakeLabels.Length; i++)
                {
                    fakeLabels[i] = random.NextInt(conditioning.Classes); // a conditional GAN's fakes ask for random digits
                }
                // fake.detach(): D's step leaves G alone
                generator.Forward(conditioning.GeneratorInput(noise, fakeLabels, generatorInput), training: true).CopyTo(fakeBatch);
                var fakeDiscriminatorInput = conditioning.DiscriminatorInput(fakeBatch, fakeLabels, fakeInput);
                var fakeScores = discriminator.Forward(fakeDiscriminatorInput, training: true);
                float lossFake = Loss.BinaryCrossentropy.Compute(fakeScores, fakeTargets, 1, scoreGradient);
                discriminator.AccumulateGradients(scoreGradient);
                discriminatorOptimizer.Step(discriminator.TrainableParameters, discriminator.Gradients);
                discriminatorSum += lossReal + lossFake;

                // (2) Update G: maximize log(D(G(z))). The loss gradient at D's output, with "real" as the target, goes
                // back through D (whose own gradients are discarded) into G's output and on into G's weights; only G
                // steps. G's activations are still those of this step's fakes.
                var scores = discriminator.Forward(fakeDiscriminatorInput, training: true);
                fooledSum += Mean(scores);
                generatorSum += Loss.BinaryCrossentropy.Compute(scores, generatorTargets, 1, scoreGradient);
                generator.Gradients.Clear();
                // The noise (and label) needs no gradient; of D's input gradient, G learns from the image's channel.
                generator.AccumulateGradients(conditioning.ImageGradient(discriminator.Backward(scoreGradient), imageGradient));
                generatorOptimizer.Step(generator.TrainableParameters, generator.Gradients);
                average?.Update(generator.TrainableParameters);
            }

            discriminatorLosses.Add((float)(discriminatorSum / stepsPerEpoch));
            generatorLosses.Add((float)(generatorSum / stepsPerEpoch));

            // The generator in inference mode (batch normalization's moving statistics), as TensorFlow's tutorial draws it.
            generator.Predict(measuredInput, measuredImages);
            trainedMeasures.Add(measure.MeasureTanhImages(measuredImages, measuredLabels));
            var drawing = average?.Refresh(batchSize) ?? generator;
            drawn = drawing;
            if (average is not null)
            {
                drawing.Predict(measuredInput, measuredImages);
                measures.Add(measure.MeasureTanhImages(measuredImages, measuredLabels));
            }
            else
            {
                measures.Add(trainedMeasures[^1]);
            }
            string averaged = average is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $" (trained weights: {trainedMeasures[^1].ConfidentFraction:P1}, {trainedMeasures[^1].SmallestClassFraction:P1})");
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{options.Epochs} - {stepsPerEpoch} steps - {clock.Elapsed.TotalSeconds:F0} s - loss_D: {discriminatorLosses[^1]:F4} - loss_G: {generatorLosses[^1]:F4} - D(G(z)): {fooledSum / stepsPerEpoch:F3} - confident: {measures[^1].ConfidentFraction:P1} - smallest class: {measures[^1].SmallestClassFraction:P1} - nearest other digit: {measures[^1].NearestNeighbourDistance:F2} (real {realMeasure.NearestNeighbourDistance:F2}){averaged}"));

            var images = new float[shown * imageSize];
            drawing.Predict(shownInput, images);
            progress.AddRange(images.AsSpan(0, 10 * imageSize).ToArray());
            ImageGrid.Save(Path.Combine(output, $"epoch_{epoch:D2}.png"), images, 28, 28, columns: 10,
                title: conditioning.IsConditional ? $"Digits 0-9 asked for after epoch {epoch} (fixed noise)" : $"Generated digits after epoch {epoch} (fixed noise)",
                low: -1f, high: 1f);
            // Weights and curves after every epoch, so an interrupted run leaves its latest state.
            SaveEpochState(output, drawing, discriminator, progress, discriminatorLosses, generatorLosses, measures, options.Measured, options.Conditional);
        }
        clock.Stop();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {options.Epochs} epochs of {stepsPerEpoch} steps (batch {batchSize}) in {clock.Elapsed.TotalSeconds:F1} s"));

        var final = measures[^1];
        log.WriteLine($"measure of the generator's digits: {final}");
        log.WriteLine("predicted classes of the generated digits:");
        log.Write(final.Histogram());
        log.WriteLine(Verdict("the generator's digits", final));

        var picked = final;
        if (options.Candidates > 1)
        {
            var chosen = DiscriminatorPick.Draw(drawn, discriminator, conditioning, candidateNoise, measuredLabels, options.Candidates);
            picked = measure.MeasureTanhImages(chosen, measuredLabels);
            ImageGrid.Save(Path.Combine(output, "picked.png"), chosen.AsSpan(0, Math.Min(shown, options.Measured) * imageSize).ToArray(), 28, 28, columns: 10,
                title: $"The discriminator's pick of {options.Candidates} candidates per digit", low: -1f, high: 1f);
            log.WriteLine($"measure of the discriminator's pick of {options.Candidates} candidates per digit: {picked}");
            log.WriteLine("predicted classes of the picked digits:");
            log.Write(picked.Histogram());
            log.WriteLine(Verdict($"the discriminator's pick of {options.Candidates}", picked));
        }
        return new GanResult(discriminatorLosses, generatorLosses, measures, trainedMeasures, clock.Elapsed, picked);
    }

    private static string Verdict(string what, DigitQualityReport report) =>
        report.Meets(TargetConfident, TargetClassShare)
            ? string.Create(CultureInfo.InvariantCulture, $"target met by {what}: >= {TargetConfident:P0} confident and every class >= {TargetClassShare:P0}")
            : string.Create(CultureInfo.InvariantCulture, $"target NOT met by {what}: needs >= {TargetConfident:P0} confident and every class >= {TargetClassShare:P0}");

    private static void SaveEpochState(
        string output, IGanNetwork generator, IGanNetwork discriminator, List<float> progress,
        List<float> discriminatorLosses, List<float> generatorLosses, List<DigitQualityReport> measures, int measured, bool conditional)
    {
        generator.SaveWeights(Path.Combine(output, "generator.safetensors"));
        discriminator.SaveWeights(Path.Combine(output, "discriminator.safetensors"));
        int epochs = discriminatorLosses.Count;
        ImageGrid.Save(Path.Combine(output, "progress.png"), progress.ToArray(), 28, 28, columns: 10,
            title: "The same ten noise vectors after each epoch",
            rowLabels: Enumerable.Range(1, epochs).Select(e => $"epoch {e}").ToArray(), low: -1f, high: 1f);
        TrainingPlots.SaveLosses(Path.Combine(output, "losses.png"), [("discriminator", discriminatorLosses), ("generator", generatorLosses)],
            $"{(conditional ? "Conditional DCGAN" : "DCGAN")} on MNIST: binary cross-entropy per epoch");
        List<(string, IReadOnlyList<float>)> shares =
            [("confident (>= 0.9)", measures.Select(m => m.ConfidentFraction).ToList()), ("smallest class", measures.Select(m => m.SmallestClassFraction).ToList())];
        if (conditional)
        {
            shares.Add(("confidently the digit asked for", measures.Select(m => m.AsAskedFraction ?? 0f).ToList()));
        }
        TrainingPlots.SaveLosses(Path.Combine(output, "measure.png"), shares,
            $"{measured} generated digits as the MNIST classifier sees them", yLabel: "Share of the digits");
    }

    // optimizer = Adam(lr=CosineDecay(rate, epochs * steps)) or a constant rate.
    private static LearningRateSchedule Schedule(float rate, GanOptions options, int stepsPerEpoch) =>
        options.CosineDecay ? new CosineDecay(rate, (long)options.Epochs * stepsPerEpoch) : new ConstantLearningRate(rate);

    // Digit i asks for i mod 10 (conditional); an unconditional GAN takes no labels.
    private static int[] AskedLabels(int count, LabelConditioning conditioning) =>
        Enumerable.Range(0, conditioning.IsConditional ? count : 0).Select(i => i % conditioning.Classes).ToArray();

    private static float Mean(ReadOnlySpan<float> values) => System.Numerics.Tensors.TensorPrimitives.Sum(values) / values.Length;
}
