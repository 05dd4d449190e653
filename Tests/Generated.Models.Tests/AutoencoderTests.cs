using Generated.Data;
using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>A small convolutional autoencoder in the Keras tutorial's style: 28x28x1 -> 7x7x4 -> 28x28x1 in [0, 1].</summary>
[Network(28, 28, 1)]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same)]
[MaxPooling2D(2, Padding = Padding.Same)]
[Conv2D(4, 3, Activation = Activation.Relu, Padding = Padding.Same)]
[MaxPooling2D(2, Padding = Padding.Same)]
[UpSampling2D(2)]
[Conv2D(8, 3, Activation = Activation.Relu, Padding = Padding.Same)]
[UpSampling2D(2)]
[Conv2D(1, 3, Activation = Activation.Sigmoid, Padding = Padding.Same)]
public partial class SmallConvAutoencoder;

/// <summary>The autoencoder sample's recipe on real digits: x as its own target, Adadelta, binary cross-entropy.</summary>
public class AutoencoderTests
{
    [Fact]
    public void Reconstruction_loss_on_real_mnist_falls_clearly_after_a_short_training()
    {
        var data = Mnist.Load();
        var x = data.Train.Take(400).Rescale(1f / 255).Images.ToArray();
        var heldOut = data.Test.Take(200).Rescale(1f / 255).Images.ToArray();
        var autoencoder = new SmallConvAutoencoder(seed: 2);
        var trainer = autoencoder.Compile(new Adadelta(learningRate: 1f), Loss.BinaryCrossentropy);

        var before = trainer.Evaluate(heldOut, heldOut, batchSize: 200, verbose: 0).Loss;
        var history = trainer.Fit(x, x, epochs: 8, batchSize: 32, verbose: 0, seed: 3);
        var after = trainer.Evaluate(heldOut, heldOut, batchSize: 200, verbose: 0).Loss;

        // Untrained, the sigmoid outputs sit near 0.5 and the loss near ln 2 = 0.69; after 100 steps (8 epochs of 400) it is about 0.13.
        Assert.InRange(before, 0.6f, 0.8f);
        Assert.True(after < 0.5f * before, $"held-out reconstruction loss {before:F4} -> {after:F4}; history: {history}");
        Assert.True(history["loss"][^1] < history["loss"][0], $"training loss did not fall: {history}");
    }
}
