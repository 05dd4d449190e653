using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The GEMM kernel gradient of convolutions whose windows all lie inside the input (Valid padding), which reads its
/// transposed im2col operand straight from the input instead of gathering it: against the reference at every vector
/// width and at 1 and 2 threads, with chunks that cross sample boundaries, strides, dilation, a non-square kernel and
/// tap tiles that straddle two taps' channel runs (input channels not a multiple of the tile's 6 rows).
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class KernelGradientInPlaceTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int, int, int, int, int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, int, int, int, int>();
        foreach (var width in KernelOptionsScope.Widths)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                data.Add(13, 13, 32, 64, 3, 3, 1, 1, 7, width * 10 + threads); // the MNIST convnet's second layer
                data.Add(11, 9, 7, 40, 3, 3, 2, 1, 5, width * 10 + threads);   // stride 2, K = 63 (a 3-row tail tile)
                data.Add(12, 12, 5, 33, 3, 3, 1, 2, 3, width * 10 + threads);  // dilation 2, a partial column panel
                data.Add(9, 10, 20, 24, 2, 3, 1, 1, 4, width * 10 + threads);  // a 2x3 kernel
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Kernel_and_bias_gradients_read_in_place_match_the_reference(int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, int batch, int widthAndThreads)
    {
        var (vectorWidth, threads) = (widthAndThreads / 10, widthAndThreads % 10);
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, Padding.Valid);
        var input = TestData.Uniform(batch * g.InputSize, height + filters);
        var weights = TestData.Uniform(g.KernelSize, inputChannels);
        var outputGradient = TestData.Uniform(batch * g.OutputSize, kernelWidth + batch);
        var start = TestData.Uniform(g.KernelSize, 7);
        var startBias = TestData.Uniform(filters, 8);
        var expected = (float[])start.Clone();
        var expectedBias = (float[])startBias.Clone();
        Reference.Conv2D.Backward(g, batch, input, weights, outputGradient, Span<float>.Empty, expected, expectedBias);
        using var scope = new KernelOptionsScope(threads, vectorWidth);
        Assert.False(PixelLaneConvolution.ChosenForKernelGradient(g, batch, MatrixProduct.PanelWidth), "the case must take the GEMM path");
        var actual = (float[])start.Clone();
        var actualBias = (float[])startBias.Clone();
        Conv2D.Backward(g, batch, input, weights, outputGradient, Span<float>.Empty, actual, actualBias);
        NumericAssert.Close(expected, actual, Tolerance, $"kernel gradient {g} at {vectorWidth} bits, {threads} threads");
        NumericAssert.Close(expectedBias, actualBias, Tolerance, $"bias gradient {g} at {vectorWidth} bits, {threads} threads");
    }
}
