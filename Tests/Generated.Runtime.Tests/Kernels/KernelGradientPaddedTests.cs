using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The GEMM kernel gradient of padded convolutions (Same), which copies the rows of the zero-padded input that each
/// chunk's windows cover and reads them in place: against the reference at every vector width and at 1 and 2 threads,
/// and bit for bit against the Valid convolution of an input padded by hand (the same values in the same order). The
/// shapes have chunks inside one sample, across a sample boundary and across several samples (maps smaller than a
/// chunk), Keras' bottom/right-only padding of a stride-2 Same convolution, dilation and an even kernel.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class KernelGradientPaddedTests
{
    private const double Tolerance = 1e-4;

    private static readonly (int Height, int Width, int InputChannels, int Filters, int KernelHeight, int KernelWidth, int Stride, int Dilation, int Batch)[] Cases =
    [
        (32, 32, 64, 64, 3, 3, 1, 1, 2),   // M5's second convolution: chunks of 108 pixels, some across a sample boundary
        (16, 16, 128, 128, 3, 3, 1, 1, 2), // M5's fourth convolution: K = 1152
        (32, 32, 3, 64, 3, 3, 1, 1, 3),    // M5's first convolution: K = 27, chunks of 512 pixels (16 rows)
        (4, 4, 64, 64, 3, 3, 1, 1, 9),     // a map smaller than a chunk: one chunk spans seven samples
        (12, 12, 7, 40, 3, 3, 2, 1, 5),    // stride 2 on an even size: Keras pads only the bottom and right
        (10, 11, 5, 33, 3, 3, 1, 2, 3),    // dilation 2, a partial column panel
        (9, 9, 4, 24, 5, 5, 1, 1, 4),      // a 5x5 kernel: two rows of padding on every side
        (7, 8, 20, 24, 2, 3, 1, 1, 4),     // an even kernel height: the padding is all at the bottom
    ];

    public static TheoryData<int, int, int> Runs()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var width in KernelOptionsScope.Widths)
        {
            foreach (var threads in new[] { 1, 2 })
            {
                for (var c = 0; c < Cases.Length; c++)
                {
                    data.Add(c, width, threads);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Kernel_and_bias_gradients_of_a_padded_convolution_match_the_reference_and_the_hand_padded_input_to_the_bit(int index, int vectorWidth, int threads)
    {
        var c = Cases[index];
        var g = ConvolutionCases.Conv(c.Height, c.Width, c.InputChannels, c.Filters, c.KernelHeight, c.KernelWidth, c.Stride, c.Dilation, Padding.Same);
        Assert.True(PaddedInput.Pads(g, out var padded), $"{g} must read outside its input");
        var input = TestData.Uniform(c.Batch * g.InputSize, c.Height + c.Filters);
        var weights = TestData.Uniform(g.KernelSize, c.InputChannels);
        var outputGradient = TestData.Uniform(c.Batch * g.OutputSize, c.KernelWidth + c.Batch);
        var start = TestData.Uniform(g.KernelSize, 7);
        var startBias = TestData.Uniform(c.Filters, 8);
        var expected = (float[])start.Clone();
        var expectedBias = (float[])startBias.Clone();
        Reference.Conv2D.Backward(g, c.Batch, input, weights, outputGradient, Span<float>.Empty, expected, expectedBias);

        using var scope = new KernelOptionsScope(threads, vectorWidth);
        Assert.False(PixelLaneConvolution.ChosenForKernelGradient(g, c.Batch, MatrixProduct.PanelWidth), "the case must take the GEMM path");
        var actual = (float[])start.Clone();
        var actualBias = (float[])startBias.Clone();
        Conv2D.Backward(g, c.Batch, input, weights, outputGradient, Span<float>.Empty, actual, actualBias);
        NumericAssert.Close(expected, actual, Tolerance, $"kernel gradient {g} at {vectorWidth} bits, {threads} threads");
        NumericAssert.Close(expectedBias, actualBias, Tolerance, $"bias gradient {g} at {vectorWidth} bits, {threads} threads");

        var handPadded = (float[])start.Clone();
        var handPaddedBias = (float[])startBias.Clone();
        Conv2D.Backward(padded, c.Batch, PadByHand(g, padded, c.Batch, input), weights, outputGradient, Span<float>.Empty, handPadded, handPaddedBias);
        Assert.Equal(handPadded, actual);
        Assert.Equal(handPaddedBias, actualBias);
    }

    [Fact]
    public void Copied_rows_across_a_sample_boundary_are_the_rows_of_the_stacked_padded_samples()
    {
        var g = ConvolutionCases.Conv(5, 6, 3, 8, 3, 3, 2, 1, Padding.Same); // pads one column and row after, none before
        Assert.True(PaddedInput.Pads(g, out var padded));
        const int batch = 3;
        var input = TestData.Uniform(batch * g.InputSize, 11);
        var whole = PadByHand(g, padded, batch, input);
        var rowFloats = padded.InputWidth * padded.InputChannels;
        const int first = 4, count = 8; // the last rows of sample 0, all of sample 1, the first of sample 2
        var rows = Enumerable.Repeat(float.NaN, count * rowFloats).ToArray();
        unsafe
        {
            fixed (float* x = input, target = rows)
            {
                PaddedInput.CopyRows(g, padded, x, first, count, target);
            }
        }
        Assert.Equal(whole.AsSpan(first * rowFloats, count * rowFloats).ToArray(), rows);
    }

    /// <summary>The input written into the padded geometry: pixel (y, x) is input pixel (y - PadTop, x - PadLeft), zero outside.</summary>
    private static float[] PadByHand(in Conv2DGeometry g, in Conv2DGeometry padded, int batch, float[] input)
    {
        var result = new float[batch * padded.InputSize];
        for (var n = 0; n < batch; n++)
        {
            for (var y = 0; y < padded.InputHeight; y++)
            {
                for (var x = 0; x < padded.InputWidth; x++)
                {
                    int iy = y - g.PadTop, ix = x - g.PadLeft;
                    if (iy < 0 || iy >= g.InputHeight || ix < 0 || ix >= g.InputWidth)
                    {
                        continue;
                    }
                    for (var ch = 0; ch < g.InputChannels; ch++)
                    {
                        result[n * padded.InputSize + (y * padded.InputWidth + x) * g.InputChannels + ch] =
                            input[n * g.InputSize + (iy * g.InputWidth + ix) * g.InputChannels + ch];
                    }
                }
            }
        }
        return result;
    }
}
