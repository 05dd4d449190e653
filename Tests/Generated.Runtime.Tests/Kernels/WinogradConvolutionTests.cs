using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Kernels.Threading;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Winograd's F(2x2, 3x3) convolution (<see cref="WinogradConv2D"/>) against the scalar direct convolution at every
/// vector width, with channel counts whose tails take the transforms' scalar loops: odd and even maps (tiles hanging over the last row and column), both paddings,
/// channel counts that end inside a vector, the fused 2x2 max pool, batches (split by sample) and one sample split by
/// blocks across threads, and its refusals.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class WinogradConvolutionTests
{
    /// <summary>
    /// seed, height, width, input channels, filters, padding, batch: M1's, M2's and M5's 3x3 layers, odd maps under
    /// both paddings, channels not a multiple of any vector (20, 24, 40, 100, 136), a map of one tile, wide maps.
    /// </summary>
    public static IEnumerable<object[]> Shapes() =>
    [
        [1, 13, 13, 32, 64, Padding.Valid, 1],
        [2, 15, 15, 32, 64, Padding.Valid, 2],
        [3, 6, 6, 64, 64, Padding.Valid, 1],
        [4, 32, 32, 64, 64, Padding.Same, 1],
        [5, 16, 16, 64, 128, Padding.Same, 1],
        [6, 16, 16, 128, 128, Padding.Same, 1],
        [7, 9, 11, 20, 136, Padding.Same, 1],
        [8, 7, 5, 24, 40, Padding.Same, 3],
        [9, 11, 9, 16, 100, Padding.Valid, 1],
        [10, 3, 3, 16, 32, Padding.Valid, 2],
        [11, 4, 4, 17, 33, Padding.Valid, 1],
        [12, 5, 12, 48, 40, Padding.Same, 1],
        [13, 40, 3, 16, 48, Padding.Same, 1],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_the_direct_sum_with_and_without_the_fused_pool_at_every_width(int seed, int height, int width, int inputChannels, int filters, Padding padding, int batch)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, 3, 3, 1, 1, padding);
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(g.OutputChannels, seed + 2);
        var expected = new float[batch * g.OutputSize];
        Reference.DirectConv2D.Forward(g, batch, input, kernel, bias, activation, expected);
        var pool = DirectConvolutionTests.PoolOver(g);
        var fusable = DirectConv2D.CanFuseMaxPool(g, pool, activation);
        var pooledExpected = new float[batch * pool.OutputSize];
        if (fusable)
        {
            Reference.DirectConv2D.ForwardMaxPool(g, pool, batch, input, kernel, bias, activation, pooledExpected);
        }
        foreach (var bits in KernelOptionsScope.Widths)
        {
            using var settings = new KernelOptionsScope(threads: 2, width: bits);
            var weights = new PackedKernel();
            WinogradConv2D.Pack(g, kernel, bias, weights); // at this width's panel, so each width's products run
            var actual = new float[batch * g.OutputSize];
            actual.AsSpan().Fill(float.NaN);
            WinogradConv2D.Forward(g, batch, input, weights, activation, actual);
            NumericAssert.Close(expected, actual, 1e-4, $"{activation} at {bits} bits");
            if (fusable)
            {
                var pooled = new float[batch * pool.OutputSize];
                pooled.AsSpan().Fill(float.NaN);
                WinogradConv2D.ForwardMaxPool(g, pool, batch, input, weights, activation, pooled);
                NumericAssert.Close(pooledExpected, pooled, 1e-4, $"{activation} pooled at {bits} bits");
            }
        }
    }

    [Fact]
    public void The_error_stays_near_float_rounding_on_unit_scaled_data()
    {
        // Against a double-precision sum: the transforms add inputs before the products, so the error grows with the
        // magnitude of the sums, not only of the result; on He-scaled weights and unit inputs it stays a few ulps.
        var g = ConvolutionCases.Conv(16, 16, 128, 128, 3, 3, 1, 1, Padding.Same);
        var random = new Random(5);
        var input = Enumerable.Range(0, g.InputSize).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var scale = Math.Sqrt(2.0 / (9 * g.InputChannels));
        var kernel = Enumerable.Range(0, g.KernelSize).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
        var expected = DoubleSum(g, input, kernel);
        var weights = new PackedKernel();
        WinogradConv2D.Pack(g, kernel, [], weights);
        var actual = new float[g.OutputSize];
        WinogradConv2D.Forward(g, 1, input, weights, Activation.Linear, actual);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 2e-6, $"largest error {worst:E2} on outputs of magnitude up to {expected.Max(Math.Abs):F2}");
    }

    [Fact]
    public unsafe void Border_tiles_gather_zeros_around_the_map_whatever_the_scratch_held_before()
    {
        // A tile over the padding copies its pixels into a thread scratch patch and clears the rest on every call; the
        // scratch is filled with NaN first, which would reach every output whose tile kept a stale float.
        var g = ConvolutionCases.Conv(9, 7, 16, 40, 3, 3, 1, 1, Padding.Same);
        var input = TestData.Uniform(2 * g.InputSize, 7);
        var kernel = TestData.Uniform(g.KernelSize, 8);
        var bias = TestData.Uniform(g.OutputChannels, 9);
        var expected = new float[2 * g.OutputSize];
        Reference.DirectConv2D.Forward(g, 2, input, kernel, bias, Activation.Linear, expected);
        foreach (var batch in new[] { 1, 2 })
        {
            using var settings = new KernelOptionsScope(threads: 1);
            var weights = new PackedKernel();
            WinogradConv2D.Pack(g, kernel, bias, weights);
            const int frame = 1 << 16;
            new Span<float>(Scratch.Get(ScratchBuffer.PaddedInput, frame), frame).Fill(float.NaN);
            new Span<float>(Scratch.Get(ScratchBuffer.Columns, frame), frame).Fill(float.NaN);
            var actual = new float[batch * g.OutputSize];
            WinogradConv2D.Forward(g, batch, input.AsSpan(0, batch * g.InputSize), weights, Activation.Linear, actual);
            NumericAssert.Close(expected.AsSpan(0, batch * g.OutputSize), actual, 1e-4, $"batch {batch}");
        }
    }

    [Fact]
    public void Splitting_a_sample_across_threads_gives_the_same_bits()
    {
        foreach (var (g, activation) in new[]
        {
            (ConvolutionCases.Conv(32, 32, 64, 64, 3, 3, 1, 1, Padding.Same), Activation.Relu),
            (ConvolutionCases.Conv(16, 16, 24, 136, 3, 3, 1, 1, Padding.Same), Activation.Tanh),
        })
        {
            var input = TestData.Uniform(g.InputSize, 7);
            var weights = new PackedKernel();
            WinogradConv2D.Pack(g, TestData.Uniform(g.KernelSize, 8), TestData.Uniform(g.OutputChannels, 9), weights);
            var pool = DirectConvolutionTests.PoolOver(g);
            var alone = new float[g.OutputSize];
            var pooledAlone = new float[pool.OutputSize];
            using (new KernelOptionsScope(threads: 1, split: false))
            {
                WinogradConv2D.Forward(g, 1, input, weights, activation, alone);
                WinogradConv2D.ForwardMaxPool(g, pool, 1, input, weights, activation, pooledAlone);
            }
            var split = new float[g.OutputSize];
            var pooledSplit = new float[pool.OutputSize];
            using (new KernelOptionsScope(threads: 2, split: true))
            {
                WinogradConv2D.Forward(g, 1, input, weights, activation, split);
                WinogradConv2D.ForwardMaxPool(g, pool, 1, input, weights, activation, pooledSplit);
            }
            Assert.Equal(alone, split);
            Assert.Equal(pooledAlone, pooledSplit);
        }
    }

    [Fact]
    public void Only_3x3_stride_1_undilated_kernels_over_enough_channels_are_taken()
    {
        Assert.True(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 16, 32, 3, 3, 1, 1, Padding.Same)));
        Assert.False(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 15, 32, 3, 3, 1, 1, Padding.Same)));
        Assert.False(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 16, 31, 3, 3, 1, 1, Padding.Same)));
        Assert.False(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 16, 32, 5, 5, 1, 1, Padding.Same)));
        Assert.False(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 16, 32, 3, 3, 2, 1, Padding.Same)));
        Assert.False(WinogradConv2D.Suits(ConvolutionCases.Conv(8, 8, 16, 32, 3, 3, 1, 2, Padding.Same)));
        var g = ConvolutionCases.Conv(8, 8, 16, 32, 3, 3, 2, 1, Padding.Same);
        var error = Assert.Throws<ArgumentException>(() => WinogradConv2D.Pack(g, new float[g.KernelSize], [], new PackedKernel()));
        Assert.Contains("stride 2x2", error.Message);
        Assert.Contains("Use Conv2D or DirectConv2D", error.Message);
    }

    [Fact]
    public void The_engine_takes_it_only_where_the_tiles_save_enough_products()
    {
        // Forward passes compare the tiles with their own output pixels; an input gradient with the output-gradient
        // pixels the col2im GEMM computes from, which for a Valid layer are fewer than the gradient map's.
        var same = ConvolutionCases.Conv(32, 32, 64, 64, 3, 3, 1, 1, Padding.Same);
        Assert.True(WinogradTiles.Pays(same, 32 * 32));
        var valid = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        Assert.True(WinogradTiles.Pays(valid, 11 * 11)); // 36 tiles for 121 pixels
        Assert.True(ConvolutionEngine.AsConvolution(valid, out var full));
        Assert.Equal((13, 13, 2), (full.OutputHeight, full.OutputWidth, full.PadTop));
        Assert.False(WinogradTiles.Pays(full, 11 * 11)); // 49 tiles against the col2im's 121 pixels
        var tiny = ConvolutionCases.Conv(3, 3, 64, 64, 3, 3, 1, 1, Padding.Valid);
        Assert.False(WinogradTiles.Pays(tiny, 1)); // one 2x2 tile for one pixel
        var saved = KernelOptions.Winograd;
        try
        {
            KernelOptions.Winograd = false;
            Assert.False(WinogradTiles.Chosen(same, 32 * 32));
            KernelOptions.Winograd = true;
            Assert.True(WinogradTiles.Chosen(same, 32 * 32));
        }
        finally
        {
            KernelOptions.Winograd = saved;
        }
    }

    [Fact]
    public void A_kernel_packed_for_another_layout_or_not_at_all_is_refused()
    {
        var g = ConvolutionCases.Conv(6, 6, 16, 32, 3, 3, 1, 1, Padding.Valid);
        var kernel = TestData.Uniform(g.KernelSize, 1);
        var bias = TestData.Uniform(32, 2);
        var gemm = new PackedKernel();
        WithoutWinograd(() => Conv2D.Pack(g, kernel, bias, gemm));
        var direct = new PackedKernel();
        DirectConv2D.Pack(g, kernel, bias, direct);
        var winograd = new PackedKernel();
        WinogradConv2D.Pack(g, kernel, bias, winograd);
        var input = new float[g.InputSize];
        var output = new float[g.OutputSize];
        Assert.Contains("WinogradConv2D.Pack", Assert.Throws<ArgumentException>(() => WinogradConv2D.Forward(g, 1, input, gemm, Activation.Relu, output)).Message);
        Assert.Contains("WinogradConv2D.Pack", Assert.Throws<ArgumentException>(() => WinogradConv2D.Forward(g, 1, input, direct, Activation.Relu, output)).Message);
        Assert.Contains("packed by WinogradConv2D.Pack", Assert.Throws<ArgumentException>(() => DirectConv2D.Forward(g, 1, input, winograd, Activation.Relu, output)).Message);
        Assert.Throws<InvalidOperationException>(() => WinogradConv2D.Forward(g, 1, input, new PackedKernel(), Activation.Relu, output));
        var shorter = Assert.Throws<ArgumentException>(() => WinogradConv2D.Forward(g, 1, input, winograd, Activation.Relu, new float[g.OutputSize - 1]));
        Assert.Contains("output", shorter.Message);
        var pool = DirectConvolutionTests.PoolOver(g);
        Assert.Contains("non-decreasing", Assert.Throws<ArgumentException>(() =>
            WinogradConv2D.ForwardMaxPool(g, pool, 1, input, winograd, Activation.Swish, new float[pool.OutputSize])).Message);
    }

    [Fact]
    public void Packing_again_follows_the_weights()
    {
        var g = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        var input = TestData.Uniform(g.InputSize, 1);
        var kernel = TestData.Uniform(g.KernelSize, 2);
        var bias = TestData.Uniform(g.OutputChannels, 3);
        var weights = new PackedKernel();
        WinogradConv2D.Pack(g, kernel, bias, weights);
        kernel[5] += 1f;
        bias[7] -= 2f;
        WinogradConv2D.Pack(g, kernel, bias, weights);
        var expected = new float[g.OutputSize];
        var actual = new float[g.OutputSize];
        Reference.DirectConv2D.Forward(g, 1, input, kernel, bias, Activation.Relu, expected);
        WinogradConv2D.Forward(g, 1, input, weights, Activation.Relu, actual);
        NumericAssert.Close(expected, actual, 1e-4, "re-packed");
    }

    public static IEnumerable<object[]> EngineShapes() =>
    [
        [21, 12, 12, 32, 64, Padding.Same, 3],
        [22, 16, 16, 64, 128, Padding.Same, 2],
        [23, 9, 7, 40, 40, Padding.Same, 1],
        [24, 10, 14, 33, 48, Padding.Same, 4],
    ];

    [Theory]
    [MemberData(nameof(EngineShapes))]
    public void Conv2D_takes_it_for_suited_layers_forward_packed_and_for_both_gradients(int seed, int height, int width, int inputChannels, int filters, Padding padding, int batch)
    {
        // Conv2D's forward pass (packed or not), its stride-1 input gradient (a convolution with the flipped kernel,
        // Backward and BackwardThroughRelu) and its kernel gradient run Winograd for these layers; against the scalar
        // reference, and packed and unpacked to the same bits as WinogradConv2D itself. With the option off the GEMM runs,
        // to other bits.
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, 3, 3, 1, 1, padding);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = TestData.Uniform(g.OutputChannels, seed + 2);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, seed + 3);
        var expected = new float[batch * g.OutputSize];
        Reference.Conv2D.Forward(g, batch, input, kernel, bias, Activation.Relu, expected);
        var expectedInput = new float[batch * g.InputSize];
        var expectedMasked = new float[batch * g.InputSize];
        var expectedKernelGradient = TestData.Uniform(g.KernelSize, seed + 4); // accumulated into, not overwritten
        var startKernelGradient = expectedKernelGradient.ToArray();
        var expectedBiasGradient = new float[g.OutputChannels];
        Reference.Conv2D.Backward(g, batch, input, kernel, outputGradient, expectedInput, expectedKernelGradient, expectedBiasGradient);
        var masked = input.Select(v => v - 0.5f).ToArray(); // about half the ReLU mask closed
        Reference.Conv2D.BackwardThroughRelu(g, batch, masked, kernel, outputGradient, expectedMasked, new float[g.KernelSize], []);
        foreach (var bits in KernelOptionsScope.Widths)
        {
            using var settings = new KernelOptionsScope(threads: 2, width: bits);
            var winograd = new PackedKernel();
            WinogradConv2D.Pack(g, kernel, bias, winograd);
            var own = new float[batch * g.OutputSize];
            WinogradConv2D.Forward(g, batch, input, winograd, Activation.Relu, own);
            var unpacked = new float[batch * g.OutputSize];
            Conv2D.Forward(g, batch, input, kernel, bias, Activation.Relu, unpacked);
            var packed = new PackedKernel();
            Conv2D.Pack(g, kernel, bias, packed);
            var fromPacked = new float[batch * g.OutputSize];
            Conv2D.Forward(g, batch, input, packed, Activation.Relu, fromPacked);
            NumericAssert.Close(expected, unpacked, 1e-4, $"forward at {bits} bits");
            Assert.Equal(own, unpacked);
            Assert.Equal(own, fromPacked);

            var inputGradient = new float[batch * g.InputSize];
            var kernelGradient = startKernelGradient.ToArray();
            var biasGradient = new float[g.OutputChannels];
            Conv2D.Backward(g, batch, input, kernel, outputGradient, inputGradient, kernelGradient, biasGradient);
            NumericAssert.Close(expectedInput, inputGradient, 1e-4, $"input gradient at {bits} bits");
            NumericAssert.Close(expectedKernelGradient, kernelGradient, 1e-4, $"kernel gradient at {bits} bits");
            NumericAssert.Close(expectedBiasGradient, biasGradient, 1e-4, $"bias gradient at {bits} bits");
            var again = startKernelGradient.ToArray();
            Conv2D.Backward(g, batch, input, kernel, outputGradient, [], again, []);
            Assert.Equal(kernelGradient, again); // the same slots sum the same blocks: reproducible at a thread count
            var maskedGradient = new float[batch * g.InputSize];
            Conv2D.BackwardThroughRelu(g, batch, masked, kernel, outputGradient, maskedGradient, new float[g.KernelSize], []);
            NumericAssert.Close(expectedMasked, maskedGradient, 1e-4, $"input gradient through ReLU at {bits} bits");

            var gemm = new float[batch * g.OutputSize];
            WithoutWinograd(() => Conv2D.Forward(g, batch, input, kernel, bias, Activation.Relu, gemm));
            NumericAssert.Close(expected, gemm, 1e-4, $"GEMM forward at {bits} bits");
            Assert.NotEqual(own, gemm);
            var gemmInputGradient = new float[batch * g.InputSize];
            var gemmKernelGradient = startKernelGradient.ToArray();
            WithoutWinograd(() => Conv2D.Backward(g, batch, input, kernel, outputGradient, gemmInputGradient, gemmKernelGradient, []));
            Assert.NotEqual(gemmInputGradient, inputGradient); // so the gradients above took the Winograd path
            Assert.NotEqual(gemmKernelGradient, kernelGradient);
        }
    }

    [Fact]
    public void A_stride_1_transposed_convolution_runs_it_forward_and_backward()
    {
        // Conv2DTranspose's forward pass is Conv2D's input gradient with a bias and an activation: at stride 1 a convolution
        // with the flipped kernel, which Winograd takes over 16 or more channels.
        var g = ConvolutionCases.Transpose(8, 10, 40, 32, 3, 3, 1, 1, Padding.Same);
        var input = TestData.Uniform(2 * g.InputSize, 31);
        var kernel = TestData.Uniform(g.KernelSize, 32);
        var bias = TestData.Uniform(g.OutputChannels, 33);
        var expected = new float[2 * g.OutputSize];
        Reference.Conv2DTranspose.Forward(g, 2, input, kernel, bias, Activation.Tanh, expected);
        var actual = new float[2 * g.OutputSize];
        Conv2DTranspose.Forward(g, 2, input, kernel, bias, Activation.Tanh, actual);
        NumericAssert.Close(expected, actual, 1e-4, "Conv2DTranspose stride 1");
        var gemm = new float[2 * g.OutputSize];
        WithoutWinograd(() => Conv2DTranspose.Forward(g, 2, input, kernel, bias, Activation.Tanh, gemm));
        Assert.NotEqual(actual, gemm); // so the Winograd path is what ran above

        // Its backward pass: the input gradient is a Conv2D forward pass and the kernel gradient a Conv2D kernel gradient
        // with the roles of input and output swapped, both Winograd's here.
        var outputGradient = TestData.Uniform(2 * g.OutputSize, 34);
        var (expectedInput, expectedKernel, expectedBias) = (new float[2 * g.InputSize], new float[g.KernelSize], new float[g.OutputChannels]);
        Reference.Conv2DTranspose.Backward(g, 2, input, kernel, outputGradient, expectedInput, expectedKernel, expectedBias);
        var (inputGradient, kernelGradient, biasGradient) = (new float[2 * g.InputSize], new float[g.KernelSize], new float[g.OutputChannels]);
        Conv2DTranspose.Backward(g, 2, input, kernel, outputGradient, inputGradient, kernelGradient, biasGradient);
        NumericAssert.Close(expectedInput, inputGradient, 1e-4, "Conv2DTranspose stride 1, input gradient");
        NumericAssert.Close(expectedKernel, kernelGradient, 1e-4, "Conv2DTranspose stride 1, kernel gradient");
        NumericAssert.Close(expectedBias, biasGradient, 1e-4, "Conv2DTranspose stride 1, bias gradient");
        var (gemmInput, gemmKernel) = (new float[2 * g.InputSize], new float[g.KernelSize]);
        WithoutWinograd(() => Conv2DTranspose.Backward(g, 2, input, kernel, outputGradient, gemmInput, gemmKernel, []));
        Assert.NotEqual(gemmInput, inputGradient);
        Assert.NotEqual(gemmKernel, kernelGradient);
    }

    /// <summary>Runs <paramref name="action"/> with <see cref="KernelOptions.Winograd"/> off.</summary>
    private static void WithoutWinograd(Action action)
    {
        var saved = KernelOptions.Winograd;
        KernelOptions.Winograd = false;
        try
        {
            action();
        }
        finally
        {
            KernelOptions.Winograd = saved;
        }
    }

    /// <summary>The convolution summed in double precision (Valid or Same by the geometry's padding).</summary>
    private static double[] DoubleSum(in Conv2DGeometry g, float[] input, float[] kernel)
    {
        var output = new double[g.OutputSize];
        for (var oy = 0; oy < g.OutputHeight; oy++)
        {
            for (var ox = 0; ox < g.OutputWidth; ox++)
            {
                for (var co = 0; co < g.OutputChannels; co++)
                {
                    var sum = 0.0;
                    for (var ky = 0; ky < 3; ky++)
                    {
                        var iy = oy + ky - g.PadTop;
                        for (var kx = 0; kx < 3; kx++)
                        {
                            var ix = ox + kx - g.PadLeft;
                            if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                            {
                                continue;
                            }
                            for (var ci = 0; ci < g.InputChannels; ci++)
                            {
                                sum += (double)input[(iy * g.InputWidth + ix) * g.InputChannels + ci] * kernel[((ky * 3 + kx) * g.InputChannels + ci) * g.OutputChannels + co];
                            }
                        }
                    }
                    output[(oy * g.OutputWidth + ox) * g.OutputChannels + co] = sum;
                }
            }
        }
        return output;
    }
}
