using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Kernels.Threading;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The batch-1 direct convolution (<see cref="DirectConv2D"/>) against its scalar twin at every vector width: every
/// convolution test shape (odd sizes, strides, dilations, both paddings, 1-33 channels), wide layers whose channels fill
/// several blocks or end inside a vector, the fused 2x2 max pool, the split across threads, and its errors.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class DirectConvolutionTests
{
    public static IEnumerable<object[]> Shapes() => ConvolutionCases.Shapes();

    /// <summary>Wide layers: MNIST's, the TF tutorial's and the VGG block's (M5), several 64-channel blocks, channels ending inside a vector, tiny maps.</summary>
    public static IEnumerable<object[]> WideShapes() =>
    [
        [101, 28, 28, 1, 32, 3, 3, 1, 1, Padding.Valid, 1],
        [102, 13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid, 1],
        [103, 32, 32, 3, 32, 3, 3, 1, 1, Padding.Valid, 1],
        [104, 15, 15, 32, 64, 3, 3, 1, 1, Padding.Valid, 2],
        [105, 6, 6, 64, 64, 3, 3, 1, 1, Padding.Valid, 1],
        [106, 9, 11, 20, 136, 3, 3, 1, 1, Padding.Same, 1],
        [107, 7, 5, 8, 40, 3, 2, 2, 1, Padding.Same, 3],
        [108, 11, 9, 16, 72, 3, 3, 1, 2, Padding.Valid, 1],
        [109, 3, 3, 5, 48, 3, 3, 1, 1, Padding.Valid, 1],
        [110, 14, 14, 16, 100, 3, 3, 1, 1, Padding.Same, 1],
        [111, 32, 32, 64, 64, 3, 3, 1, 1, Padding.Same, 1],
        [112, 16, 16, 128, 128, 3, 3, 1, 1, Padding.Same, 1],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    [MemberData(nameof(WideShapes))]
    public void Matches_the_reference_with_and_without_the_fused_pool_at_every_width(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding, int batch)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(g.OutputChannels, seed + 2);
        var weights = new PackedKernel();
        DirectConv2D.Pack(g, kernel, bias, weights);
        var expected = new float[batch * g.OutputSize];
        Reference.DirectConv2D.Forward(g, batch, input, kernel, bias, activation, expected);
        var pool = PoolOver(g);
        var pooledExpected = new float[batch * pool.OutputSize];
        var fusable = DirectConv2D.CanFuseMaxPool(g, pool, activation);
        if (fusable)
        {
            Reference.DirectConv2D.ForwardMaxPool(g, pool, batch, input, kernel, bias, activation, pooledExpected);
        }
        foreach (var bits in KernelOptionsScope.Widths)
        {
            using var settings = new KernelOptionsScope(threads: 1, width: bits);
            var actual = new float[batch * g.OutputSize];
            actual.AsSpan().Fill(float.NaN);
            DirectConv2D.Forward(g, batch, input, weights, activation, actual);
            NumericAssert.Close(expected, actual, 1e-4, $"{activation} at {bits} bits");
            if (fusable)
            {
                var pooled = new float[batch * pool.OutputSize];
                pooled.AsSpan().Fill(float.NaN);
                DirectConv2D.ForwardMaxPool(g, pool, batch, input, weights, activation, pooled);
                NumericAssert.Close(pooledExpected, pooled, 1e-4, $"{activation} pooled at {bits} bits");
            }
        }
    }

    [Fact]
    public unsafe void A_padded_frame_is_zero_around_the_sample_whatever_the_scratch_held_before()
    {
        // The zero border of a Same convolution's frame is written on every call, not left from an earlier one: the
        // thread's scratch is filled with NaN first, which would reach every output whose window reads a stale float.
        var g = ConvolutionCases.Conv(9, 7, 5, 24, 3, 3, 1, 1, Padding.Same);
        var input = TestData.Uniform(2 * g.InputSize, 7);
        var kernel = TestData.Uniform(g.KernelSize, 8);
        var bias = TestData.Uniform(g.OutputChannels, 9);
        var weights = new PackedKernel();
        DirectConv2D.Pack(g, kernel, bias, weights);
        var expected = new float[2 * g.OutputSize];
        Reference.DirectConv2D.Forward(g, 2, input, kernel, bias, Activation.Linear, expected);
        foreach (var bits in KernelOptionsScope.Widths)
        {
            using var settings = new KernelOptionsScope(threads: 1, width: bits);
            const int frame = 4096;
            new Span<float>(Scratch.Get(ScratchBuffer.Planar, frame), frame).Fill(float.NaN);
            var actual = new float[2 * g.OutputSize];
            DirectConv2D.Forward(g, 2, input, weights, Activation.Linear, actual);
            NumericAssert.Close(expected, actual, 1e-4, $"at {bits} bits");
        }
    }

    [Fact]
    public void The_pool_takes_only_non_decreasing_activations_over_a_2x2_stride_2_window()
    {
        var g = ConvolutionCases.Conv(8, 8, 3, 16, 3, 3, 1, 1, Padding.Same);
        var pool = PoolOver(g);
        Assert.True(DirectConv2D.CanFuseMaxPool(g, pool, Activation.Relu));
        Assert.True(DirectConv2D.CanFuseMaxPool(g, pool, Activation.Sigmoid));
        Assert.False(DirectConv2D.CanFuseMaxPool(g, pool, Activation.Swish));
        Assert.False(DirectConv2D.CanFuseMaxPool(g, pool, Activation.Gelu));
        Assert.False(DirectConv2D.CanFuseMaxPool(g, pool, Activation.Softmax));
        Assert.False(DirectConv2D.CanFuseMaxPool(g, pool with { PoolHeight = 3, PoolWidth = 3, OutputHeight = 2, OutputWidth = 2, StrideHeight = 3, StrideWidth = 3 }, Activation.Relu));
        Assert.False(DirectConv2D.CanFuseMaxPool(g, pool with { Channels = 8 }, Activation.Relu));
        var weights = new PackedKernel();
        DirectConv2D.Pack(g, TestData.Uniform(g.KernelSize, 1), TestData.Uniform(16, 2), weights);
        var error = Assert.Throws<ArgumentException>(() =>
            DirectConv2D.ForwardMaxPool(g, pool, 1, new float[g.InputSize], weights, Activation.Swish, new float[pool.OutputSize]));
        Assert.Contains("non-decreasing", error.Message);
    }

    [Fact]
    public void Splitting_a_sample_across_threads_gives_the_same_bits()
    {
        foreach (var (g, activation) in new[]
        {
            (ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid), Activation.Relu),
            (ConvolutionCases.Conv(32, 32, 3, 32, 3, 3, 1, 1, Padding.Valid), Activation.Relu),
            (ConvolutionCases.Conv(16, 16, 24, 136, 3, 3, 1, 1, Padding.Same), Activation.Tanh),
        })
        {
            var input = TestData.Uniform(g.InputSize, 7);
            var weights = new PackedKernel();
            DirectConv2D.Pack(g, TestData.Uniform(g.KernelSize, 8), TestData.Uniform(g.OutputChannels, 9), weights);
            var pool = PoolOver(g);
            var alone = new float[g.OutputSize];
            var pooledAlone = new float[pool.OutputSize];
            using (new KernelOptionsScope(threads: 1, split: false))
            {
                DirectConv2D.Forward(g, 1, input, weights, activation, alone);
                DirectConv2D.ForwardMaxPool(g, pool, 1, input, weights, activation, pooledAlone);
            }
            var split = new float[g.OutputSize];
            var pooledSplit = new float[pool.OutputSize];
            using (new KernelOptionsScope(threads: 2, split: true))
            {
                DirectConv2D.Forward(g, 1, input, weights, activation, split);
                DirectConv2D.ForwardMaxPool(g, pool, 1, input, weights, activation, pooledSplit);
            }
            Assert.Equal(alone, split);
            Assert.Equal(pooledAlone, pooledSplit);
        }
    }

    [Fact]
    public void A_kernel_packed_for_the_other_layout_is_refused()
    {
        var g = ConvolutionCases.Conv(6, 6, 4, 16, 3, 3, 1, 1, Padding.Valid);
        var kernel = TestData.Uniform(g.KernelSize, 1);
        var bias = TestData.Uniform(16, 2);
        var gemm = new PackedKernel();
        Conv2D.Pack(g, kernel, bias, gemm);
        var direct = new PackedKernel();
        DirectConv2D.Pack(g, kernel, bias, direct);
        var output = new float[g.OutputSize];
        Assert.Contains("DirectConv2D.Pack", Assert.Throws<ArgumentException>(() => DirectConv2D.Forward(g, 1, new float[g.InputSize], gemm, Activation.Relu, output)).Message);
        Assert.Contains("Conv2D.Pack", Assert.Throws<ArgumentException>(() => Conv2D.Forward(g, 1, new float[g.InputSize], direct, Activation.Relu, output)).Message);
        Assert.Throws<InvalidOperationException>(() => DirectConv2D.Forward(g, 1, new float[g.InputSize], new PackedKernel(), Activation.Relu, output));
    }

    [Fact]
    public void Packing_again_follows_the_weights()
    {
        var g = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        var input = TestData.Uniform(g.InputSize, 1);
        var kernel = TestData.Uniform(g.KernelSize, 2);
        var bias = TestData.Uniform(g.OutputChannels, 3);
        var weights = new PackedKernel();
        DirectConv2D.Pack(g, kernel, bias, weights);
        kernel[5] += 1f;
        bias[7] -= 2f;
        DirectConv2D.Pack(g, kernel, bias, weights);
        var expected = new float[g.OutputSize];
        var actual = new float[g.OutputSize];
        Reference.DirectConv2D.Forward(g, 1, input, kernel, bias, Activation.Relu, expected);
        DirectConv2D.Forward(g, 1, input, weights, Activation.Relu, actual);
        NumericAssert.Close(expected, actual, 1e-4, "re-packed");
    }

    /// <summary>The 2x2, stride-2 Valid max pool over <paramref name="g"/>'s output (Keras' MaxPooling2D()).</summary>
    internal static Pool2DGeometry PoolOver(in Conv2DGeometry g) =>
        new(g.OutputHeight, g.OutputWidth, g.OutputChannels, g.OutputHeight / 2, g.OutputWidth / 2, 2, 2, 2, 2, 0, 0);
}
