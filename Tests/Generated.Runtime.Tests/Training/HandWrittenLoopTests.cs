using Generated.Training;

namespace Generated.Runtime.Tests.Training;

/// <summary>The GAN-style loop documented in ARCHITECTURE.md, with the public pieces only.</summary>
public class HandWrittenLoopTests
{
    [Fact]
    public void Generator_learns_to_fool_a_fixed_discriminator_through_its_backward()
    {
        var generator = new TestMlp(2, 8, 3, OutputActivation.Linear, seed: 1);
        var discriminator = new TestMlp(3, 0, 1, OutputActivation.Sigmoid, seed: 2);
        // A fixed discriminator that calls "real" whatever has a large first coordinate.
        discriminator.TrainableParameters.Clear();
        discriminator.TrainableParameters[0] = 4f;
        var discriminatorWeights = discriminator.TrainableParameters.ToArray();
        var optimizer = new Adam(0.01f);
        var random = new SeededRandom(3);
        var noise = Enumerable.Range(0, 16 * 2).Select(_ => random.NextGaussian()).ToArray();
        var ones = Enumerable.Repeat(1f, 16).ToArray();
        var scoreGradient = new float[16];

        float Step()
        {
            var fake = generator.Forward(noise, training: true);
            var scores = discriminator.Forward(fake, training: true);
            var loss = Loss.BinaryCrossentropy.Compute(scores, ones, 1, scoreGradient);
            discriminator.Gradients.Clear();
            generator.Gradients.Clear();
            generator.Backward(discriminator.Backward(scoreGradient));
            optimizer.Step(generator.TrainableParameters, generator.Gradients);
            return loss;
        }

        var first = Step();
        var last = first;
        for (var i = 0; i < 100; i++)
        {
            last = Step();
        }
        Assert.True(last < first / 10, $"generator loss {first} -> {last}");
        Assert.Equal(discriminatorWeights, discriminator.TrainableParameters.ToArray());
    }
}
