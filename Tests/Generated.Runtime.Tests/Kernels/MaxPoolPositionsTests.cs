using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Generated.Tests;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The 2x2 max pool's recorded positions and the kernel gradient that routes the pooled gradient through them
/// (<see cref="Conv2D.KernelGradientThroughMaxPool"/>): the pooled values equal Forward's, the positions name the first
/// maximal cell with the above-zero flag, and the fused kernel and bias gradients equal, bit for bit, the pool's
/// backward pass followed by the convolution's, at every vector width and at 1 and 2 threads. The data has ties (values
/// on a coarse grid), negative maxima (the ReLU mask) and a NaN.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class MaxPoolPositionsTests
{
    private static readonly (int Height, int Width, int InputChannels, int Filters, Padding Padding, int Batch)[] Convolutions =
    [
        (28, 28, 1, 32, Padding.Valid, 5), // Keras' MNIST convnet: 26x26x32 pooled to 13x13
        (32, 32, 3, 32, Padding.Valid, 3), // the TensorFlow tutorial CNN: 30x30x32 pooled to 15x15
        (16, 16, 3, 64, Padding.Same, 2),  // a Same convolution: the kernel gradient copies padded rows
        (15, 13, 2, 20, Padding.Valid, 4), // 13x11 outputs: the last row and column are past every window; 20 channels end in a tail
        (12, 12, 2, 8, Padding.Valid, 3),  // 8 filters: the pixel-lane kernel gradient, which routes the whole map first
    ];

    public static TheoryData<int, int, int> Runs()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var width in KernelOptionsScope.Widths)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                for (var c = 0; c < Convolutions.Length; c++)
                {
                    data.Add(c, width, threads);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Recorded_positions_name_the_first_maximal_cell_and_the_pooled_values_are_forwards(int index, int vectorWidth, int threads)
    {
        var (g, pool, batch) = Shapes(index);
        var map = Coarse(TestData.Uniform(batch * g.OutputSize, index + 3));
        map[pool.Channels + 1] = float.NaN; // one window of sample 0 holds a NaN
        using var scope = new KernelOptionsScope(threads, vectorWidth);
        var expected = new float[batch * pool.OutputSize];
        MaxPool2D.Forward(pool, batch, map, expected);
        var pooled = new float[expected.Length];
        var positions = new int[expected.Length];
        MaxPool2D.Forward(pool, batch, map, pooled, positions);
        Assert.Equal(expected, pooled);
        for (var n = 0; n < batch; n++)
        for (var oy = 0; oy < pool.OutputHeight; oy++)
        for (var ox = 0; ox < pool.OutputWidth; ox++)
        for (var c = 0; c < pool.Channels; c++)
        {
            var o = ((n * pool.OutputHeight + oy) * pool.OutputWidth + ox) * pool.Channels + c;
            var cell = -1;
            for (var k = 0; k < 4 && cell < 0; k++)
            {
                var i = ((n * pool.InputHeight + 2 * oy + k / 2) * pool.InputWidth + 2 * ox + k % 2) * pool.Channels + c;
                cell = map[i] == pooled[o] ? k : -1;
            }
            var want = cell < 0 ? -1 : pooled[o] > 0 ? cell | 4 : cell;
            Assert.True(want == positions[o], $"position of output {o} (sample {n}, {oy}, {ox}, channel {c}): {positions[o]}, expected {want}");
        }
        Assert.Contains(-1, positions);
        Assert.Contains(positions, p => p is >= 0 and < 4);
        Assert.Contains(positions, p => p >= 4);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Kernel_gradient_through_the_positions_equals_the_pool_and_convolution_backward_passes_to_the_bit(int index, int vectorWidth, int threads)
    {
        var (g, pool, batch) = Shapes(index);
        var input = Coarse(TestData.Uniform(batch * g.InputSize, index + 11));
        var kernel = TestData.Uniform(g.KernelSize, index + 12);
        var bias = TestData.Uniform(g.OutputChannels, index + 13);
        var pooledGradient = TestData.Uniform(batch * pool.OutputSize, index + 14);
        using var scope = new KernelOptionsScope(threads, vectorWidth);
        foreach (var relu in new[] { true, false })
        {
            var map = new float[batch * g.OutputSize];
            Conv2D.Forward(g, batch, input, kernel, bias, relu ? Activation.Relu : Activation.Linear, map);
            var pooled = new float[batch * pool.OutputSize];
            var positions = new int[pooled.Length];
            MaxPool2D.Forward(pool, batch, map, pooled, positions);

            var mapGradient = new float[map.Length];
            if (relu)
            {
                MaxPool2D.BackwardThroughRelu(pool, batch, map, pooled, pooledGradient, mapGradient);
            }
            else
            {
                MaxPool2D.Backward(pool, batch, map, pooled, pooledGradient, mapGradient);
            }
            var expectedKernel = TestData.Uniform(g.KernelSize, 7);
            var expectedBias = TestData.Uniform(g.OutputChannels, 8);
            var actualKernel = (float[])expectedKernel.Clone();
            var actualBias = (float[])expectedBias.Clone();
            Conv2D.Backward(g, batch, input, kernel, mapGradient, Span<float>.Empty, expectedKernel, expectedBias);
            Conv2D.KernelGradientThroughMaxPool(g, pool, batch, input, positions, pooledGradient, actualKernel, actualBias, relu);
            Assert.Equal(expectedKernel, actualKernel);
            Assert.Equal(expectedBias, actualBias);
        }
    }

    [Fact]
    public void A_pool_that_does_not_read_the_convolutions_output_is_refused_with_both_shapes_named()
    {
        var (g, pool, batch) = Shapes(0);
        var wrong = pool with { InputHeight = pool.InputHeight - 2, OutputHeight = pool.OutputHeight - 1 };
        var error = Assert.Throws<ArgumentException>(() => Conv2D.KernelGradientThroughMaxPool(g, wrong, batch, new float[batch * g.InputSize],
            new int[batch * wrong.OutputSize], new float[batch * wrong.OutputSize], new float[g.KernelSize], new float[g.OutputChannels], reluMask: true));
        Assert.Contains("26x26x32", error.Message);
        Assert.Contains("24x26x32", error.Message);
        var shortGradient = Assert.Throws<ArgumentException>(() => Conv2D.KernelGradientThroughMaxPool(g, pool, batch, new float[batch * g.InputSize],
            new int[batch * pool.OutputSize], new float[batch * pool.OutputSize], new float[g.KernelSize - 1], new float[g.OutputChannels], reluMask: true));
        Assert.Equal("kernelGradient", shortGradient.ParamName);
        var overlapping = Assert.Throws<ArgumentException>(() => MaxPool2D.Forward(pool with { PoolHeight = 3, PoolWidth = 3, OutputHeight = 12, OutputWidth = 12 },
            1, new float[g.OutputSize], new float[12 * 12 * 32], new int[12 * 12 * 32]));
        Assert.Contains("3x3 pool", overlapping.Message);
    }

    private static (Conv2DGeometry Convolution, Pool2DGeometry Pool, int Batch) Shapes(int index)
    {
        var c = Convolutions[index];
        var g = ConvolutionCases.Conv(c.Height, c.Width, c.InputChannels, c.Filters, 3, 3, 1, 1, c.Padding);
        var pool = new Pool2DGeometry(g.OutputHeight, g.OutputWidth, g.OutputChannels, g.OutputHeight / 2, g.OutputWidth / 2, 2, 2, 2, 2, 0, 0);
        return (g, pool, c.Batch);
    }

    /// <summary>Values on a grid of quarters between -1 and 1, so windows tie and some maxima are at or below zero.</summary>
    private static float[] Coarse(float[] values) => values.Select(v => MathF.Round(v * 4f) / 4f).ToArray();
}
