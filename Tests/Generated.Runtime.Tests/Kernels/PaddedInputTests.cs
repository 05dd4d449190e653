using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The forward pass of padded convolutions over a zero-padded copy of the input (every tile read in place): against
/// the reference at every vector width and at 1 and 2 threads, for padding before the input, padding only after it
/// (Same with stride 2 on an even size), dilation, a non-square kernel and several samples per call.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class PaddedInputTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int, int, int, int, int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, int, int, int, int>();
        foreach (var width in KernelOptionsScope.Widths)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                data.Add(16, 16, 20, 40, 3, 3, 1, 1, 1, width * 10 + threads); // M5's 16x16 maps in small: border tiles every other tile
                data.Add(10, 12, 24, 33, 3, 3, 2, 1, 3, width * 10 + threads); // stride 2 on even sizes: padding after the input only
                data.Add(11, 9, 18, 32, 3, 3, 1, 2, 2, width * 10 + threads);  // dilation 2
                data.Add(9, 13, 17, 48, 2, 5, 1, 1, 2, width * 10 + threads);  // a 2x5 kernel: uneven padding
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Same_padded_forward_over_the_padded_copy_matches_the_reference(int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, int batch, int widthAndThreads)
    {
        var (vectorWidth, threads) = (widthAndThreads / 10, widthAndThreads % 10);
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, Padding.Same);
        Assert.True(PaddedInput.Applies(g, batch, out _), "the case must take the padded-copy path");
        var input = TestData.Uniform(batch * g.InputSize, height + filters);
        var weights = TestData.Uniform(g.KernelSize, inputChannels);
        var bias = TestData.Uniform(filters, kernelWidth);
        var expected = new float[batch * g.OutputSize];
        Reference.Conv2D.Forward(g, batch, input, weights, bias, Activation.Relu, expected);
        using var scope = new KernelOptionsScope(threads, vectorWidth);
        var actual = new float[expected.Length];
        actual.AsSpan().Fill(float.NaN);
        Conv2D.Forward(g, batch, input, weights, bias, Activation.Relu, actual);
        NumericAssert.Close(expected, actual, Tolerance, $"{g} at {vectorWidth} bits, {threads} threads");
    }

    [Fact]
    public void A_valid_convolution_or_a_copy_above_the_cap_keeps_the_gathering_path()
    {
        Assert.False(PaddedInput.Applies(ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid), 1, out _));
        Assert.False(PaddedInput.Applies(ConvolutionCases.Conv(32, 32, 64, 64, 3, 3, 1, 1, Padding.Same), 64, out _));
        Assert.True(PaddedInput.Applies(ConvolutionCases.Conv(32, 32, 64, 64, 3, 3, 1, 1, Padding.Same), 1, out var padded));
        Assert.Equal((34, 34, 0, 0), (padded.InputHeight, padded.InputWidth, padded.PadTop, padded.PadLeft));
    }
}
