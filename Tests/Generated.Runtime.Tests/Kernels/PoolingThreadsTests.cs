using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Max pooling's forward and backward passes share samples out to the worker pool when a batch of maps is large enough
/// (the small shapes of <see cref="PoolingTests"/> stay on one thread): the same bits as the reference on 1 and 2 threads.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class PoolingThreadsTests
{
    [Theory]
    [InlineData(1, 26, 26, 32)] // Keras' MNIST convnet's first pooling, 2x2 windows that tile the map
    [InlineData(2, 26, 26, 32)]
    [InlineData(2, 11, 11, 64)] // its second: an odd map whose last row and column no window reads
    [InlineData(2, 15, 15, 16)]
    public void MaxPool_on_a_large_batch_matches_the_reference(int threads, int height, int width, int channels)
    {
        const int batch = 64;
        var g = LayerTestData.Pool(height, width, channels, 2, 2, Padding.Valid);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 31);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 32);
        float[] expected = new float[batch * g.OutputSize], actual = new float[batch * g.OutputSize];
        float[] expectedGradient = new float[input.Length], actualGradient = LayerTestData.Uniform(input.Length, seed: 33);
        Ref.MaxPool2D.Forward(g, batch, input, expected);
        Ref.MaxPool2D.BackwardThroughRelu(g, batch, input, expected, upstream, expectedGradient);
        var saved = KernelOptions.MaxThreads;
        try
        {
            KernelOptions.MaxThreads = threads;
            Fast.MaxPool2D.Forward(g, batch, input, actual);
            Fast.MaxPool2D.BackwardThroughRelu(g, batch, input, actual, upstream, actualGradient);
        }
        finally
        {
            KernelOptions.MaxThreads = saved;
        }
        LayerTestData.AssertEqual(expected, actual, "forward");
        LayerTestData.AssertEqual(expectedGradient, actualGradient, "backward through the ReLU");
    }
}
