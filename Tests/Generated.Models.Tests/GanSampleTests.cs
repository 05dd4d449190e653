using GanSample;
using Generated.Data;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>Samples/Gan on a few steps, and its classifier measure on real and on collapsed digits.</summary>
public sealed class GanSampleTests(ITestOutputHelper output)
{
    /// <summary>The main job's trained MNIST convnet, copied beside the tests, which the GAN's measure classifies with.</summary>
    internal static string ClassifierWeights => Path.Combine(AppContext.BaseDirectory, "TransferLearning", "mnist_convnet.safetensors");

    [Fact]
    public void A_short_training_writes_its_pictures_with_finite_losses_and_a_measure()
    {
        var folder = Directory.CreateTempSubdirectory("gan-smoke-");
        try
        {
            var training = Mnist.Load().Train.Take(256).Rescale(1f / 255);
            var options = new GanOptions(folder, ClassifierWeights, Epochs: 2, BatchSize: 32, Samples: 256, Seed: 3, Threads: 2, Measured: 200);
            var log = new StringWriter();

            var result = GanJob.Run(options, training, log);
            output.WriteLine(log.ToString());

            foreach (var file in new[] { "epoch_01.png", "epoch_02.png", "progress.png", "losses.png", "measure.png", "picked.png", "generator.safetensors", "discriminator.safetensors" })
            {
                Assert.True(new FileInfo(Path.Combine(folder.FullName, file)).Length > 0, $"{file} missing or empty");
            }
            Assert.Equal(2, result.DiscriminatorLosses.Count);
            Assert.All(result.DiscriminatorLosses.Concat(result.GeneratorLosses), loss => Assert.True(float.IsFinite(loss) && loss > 0f, $"loss {loss}"));
            Assert.Same(result.TrainedGeneratorMeasures[^1], result.Final); // no averaging by default: the trained generator is measured
            Assert.Equal(200, result.Final.Count);
            Assert.Equal(200, result.Final.ClassCounts.Sum());
            Assert.Contains("predicted classes of the generated digits:", log.ToString());
            Assert.Contains("real digits: ", log.ToString());
            // By default the discriminator also picks the better of two candidates per digit, measured beside them.
            Assert.Equal(200, result.Picked.Count);
            Assert.Contains("measure of the discriminator's pick of 2 candidates per digit:", log.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void With_averaging_both_the_average_and_the_trained_generator_are_measured()
    {
        var folder = Directory.CreateTempSubdirectory("gan-average-");
        try
        {
            var training = Mnist.Load().Train.Take(64).Rescale(1f / 255);
            var options = new GanOptions(folder, ClassifierWeights, Epochs: 1, BatchSize: 32, Samples: 64, Seed: 3, Threads: 2, Measured: 50, GeneratorAverage: 0.999f, CosineDecay: false);
            var log = new StringWriter();

            var result = GanJob.Run(options, training, log);

            Assert.NotSame(result.TrainedGeneratorMeasures[0], result.Measures[0]);
            Assert.Equal(50, result.TrainedGeneratorMeasures[0].Count);
            Assert.Equal(50, result.Measures[0].Count);
            Assert.Contains("(trained weights: ", log.ToString());
            Assert.Throws<ArgumentException>(() => GanJob.Run(options with { GeneratorAverage = 1f }, training, TextWriter.Null));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_generator_average_warms_up_then_moves_by_one_minus_its_decay()
    {
        var trained = new GanSample.Generator(5);
        var average = new GeneratorAverage(trained, new GanSample.Generator(6), decay: 0.9f, new NoisePrior(Generator.InputSize, 0, 7), seed: 6);
        var start = trained.TrainableParameters.ToArray();
        Assert.Equal(start, average.Weights.ToArray());

        // Update 1 uses min(0.9, 2/11) = 0.1818...: the average moves 81.8% of the way to the new weights.
        var ones = Enumerable.Repeat(1f, start.Length).ToArray();
        average.Update(ones);
        Assert.Equal(start[0] + (1f - 2f / 11f) * (1f - start[0]), average.Weights[0], 1e-6f);
        // After many updates the decay is 0.9: 10% of the way.
        for (var i = 0; i < 200; i++)
        {
            average.Update(ones);
        }
        Assert.Equal(1f, average.Weights[0], 1e-5f);
        var twos = Enumerable.Repeat(2f, start.Length).ToArray();
        average.Update(twos);
        Assert.Equal(1.1f, average.Weights[^1], 1e-5f);
        Assert.Throws<ArgumentException>(() => average.Update(new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorAverage(trained, new GanSample.Generator(6), 1f, new NoisePrior(Generator.InputSize, 0, 7), 6));
        // The average draws with a second generator of the same class.
        Assert.Throws<ArgumentException>(() => new GeneratorAverage(trained, trained, 0.9f, new NoisePrior(Generator.InputSize, 0, 7), 6));
        Assert.Throws<ArgumentException>(() => new GeneratorAverage(trained, new ConditionalGenerator(6), 0.9f, new NoisePrior(Generator.InputSize, 0, 7), 6));

        // The drawing generator carries the averaged weights; the trained one keeps its own.
        var drawing = average.Refresh(batchSize: 8);
        Assert.NotSame(trained, drawing);
        Assert.Equal(average.Weights.ToArray(), drawing.TrainableParameters.ToArray());
        Assert.Equal(start, trained.TrainableParameters.ToArray());
        var images = new float[4 * GanSample.Generator.OutputSize];
        drawing.Predict(new float[4 * GanSample.Generator.InputSize], images);
        Assert.All(images, value => Assert.True(float.IsFinite(value) && value >= -1f && value <= 1f));
    }

    [Fact]
    public void The_noise_prior_is_one_gaussian_or_a_seeded_mixture_of_separated_modes()
    {
        const int size = 100;
        // Modes 0 draws exactly what the DCGAN loop always drew: one Gaussian value after another.
        var plain = new float[3 * size];
        var random = new SeededRandom(11);
        new NoisePrior(size, 0, seed: 5).Fill(plain, ref random);
        var expected = new SeededRandom(11);
        Assert.All(plain, value => Assert.Equal(expected.NextGaussian(), value));

        // A mixture: every vector lies near one of the modes' means (the distance a unit Gaussian in 100 dimensions
        // has from its mean, about 10), clearly farther from the others (about sqrt(100 * (1 + 2 * spread^2)) = 17 for
        // spread 1, give or take the spread of the drawn means).
        var means = new float[4 * size];
        var meanRandom = new SeededRandom(5);
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = meanRandom.NextGaussian();
        }
        var prior = new NoisePrior(size, modes: 4, seed: 5);
        var noise = new float[400 * size];
        random = new SeededRandom(12);
        prior.Fill(noise, ref random);
        var used = new int[4];
        for (var v = 0; v < 400; v++)
        {
            var distances = Enumerable.Range(0, 4)
                .Select(m => System.Numerics.Tensors.TensorPrimitives.Distance(noise.AsSpan(v * size, size), means.AsSpan(m * size, size)))
                .ToArray();
            var nearest = Array.IndexOf(distances, distances.Min());
            used[nearest]++;
            Assert.InRange(distances[nearest], 7f, 13f);
            Assert.All(distances.Where((_, m) => m != nearest), d => Assert.True(d > distances[nearest] + 2f, $"vector {v}: its mode at {distances[nearest]}, another at {d}"));
        }
        Assert.All(used, count => Assert.InRange(count, 60, 140)); // the modes are drawn evenly

        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisePrior(size, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisePrior(size, 4, 5, spread: 0f));
        Assert.Throws<ArgumentException>(() => prior.Fill(new float[size + 1], ref random));
    }

    [Fact]
    public void Measure_finds_real_test_digits_confident_and_every_class_present()
    {
        var test = Mnist.Load().Test.Take(1000).Rescale(1f / 255);
        var measure = DigitQualityMeasure.Load(ClassifierWeights);

        var report = measure.Measure(test.Images);
        output.WriteLine(report.ToString());
        output.WriteLine(report.Histogram());

        // The committed classifier is the main job's (99.23% test accuracy, Samples/MnistWeights/README.md): it is sure
        // (>= 0.9) of 971 of these 1000 real digits (97.8% of all 10,000), the ceiling of the GAN's 80% target.
        Assert.Equal(1000, report.Count);
        Assert.True(report.ConfidentFraction >= 0.95f, report.ToString());
        Assert.True(report.SmallestClassFraction >= 0.04f, report.ToString()); // MNIST's rarest digit in the first 1000 test images: 5, 8.7%
        Assert.True(report.Meets(GanJob.TargetConfident, GanJob.TargetClassShare));
        // Real digits have no near-copies: the closest other digit is about 5.7 away (pixels in [0, 1]; a digit against
        // a blank image is about 9), far from a collapsed generator's 0.
        Assert.InRange(report.NearestNeighbourDistance, 4f, 8f);
        // The measure counts the classifier's predictions: they agree with the labels for almost every digit.
        for (var digit = 0; digit < 10; digit++)
        {
            var labelled = test.Labels.ToArray().Count(label => label == digit);
            Assert.InRange(report.ClassCounts[digit], labelled - 15, labelled + 15);
        }
    }

    [Fact]
    public void Measure_flags_mode_collapse_and_unrecognisable_images()
    {
        var test = Mnist.Load().Test.Rescale(1f / 255);
        var measure = DigitQualityMeasure.Load(ClassifierWeights);
        // A collapsed generator: the same digit (test image 0, a 7) 500 times.
        var same = new float[500 * 784];
        for (var i = 0; i < 500; i++)
        {
            test.Images[..784].CopyTo(same.AsSpan(i * 784));
        }

        var collapsed = measure.Measure(same);
        Assert.Equal(500, collapsed.ClassCounts[7]);
        Assert.Equal(0f, collapsed.SmallestClassFraction);
        Assert.Equal(0f, collapsed.NearestNeighbourDistance); // every digit has a copy
        Assert.False(collapsed.Meets(GanJob.TargetConfident, GanJob.TargetClassShare));

        // Flat grey images are no digits: few, if any, confident predictions.
        var grey = measure.MeasureTanhImages(new float[100 * 784]);
        Assert.True(grey.ConfidentFraction < 0.8f, grey.ToString());
        Assert.Throws<ArgumentException>(() => measure.Measure(new float[783]));
        Assert.Throws<FileNotFoundException>(() => DigitQualityMeasure.Load("no/such/weights.safetensors"));
    }
}
