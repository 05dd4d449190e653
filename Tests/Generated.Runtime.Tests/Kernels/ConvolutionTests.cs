using Generated.Tests;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The fast Conv2D and Conv2DTranspose against their reference twins, forward and backward.</summary>
public class ConvolutionTests
{
    // Float32 sums of up to a few hundred products against the double-precision reference.
    private const double Tolerance = 1e-4;

    public static IEnumerable<object[]> Shapes() => ConvolutionCases.Shapes();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2D_matches_reference(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding, int batch)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        CompareWithReference(g, batch, seed, transposed: false);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2DTranspose_matches_reference(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding, int batch)
    {
        var g = ConvolutionCases.Transpose(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        CompareWithReference(g, batch, seed, transposed: true);
    }

    [Theory]
    [InlineData(13, 13, 32, 64, 3, 1, Padding.Valid, 3)] // the MNIST convnet's second layer: large enough to run on several threads
    [InlineData(28, 28, 1, 32, 3, 1, Padding.Valid, 4)] // its first layer (K = 9): the direct path
    [InlineData(28, 27, 3, 8, 3, 2, Padding.Same, 2)] // direct path with border pixels through im2col
    [InlineData(17, 19, 2, 33, 5, 1, Padding.Same, 1)] // direct path, wide padding, a partial column panel
    [InlineData(9, 7, 40, 24, 1, 1, Padding.Valid, 3)] // 1x1 stride 1: the input is its own im2col matrix
    [InlineData(9, 7, 40, 24, 1, 2, Padding.Same, 2)] // 1x1 with stride: not the identity
    [InlineData(10, 12, 20, 70, 5, 2, Padding.Same, 2)] // K = 500 > one K block of the GEMM
    public void Larger_layers_match_reference(int size, int width, int inputChannels, int filters, int kernel, int stride, Padding padding, int batch)
    {
        var conv = ConvolutionCases.Conv(size, width, inputChannels, filters, kernel, kernel, stride, 1, padding);
        CompareWithReference(conv, batch, size + filters, transposed: false);
        var transpose = ConvolutionCases.Transpose(size, width, inputChannels, filters, kernel, kernel, stride, 1, padding);
        CompareWithReference(transpose, batch, size + filters + 1, transposed: true);
    }

    [Fact]
    public void Reference_examples_hold_for_the_fast_kernel()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var valid = new float[4];
        Conv2D.Forward(ConvolutionCases.Conv(3, 3, 1, 1, 2, 2, 1, 1, Padding.Valid), 1, image, [1, 1, 1, 1], [], Activation.Linear, valid);
        Assert.Equal(new float[] { 12, 16, 24, 28 }, valid);
        var same = new float[9];
        Conv2D.Forward(ConvolutionCases.Conv(3, 3, 1, 1, 2, 2, 1, 1, Padding.Same), 1, image, [1, 1, 1, 1], [], Activation.Linear, same);
        Assert.Equal(new float[] { 12, 16, 9, 24, 28, 15, 15, 17, 9 }, same);
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        var conv = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        var transpose = ConvolutionCases.Transpose(7, 7, 16, 8, 3, 3, 2, 1, Padding.Same);
        const int batch = 4;
        var buffers = new[] { conv, transpose }.Select(g => new
        {
            G = g,
            Input = TestData.Uniform(batch * g.InputSize, 1),
            Kernel = TestData.Uniform(g.KernelSize, 2),
            Bias = TestData.Uniform(g.OutputChannels, 3),
            Output = new float[batch * g.OutputSize],
            InputGradient = new float[batch * g.InputSize],
            KernelGradient = new float[g.KernelSize],
            BiasGradient = new float[g.OutputChannels],
        }).ToArray();
        void Step()
        {
            var c = buffers[0];
            Conv2D.Forward(c.G, batch, c.Input, c.Kernel, c.Bias, Activation.Relu, c.Output);
            Conv2D.Backward(c.G, batch, c.Input, c.Kernel, c.Output, c.InputGradient, c.KernelGradient, c.BiasGradient);
            var t = buffers[1];
            Conv2DTranspose.Forward(t.G, batch, t.Input, t.Kernel, t.Bias, Activation.Tanh, t.Output);
            Conv2DTranspose.Backward(t.G, batch, t.Input, t.Kernel, t.Output, t.InputGradient, t.KernelGradient, t.BiasGradient);
        }
        AllocationMeter.AssertNoneOnThisThread(Step);
    }

    [Fact]
    public void Bad_spans_are_rejected_like_the_reference()
    {
        var g = ConvolutionCases.Conv(5, 5, 2, 3, 3, 3, 1, 1, Padding.Valid);
        var error = Assert.Throws<ArgumentException>(() => Conv2D.Forward(g, 1, new float[50], new float[54], new float[2], Activation.Linear, new float[27]));
        Assert.Equal("bias", error.ParamName);
        Assert.Contains("must have 3", error.Message);
        error = Assert.Throws<ArgumentException>(() => Conv2DTranspose.Backward(g, 1, new float[50], new float[53], new float[27], [], new float[54], []));
        Assert.Equal("kernel", error.ParamName);
        Assert.Contains("must have 54", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Conv2D.Forward(g with { StrideHeight = 0 }, 1, new float[50], new float[54], [], Activation.Linear, new float[27]));
    }

    /// <summary>Runs both kernels on the same random data; the activation, optional spans and gradient seeds vary with the seed.</summary>
    internal static void CompareWithReference(Conv2DGeometry g, int batch, int seed, bool transposed)
    {
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(g.OutputChannels, seed + 2);
        var expected = new float[batch * g.OutputSize];
        var actual = new float[batch * g.OutputSize];
        actual.AsSpan().Fill(float.NaN); // every output must be written
        if (transposed)
        {
            Reference.Conv2DTranspose.Forward(g, batch, input, kernel, bias, activation, expected);
            Conv2DTranspose.Forward(g, batch, input, kernel, bias, activation, actual);
        }
        else
        {
            Reference.Conv2D.Forward(g, batch, input, kernel, bias, activation, expected);
            Conv2D.Forward(g, batch, input, kernel, bias, activation, actual);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"{activation} output");

        var outputGradient = TestData.Uniform(batch * g.OutputSize, seed + 3);
        // Parameter gradients accumulate onto what is there; the input gradient is overwritten.
        var kernelGradientStart = TestData.Uniform(g.KernelSize, seed + 4);
        var biasGradientStart = seed % 3 == 2 ? [] : TestData.Uniform(g.OutputChannels, seed + 5);
        var needInputGradient = seed % 5 != 4;
        var (expectedInput, actualInput) = (new float[needInputGradient ? batch * g.InputSize : 0], new float[needInputGradient ? batch * g.InputSize : 0]);
        actualInput.AsSpan().Fill(float.NaN);
        var (expectedKernel, actualKernel) = ((float[])kernelGradientStart.Clone(), (float[])kernelGradientStart.Clone());
        var (expectedBias, actualBias) = ((float[])biasGradientStart.Clone(), (float[])biasGradientStart.Clone());
        if (transposed)
        {
            Reference.Conv2DTranspose.Backward(g, batch, input, kernel, outputGradient, expectedInput, expectedKernel, expectedBias);
            Conv2DTranspose.Backward(g, batch, input, kernel, outputGradient, actualInput, actualKernel, actualBias);
        }
        else
        {
            Reference.Conv2D.Backward(g, batch, input, kernel, outputGradient, expectedInput, expectedKernel, expectedBias);
            Conv2D.Backward(g, batch, input, kernel, outputGradient, actualInput, actualKernel, actualBias);
        }
        NumericAssert.Close(expectedInput, actualInput, Tolerance, "input gradient");
        NumericAssert.Close(expectedKernel, actualKernel, Tolerance, "kernel gradient");
        NumericAssert.Close(expectedBias, actualBias, Tolerance, "bias gradient");
    }
}
