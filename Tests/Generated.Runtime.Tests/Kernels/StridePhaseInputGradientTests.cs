using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The stride-phase input gradient (strided convolutions into few input channels) against the reference twin, called
/// directly (whatever the dispatch would choose) at 1 and 2 threads and both vector widths, as Conv2D's input gradient and
/// as Conv2DTranspose's forward pass; the dispatch's choice; and the public Conv2D.Backward through it against central
/// finite differences.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public unsafe class StridePhaseInputGradientTests
{
    // Float32 sums of up to a few hundred products against the double-precision reference.
    private const double Tolerance = 1e-4;

    /// <summary>
    /// (seed, height, width, input channels, filters, kernel height, kernel width, stride height, stride width, padding, batch):
    /// strides 2-3 and mixed (1x2, 3x1), kernels smaller than the stride (phases without taps), even and odd sizes so phase
    /// rows end mid-block and lanes mid-vector, inputs smaller than the stride, 1-4 input channels, 1-17 filters.
    /// </summary>
    public static IEnumerable<object[]> Shapes()
    {
        yield return [1, 28, 28, 1, 10, 5, 5, 2, 2, Padding.Valid, 9];
        yield return [2, 7, 6, 3, 4, 3, 3, 2, 2, Padding.Same, 2];
        yield return [3, 9, 11, 2, 5, 1, 1, 2, 2, Padding.Valid, 3];
        yield return [4, 13, 10, 4, 17, 4, 3, 3, 3, Padding.Same, 5];
        yield return [5, 8, 8, 1, 1, 2, 2, 3, 3, Padding.Valid, 2];
        yield return [6, 11, 35, 2, 3, 3, 5, 1, 2, Padding.Same, 4];
        yield return [7, 17, 9, 1, 8, 2, 3, 3, 1, Padding.Same, 3];
        yield return [8, 2, 2, 3, 2, 1, 1, 3, 3, Padding.Same, 2];
        yield return [9, 31, 33, 1, 16, 3, 3, 2, 2, Padding.Same, 7];
        yield return [10, 6, 7, 4, 6, 2, 4, 2, 3, Padding.Valid, 1];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Stride_phase_input_gradient_matches_reference(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, Padding padding, int batch)
    {
        var conv = Geometry(height, width, inputChannels, filters, kernelHeight, kernelWidth, strideHeight, strideWidth, padding);
        Assert.True(StridePhaseInputGradient.Supports(conv));
        foreach (var (threads, vector512) in new[] { (1, false), (2, false), (1, true), (2, true) })
        {
            using var settings = new KernelOptionsScope(threads, vector512);
            var what = $"{threads} thread(s), Vector512 {vector512}";
            InputGradientMatches(conv, batch, seed, what);
            TransposeForwardMatches(conv, batch, seed, what);
            // And through the public kernels, whichever path they pick.
            ConvolutionTests.CompareWithReference(conv, batch, seed, transposed: false);
        }
    }

    /// <summary>(height, width, input channels, filters, kernel, stride, padding): 1- and 2-channel strided layers the dispatch sends here.</summary>
    public static TheoryData<int, int, int, int, int, int, Padding> GradientShapes() => new()
    {
        { 9, 8, 1, 3, 5, 2, Padding.Valid },
        { 7, 6, 2, 4, 3, 2, Padding.Same },
        { 8, 7, 1, 2, 2, 3, Padding.Same },
    };

    /// <summary>
    /// The public Conv2D.Backward's input gradient through this path against central finite differences of the forward pass:
    /// the loss <c>sum(output * upstream)</c> is linear in the input, so the quotient is exact up to float rounding (as in
    /// ConvolutionGradientTests, whose tolerance this reuses).
    /// </summary>
    [Theory]
    [MemberData(nameof(GradientShapes))]
    public void Input_gradient_matches_finite_differences(int height, int width, int inputChannels, int filters, int kernel, int stride, Padding padding)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernel, kernel, stride, 1, padding);
        Assert.True(StridePhaseInputGradient.Chosen(g));
        const int batch = 2;
        var input = TestData.Uniform(batch * g.InputSize, 11);
        var weights = TestData.Uniform(g.KernelSize, 12);
        var upstream = TestData.Uniform(batch * g.OutputSize, 14);
        var output = new float[batch * g.OutputSize];
        double Loss()
        {
            Conv2D.Forward(g, batch, input, weights, [], Activation.Linear, output);
            return GradientCheck.Dot(output, upstream);
        }
        var inputGradient = new float[input.Length];
        Conv2D.Backward(g, batch, input, weights, upstream, inputGradient, new float[weights.Length], []);
        GradientCheck.Check("Conv2D ∂input", $"{height}x{width}x{inputChannels} kernel {kernel} stride {stride} {padding}", input, Loss,
            GradientCheck.LinearStep, inputGradient, new GradientTolerance(2e-5, 1));
    }

    [Fact]
    public void The_dispatch_takes_this_path_for_strided_layers_into_few_channels_only()
    {
        // M4's first layer (28x28x1, 10 filters 5x5 stride 2): its input gradient is what the network returns.
        Assert.True(StridePhaseInputGradient.Chosen(ConvolutionCases.Conv(28, 28, 1, 10, 5, 5, 2, 1, Padding.Valid)));
        // Many input channels (M4's second layer): the GEMM's columns cover them all at once.
        Assert.False(StridePhaseInputGradient.Chosen(ConvolutionCases.Conv(12, 12, 10, 10, 3, 3, 2, 1, Padding.Valid)));
        Assert.True(StridePhaseInputGradient.Supports(ConvolutionCases.Conv(12, 12, 10, 10, 3, 3, 2, 1, Padding.Valid)));
        // Stride 1 and dilation: not this path.
        Assert.False(StridePhaseInputGradient.Supports(ConvolutionCases.Conv(28, 28, 1, 16, 3, 3, 1, 1, Padding.Same)));
        Assert.False(StridePhaseInputGradient.Supports(ConvolutionCases.Conv(28, 28, 1, 16, 3, 3, 1, 2, Padding.Same)));
        var unsupported = Record.Exception(() =>
        {
            var g = ConvolutionCases.Conv(9, 9, 1, 2, 3, 3, 1, 1, Padding.Same);
            StridePhaseInputGradient.Run(g, 1, MatrixProduct.PanelWidth, null, null, null, Activation.Linear, null);
        });
        Assert.Contains("stride above 1", Assert.IsType<ArgumentException>(unsupported).Message);
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        var g = ConvolutionCases.Conv(28, 28, 1, 10, 5, 5, 2, 1, Padding.Valid);
        const int batch = 8;
        var input = TestData.Uniform(batch * g.InputSize, 1);
        var kernel = TestData.Uniform(g.KernelSize, 2);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, 3);
        var inputGradient = new float[batch * g.InputSize];
        var kernelGradient = new float[g.KernelSize];
        Conv2D.Backward(g, batch, input, kernel, outputGradient, inputGradient, kernelGradient, []);
        AllocationMeter.AssertNoneOnThisThread(() => Conv2D.Backward(g, batch, input, kernel, outputGradient, inputGradient, kernelGradient, []));
    }

    private static Conv2DGeometry Geometry(int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, Padding padding)
    {
        var rows = ConvolutionCases.Conv(height, 1, inputChannels, filters, kernelHeight, 1, strideHeight, 1, padding);
        var columns = ConvolutionCases.Conv(1, width, inputChannels, filters, 1, kernelWidth, strideWidth, 1, padding);
        return new Conv2DGeometry(height, width, inputChannels, rows.OutputHeight, columns.OutputWidth, filters, kernelHeight, kernelWidth,
            strideHeight, strideWidth, 1, 1, rows.PadTop, columns.PadLeft);
    }

    private static void InputGradientMatches(Conv2DGeometry g, int batch, int seed, string what)
    {
        var kernel = TestData.Uniform(g.KernelSize, seed + 6);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, seed + 7);
        var expected = new float[batch * g.InputSize];
        var actual = new float[batch * g.InputSize];
        actual.AsSpan().Fill(float.NaN); // every input-gradient float must be written
        Reference.Conv2D.Backward(g, batch, new float[batch * g.InputSize], kernel, outputGradient, expected, new float[g.KernelSize], []);
        fixed (float* w = kernel, dy = outputGradient, dx = actual)
        {
            StridePhaseInputGradient.Run(g, batch, MatrixProduct.PanelWidth, w, dy, null, Activation.Linear, dx);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"input gradient, {what}");
    }

    /// <summary>The Conv2DTranspose whose swapped Conv2D is <paramref name="conv"/>: its forward pass, with bias and an activation, takes this path.</summary>
    private static void TransposeForwardMatches(Conv2DGeometry conv, int batch, int seed, string what)
    {
        var g = ConvolutionEngine.Transposed(conv);
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
            StridePhaseInputGradient.Run(conv, batch, MatrixProduct.PanelWidth, w, x, b, activation, y);
        }
        NumericAssert.Close(expected, actual, Tolerance, $"{activation} transposed output, {what}");
        // And through the public kernel.
        var viaPublic = new float[batch * g.OutputSize];
        Conv2DTranspose.Forward(g, batch, input, kernel, bias, activation, viaPublic);
        NumericAssert.Close(expected, viaPublic, Tolerance, $"{activation} public transposed output, {what}");
    }
}
