using GanSample;
using Generated.Data;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>The GAN sample's conditional form: how labels reach the networks, the measure with asked labels, a short run.</summary>
public sealed class GanConditionalTests(ITestOutputHelper output)
{
    private static string ClassifierWeights => GanSampleTests.ClassifierWeights;

    [Fact]
    public void The_generator_input_is_each_noise_vector_followed_by_its_one_hot_label()
    {
        float[] noise = [0.5f, -1f, 2f, 3f]; // two vectors of 2
        var scratch = new float[2 * 12];

        var input = LabelConditioning.Digits.GeneratorInput(noise, [3, 9], scratch);

        Assert.Equal(24, input.Length);
        Assert.Equal(new float[] { 0.5f, -1f, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, input[..12].ToArray());
        Assert.Equal(new float[] { 2f, 3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, input[12..].ToArray());
        Assert.Equal(110, LabelConditioning.Digits.GeneratorInputSize(100));
        Assert.Equal(ConditionalGenerator.InputSize, LabelConditioning.Digits.GeneratorInputSize(GanSample.Generator.InputSize));
    }

    [Fact]
    public void The_discriminator_input_gives_every_pixel_its_images_one_hot_label_and_the_gradient_goes_back_to_the_image()
    {
        float[] images = [0.25f, -0.5f, 0.75f, 1f]; // two images of 2 pixels
        var scratch = Enumerable.Repeat(float.NaN, 2 * 2 * 11).ToArray(); // stale values must not leak through

        var input = LabelConditioning.Digits.DiscriminatorInput(images, [0, 7], scratch).ToArray();

        Assert.Equal(44, input.Length);
        Assert.Equal(new float[] { 0.25f, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, input[..11]);
        Assert.Equal(new float[] { -0.5f, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, input[11..22]);
        Assert.Equal(new float[] { 0.75f, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 }, input[22..33]);
        Assert.Equal(new float[] { 1f, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 }, input[33..]);
        Assert.Equal(ConditionalDiscriminator.InputSize, LabelConditioning.Digits.DiscriminatorInputSize(GanSample.Discriminator.InputSize));

        // The generator learns from the image's channel of the discriminator's input gradient; the labels' is dropped.
        var inputGradient = Enumerable.Range(0, 44).Select(i => (float)i).ToArray();
        var imageGradient = LabelConditioning.Digits.ImageGradient(inputGradient, new float[4]).ToArray();
        Assert.Equal(new float[] { 0, 11, 22, 33 }, imageGradient);
    }

    [Fact]
    public void Unconditional_inputs_pass_through_and_bad_labels_or_lengths_are_refused()
    {
        var noise = new float[200];
        var none = LabelConditioning.None;
        Assert.True(none.GeneratorInput(noise, [], []) == noise);
        Assert.True(none.DiscriminatorInput(noise, [], []) == noise);
        Assert.True(none.ImageGradient(noise, []) == noise);
        Assert.Equal(100, none.GeneratorInputSize(100));
        // Scratch is sized for the one-hot inputs, and empty when there are none to build.
        Assert.Empty(none.GeneratorScratch(2, 100));
        Assert.Empty(none.DiscriminatorScratch(784));
        Assert.Empty(none.ImageGradientScratch(784));
        Assert.Equal(220, LabelConditioning.Digits.GeneratorScratch(2, 100).Length);
        Assert.Equal(784 * 11, LabelConditioning.Digits.DiscriminatorScratch(784).Length);
        Assert.Equal(784, LabelConditioning.Digits.ImageGradientScratch(784).Length);

        var digits = LabelConditioning.Digits;
        Assert.Throws<ArgumentOutOfRangeException>(() => digits.GeneratorInput(noise, [1, 10], new float[220]));
        Assert.Throws<ArgumentOutOfRangeException>(() => digits.DiscriminatorInput(noise, [-1, 2], new float[2200]));
        Assert.Throws<ArgumentException>(() => digits.GeneratorInput(noise, [1, 2, 3], new float[330])); // 200 floats for 3 labels
        Assert.Throws<ArgumentException>(() => digits.GeneratorInput(noise, [1, 2], new float[219])); // scratch too short
        Assert.Throws<ArgumentException>(() => digits.GeneratorInput(noise, [], new float[220]));
        Assert.Throws<ArgumentException>(() => digits.ImageGradient(new float[23], new float[2]));
    }

    [Fact]
    public void The_measure_with_asked_labels_counts_digits_confidently_classified_as_asked()
    {
        var test = Mnist.Load().Test.Take(500).Rescale(1f / 255);
        var measure = DigitQualityMeasure.Load(ClassifierWeights);
        var labels = test.Labels.ToArray();

        var asLabelled = measure.Measure(test.Images, labels);
        var shifted = measure.Measure(test.Images, labels.Select(label => (label + 1) % 10).ToArray());
        var unlabelled = measure.Measure(test.Images);
        output.WriteLine(asLabelled.ToString());

        // Asked for their own labels, real digits are almost all confidently what was asked; asked for the next digit,
        // none are. Without labels there is no such count.
        Assert.InRange(asLabelled.AsAsked!.Value, asLabelled.Confident - 5, asLabelled.Confident);
        Assert.Equal(0, shifted.AsAsked);
        Assert.Null(unlabelled.AsAsked);
        Assert.Equal(unlabelled.Confident, shifted.Confident);
        Assert.Contains("confidently the digit asked for", asLabelled.ToString());
        Assert.True(asLabelled.Meets(GanJob.TargetConfident, GanJob.TargetClassShare));
        Assert.False(shifted.Meets(GanJob.TargetConfident, GanJob.TargetClassShare)); // well drawn, but not what was asked
        Assert.Throws<ArgumentException>(() => measure.Measure(test.Images, labels.AsSpan(1)));
    }

    [Fact]
    public void A_short_conditional_training_writes_its_pictures_and_measures_the_asked_digits()
    {
        var folder = Directory.CreateTempSubdirectory("gan-conditional-");
        try
        {
            var training = Mnist.Load().Train.Take(256).Rescale(1f / 255);
            var options = new GanOptions(
                folder, ClassifierWeights, Epochs: 2, BatchSize: 32, Samples: 256, Seed: 3, Threads: 2, Measured: 200, GeneratorAverage: 0.99f, Conditional: true);
            var log = new StringWriter();

            var result = GanJob.Run(options, training, log);
            output.WriteLine(log.ToString());

            foreach (var file in new[] { "epoch_01.png", "epoch_02.png", "progress.png", "losses.png", "measure.png", "picked.png", "generator.safetensors", "discriminator.safetensors" })
            {
                Assert.True(new FileInfo(Path.Combine(folder.FullName, file)).Length > 0, $"{file} missing or empty");
            }
            Assert.All(result.DiscriminatorLosses.Concat(result.GeneratorLosses), loss => Assert.True(float.IsFinite(loss) && loss > 0f, $"loss {loss}"));
            Assert.NotNull(result.Final.AsAsked);
            Assert.NotNull(result.TrainedGeneratorMeasures[^1].AsAsked);
            Assert.NotNull(result.Picked.AsAsked);
            Assert.Equal(200, result.Picked.Count);
            Assert.Contains("confidently the digit asked for", log.ToString());

            // The saved weights are the conditional networks': they load into them, not into the unconditional ones.
            new ConditionalGenerator().LoadWeights(Path.Combine(folder.FullName, "generator.safetensors"));
            new ConditionalDiscriminator().LoadWeights(Path.Combine(folder.FullName, "discriminator.safetensors"));
            Assert.ThrowsAny<Exception>(() => new GanSample.Generator().LoadWeights(Path.Combine(folder.FullName, "generator.safetensors")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_pick_scores_a_conditional_digits_candidates_for_its_label()
    {
        var generator = new ConditionalGenerator(1);
        var discriminator = new ConditionalDiscriminator(2);
        var noise = new float[2 * 3 * 100]; // 3 digits, 2 candidates
        var random = new SeededRandom(4);
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = random.NextGaussian();
        }

        var picked = DiscriminatorPick.Draw(generator, discriminator, LabelConditioning.Digits, noise, [4, 0, 9], candidates: 2);

        Assert.Equal(3 * 784, picked.Length);
        // Each picked image is one of its digit's two candidates, drawn for that digit's label (candidate j of digit i
        // is noise vector j * 3 + i; all six drawn in one batch, as the pick draws them).
        int[] labels = [4, 0, 9, 4, 0, 9];
        var candidates = new float[6 * 784];
        generator.Predict(LabelConditioning.Digits.GeneratorInput(noise, labels, new float[6 * 110]), candidates);
        for (var digit = 0; digit < 3; digit++)
        {
            var chosen = picked.AsSpan(digit * 784, 784);
            Assert.True(
                chosen.SequenceEqual(candidates.AsSpan(digit * 784, 784)) || chosen.SequenceEqual(candidates.AsSpan((3 + digit) * 784, 784)),
                $"digit {digit}'s pick is none of its candidates");
        }
        Assert.Throws<ArgumentException>(() => DiscriminatorPick.Draw(generator, discriminator, LabelConditioning.Digits, noise, [4, 0], candidates: 2));
        Assert.Throws<ArgumentException>(() => DiscriminatorPick.Draw(new GanSample.Generator(1), new Discriminator(2), LabelConditioning.None, noise, [4, 0, 9], candidates: 2));
    }
}
