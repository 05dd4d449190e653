using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>A small DCGAN-style generator: 16 noise values -> 7x7x8 -> 14x14x4 -> a 28x28x1 image in [-1, 1].</summary>
[Network(16)]
[Dense(7 * 7 * 8, UseBias = false)]
[Reshape(7, 7, 8)]
[BatchNormalization]
[LeakyReLU(0.2)]
[Conv2DTranspose(4, 3, Strides = 2, Padding = Padding.Same, UseBias = false)]
[BatchNormalization]
[LeakyReLU(0.2)]
[Conv2DTranspose(1, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
public partial class SmallGenerator;

/// <summary>A small discriminator without dropout, so its score is a deterministic function of the image.</summary>
[Network(28, 28, 1)]
[Conv2D(4, 3, Strides = 2, Padding = Padding.Same)]
[LeakyReLU(0.2)]
[Flatten]
[Dense(1, Activation = Activation.Sigmoid)]
public partial class SmallDiscriminator;

/// <summary>The GAN sample's generator step: through the discriminator's Backward, updating the generator only.</summary>
public class GanTests
{
    private const int Batch = 16;

    [Fact]
    public void Generator_steps_through_the_discriminator_raise_its_score_and_leave_the_discriminator_unchanged()
    {
        var generator = new SmallGenerator(seed: 1);
        var discriminator = new SmallDiscriminator(seed: 2);
        var discriminatorWeights = discriminator.TrainableParameters.ToArray();
        var optimizer = new Adam(2e-3f, beta1: 0.5f);
        var random = new SeededRandom(3);
        var noise = new float[Batch * SmallGenerator.InputSize];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = random.NextGaussian();
        }
        var real = Enumerable.Repeat(1f, Batch).ToArray();
        var scoreGradient = new float[Batch];

        var scores = new List<float> { Score(generator, discriminator, noise) };
        for (var step = 0; step < 5; step++)
        {
            var generatorBefore = generator.TrainableParameters.ToArray();
            var fake = generator.Forward(noise, training: true);
            var output = discriminator.Forward(fake, training: true);
            Loss.BinaryCrossentropy.Compute(output, real, 1, scoreGradient);
            discriminator.Gradients.Clear();
            generator.Gradients.Clear();
            generator.Backward(discriminator.Backward(scoreGradient));
            optimizer.Step(generator.TrainableParameters, generator.Gradients);

            Assert.False(generator.TrainableParameters.SequenceEqual(generatorBefore), $"step {step + 1} left the generator unchanged");
            Assert.Equal(discriminatorWeights, discriminator.TrainableParameters.ToArray());
            scores.Add(Score(generator, discriminator, noise));
        }

        // Every generator step moves D(G(z)) on the fixed noise towards "real" (0.528 -> 0.659 over five steps here).
        for (var i = 1; i < scores.Count; i++)
        {
            Assert.True(scores[i] > scores[i - 1], $"mean D(G(z)) per step: {string.Join(", ", scores.Select(s => s.ToString("F5")))}");
        }
    }

    // Mean discriminator score of the generator's images for the noise, with batch statistics as in the step itself.
    private static float Score(SmallGenerator generator, SmallDiscriminator discriminator, float[] noise)
    {
        var fake = generator.Forward(noise, training: true);
        var scores = new float[Batch];
        discriminator.Predict(fake, scores);
        return scores.Average();
    }
}
