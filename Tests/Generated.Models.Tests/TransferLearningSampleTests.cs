using TransferLearningSample;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>Samples/TransferLearning on a subset: the frozen MNIST body plus a trained head learns Fashion-MNIST.</summary>
public sealed class TransferLearningSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Frozen_mnist_body_with_a_new_head_learns_fashion_mnist()
    {
        var log = new StringWriter();
        var weights = Path.Combine(AppContext.BaseDirectory, "TransferLearning", "mnist_convnet.safetensors");
        var result = TransferLearningJob.Run(weights, epochs: 1, trainSamples: 3000, testSamples: 1000, threads: 2, log, verbose: 0);
        output.WriteLine(log.ToString());
        Assert.Contains("Loaded 4 tensors; 2 missing, 0 of another shape, 2 unexpected.", log.ToString()); // fashion_head.* missing, dense.* unexpected
        Assert.True(result.BodyUnchanged);
        Assert.InRange(result.Before, 0f, 0.3f); // an untrained head: near chance
        Assert.True(result.HeadOnly >= 0.6f, $"head-only accuracy {result.HeadOnly:P2}");
        Assert.True(result.Full >= 0.6f, $"full-training accuracy {result.Full:P2}");
    }
}
