using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The pixel-lane products (few output channels) against the reference twins, called directly so that
/// every shape runs through them whatever the dispatch would choose, at 1 and 2 threads and both vector
/// widths; and the dispatch's choice for the layers they were built for.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public unsafe class PixelLaneConvolutionTests
{
    // Float32 sums of up to a few hundred products against the double-precision reference.
    private const double Tolerance = 1e-4;

    /// <summary>
    /// (seed, height, width, input channels, filters, kernel, stride, dilation, padding, batch): every filter count
    /// 1-13 and 16 (each micro-tile height 1-8, one and two channel groups), strides 1-3, dilations 1-2, both
    /// paddings, odd sizes so the lanes end mid-vector, and batches that leave a partial block of samples.
    /// </summary>
    public static IEnumerable<object[]> Shapes()
    {
        int[] inputChannels = [1, 2, 3, 4, 5, 7, 16];
        int[] filters = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16];
        for (var i = 0; i < filters.Length; i++)
        {
            var stride = i % 3 == 2 ? 2 + i % 2 : 1;
            var dilation = i % 4 == 1 ? 2 : 1;
            var padding = i % 2 == 0 ? Padding.Same : Padding.Valid;
            var kernelHeight = i % 5 + 1;
            var kernelWidth = (i + 2) % 4 + 1;
            var height = Math.Max(3 + i * 5 % 11, dilation * (kernelHeight - 1) + 1);
            var width = Math.Max(4 + i * 3 % 13, dilation * (kernelWidth - 1) + 1);
            yield return [i, height, width, inputChannels[i % inputChannels.Length], filters[i], kernelHeight, kernelWidth, stride, dilation, padding, i % 7 + 1];
        }
        // Large enough to run on two threads, with blocks of several samples and a partial last block.
        yield return [20, 28, 28, 4, 1, 3, 3, 1, 1, Padding.Same, 9];
        yield return [21, 14, 13, 16, 4, 3, 3, 1, 1, Padding.Same, 11];
        yield return [22, 28, 27, 1, 10, 5, 5, 2, 1, Padding.Valid, 9];
        yield return [23, 12, 12, 10, 10, 3, 3, 2, 1, Padding.Valid, 13];
        yield return [24, 9, 11, 6, 3, 3, 2, 1, 2, Padding.Same, 17];
        // Inputs that fill their planes exactly (no padding, even sizes at stride 2): full blocks skip clearing the planes.
        yield return [25, 28, 28, 1, 10, 5, 5, 2, 1, Padding.Valid, 9];
        yield return [26, 12, 12, 3, 5, 3, 3, 2, 1, Padding.Valid, 13];
        // One channel at stride 2 with an odd left padding and an odd width (even and odd columns swap planes, the row ends mid-pair).
        yield return [27, 9, 13, 1, 4, 3, 3, 2, 1, Padding.Same, 5];
        // Five channels at stride 3: the register-transposed fill with a channel tail and three column phases.
        yield return [28, 11, 14, 5, 3, 3, 3, 3, 1, Padding.Same, 4];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pixel_lane_products_match_reference(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding, int batch)
    {
        var conv = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        var transpose = ConvolutionCases.Transpose(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        foreach (var (threads, vector512) in new[] { (1, false), (2, false), (1, true), (2, true) })
        {
            using var settings = new KernelOptionsScope(threads, vector512);
            var what = $"{threads} thread(s), Vector512 {vector512}";
            ForwardMatches(conv, batch, seed, what);
            KernelGradientMatches(conv, batch, seed, what);
            if (stride == 1)
            {
                InputGradientMatches(conv, batch, seed, what);
                TransposeForwardMatches(transpose, batch, seed, what);
            }
            // And through the public kernels, whichever path they pick.
            ConvolutionTests.CompareWithReference(conv, batch, seed, transposed: false);
        }
    }

    [Fact]
    public void The_dispatch_takes_this_path_for_few_channels_and_the_gemm_for_many()
    {
        foreach (var vector512 in new[] { false, true })
        {
            using var settings = new KernelOptionsScope(threads: 2, vector512: vector512);
            KernelOptions.UseVector512 = vector512;
            var nr = MatrixProduct.PanelWidth;
            // The M3 autoencoder's 4- and 1-channel layers, both ways, and their stride-1 input gradients (into 16 and 4 channels).
            foreach (var layer in new[] { ConvolutionCases.Conv(14, 14, 16, 4, 3, 3, 1, 1, Padding.Same), ConvolutionCases.Conv(28, 28, 4, 1, 3, 3, 1, 1, Padding.Same) })
            {
                Assert.True(PixelLaneConvolution.ChosenForForward(layer, 64, nr));
                Assert.True(PixelLaneConvolution.ChosenForKernelGradient(layer, 64, nr));
                Assert.True(ConvolutionEngine.AsConvolution(layer, out var full));
                Assert.True(PixelLaneConvolution.ChosenForInputGradient(full, layer.OutputChannels, 64, nr));
            }
            // A 64-channel layer fills the GEMM's panels.
            var wide = ConvolutionCases.Conv(14, 14, 32, 64, 3, 3, 1, 1, Padding.Same);
            Assert.False(PixelLaneConvolution.ChosenForForward(wide, 64, nr));
            Assert.False(PixelLaneConvolution.ChosenForKernelGradient(wide, 64, nr));
            // Kernel gradients with 32 or 64 filters, where the waste ratio alone would still pick this path but the
            // full GEMM tile is faster: M5's 64-filter layers on 32x32 maps, MNIST's 32-filter first layer.
            Assert.False(PixelLaneConvolution.ChosenForKernelGradient(ConvolutionCases.Conv(32, 32, 64, 64, 3, 3, 1, 1, Padding.Same), 64, nr));
            Assert.False(PixelLaneConvolution.ChosenForKernelGradient(ConvolutionCases.Conv(32, 32, 3, 64, 3, 3, 1, 1, Padding.Same), 64, nr));
            Assert.False(PixelLaneConvolution.ChosenForKernelGradient(ConvolutionCases.Conv(28, 28, 1, 32, 3, 3, 1, 1, Padding.Valid), 64, nr));
            // One big image: one block per chunk would leave the second thread idle.
            Assert.False(PixelLaneConvolution.ChosenForForward(ConvolutionCases.Conv(200, 200, 8, 1, 3, 3, 1, 1, Padding.Same), 1, nr));
        }
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        var g = ConvolutionCases.Conv(28, 28, 4, 3, 3, 3, 1, 1, Padding.Same);
        const int batch = 8;
        var input = TestData.Uniform(batch * g.InputSize, 1);
        var kernel = TestData.Uniform(g.KernelSize, 2);
        var bias = TestData.Uniform(g.OutputChannels, 3);
        var output = new float[batch * g.OutputSize];
        var inputGradient = new float[batch * g.InputSize];
        var kernelGradient = new float[g.KernelSize];
        Assert.True(PixelLaneConvolution.ChosenForForward(g, batch, MatrixProduct.PanelWidth));
        Assert.True(PixelLaneConvolution.ChosenForKernelGradient(g, batch, MatrixProduct.PanelWidth));
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            Conv2D.Forward(g, batch, input, kernel, bias, Activation.Relu, output);
            Conv2D.Backward(g, batch, input, kernel, output, inputGradient, kernelGradient, []);
        });
    }

    private static void ForwardMatches(Conv2DGeometry g, int batch, int seed, string what)
    {
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = seed % 3 == 2 ? [] : TestData.Uniform(g.OutputChannels, seed + 2);
        var expected = new float[batch * g.OutputSize];
        var actual = new float[batch * g.OutputSize];
        actual.AsSpan().Fill(float.NaN); // every output must be written
        Reference.Conv2D.Forward(g, batch, input, kernel, bias, activation, expected);
        fixed (float* x = input, w = kernel, b = bias, y = actual)
        {
            PixelLaneConvolution.Forward(g, batch, MatrixProduct.PanelWidth, x, w, b, activation, y);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"{activation} output, {what}");
    }

    private static void KernelGradientMatches(Conv2DGeometry g, int batch, int seed, string what)
    {
        var input = TestData.Uniform(batch * g.InputSize, seed + 3);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, seed + 4);
        var expected = TestData.Uniform(g.KernelSize, seed + 5); // accumulated onto
        var actual = (float[])expected.Clone();
        Reference.Conv2D.Backward(g, batch, input, new float[g.KernelSize], outputGradient, [], expected, []);
        fixed (float* x = input, dy = outputGradient, dw = actual)
        {
            PixelLaneConvolution.KernelGradient(g, batch, MatrixProduct.PanelWidth, x, dy, dw);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"kernel gradient, {what}");
    }

    private static void InputGradientMatches(Conv2DGeometry g, int batch, int seed, string what)
    {
        var kernel = TestData.Uniform(g.KernelSize, seed + 6);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, seed + 7);
        var expected = new float[batch * g.InputSize];
        var actual = new float[batch * g.InputSize];
        actual.AsSpan().Fill(float.NaN);
        Reference.Conv2D.Backward(g, batch, new float[batch * g.InputSize], kernel, outputGradient, expected, new float[g.KernelSize], []);
        fixed (float* w = kernel, dy = outputGradient, dx = actual)
        {
            ConvolutionEngine.InputGradientByPixelLanes(g, batch, MatrixProduct.PanelWidth, w, dy, null, Activation.Linear, dx);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"input gradient, {what}");
    }

    /// <summary>Conv2DTranspose's forward pass is the swapped Conv2D's input gradient with bias and activation.</summary>
    private static void TransposeForwardMatches(Conv2DGeometry g, int batch, int seed, string what)
    {
        var activation = (Activation)((seed + 4) % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed + 8);
        var kernel = TestData.Uniform(g.KernelSize, seed + 9);
        var bias = TestData.Uniform(g.OutputChannels, seed + 10);
        var expected = new float[batch * g.OutputSize];
        var actual = new float[batch * g.OutputSize];
        actual.AsSpan().Fill(float.NaN);
        Reference.Conv2DTranspose.Forward(g, batch, input, kernel, bias, activation, expected);
        fixed (float* x = input, w = kernel, b = bias, y = actual)
        {
            ConvolutionEngine.InputGradientByPixelLanes(ConvolutionEngine.Transposed(g), batch, MatrixProduct.PanelWidth, w, x, b, activation, y);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"{activation} transposed output, {what}");
    }
}
