using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The matrix kernels' small-batch paths against the reference at both vector widths: tiles of 1-6 rows (a Dense layer
/// at batch 1-7, the last rows of a convolution), the fused ReLU in the micro-kernel's store, and the implicit-GEMM
/// convolution whose interior tiles read the input in place while border tiles gather im2col rows.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class SmallBatchKernelTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int, int, Activation, bool> DenseShapes()
    {
        var data = new TheoryData<int, int, int, Activation, bool>();
        var i = 0;
        foreach (var rows in new[] { 1, 2, 3, 4, 5, 6, 7 })
        foreach (var (inputs, units) in new[] { (1600, 10), (1, 33), (7, 16), (301, 64), (258, 31) })
        {
            data.Add(rows, inputs, units, i % 3 == 0 ? Activation.Linear : i % 3 == 1 ? Activation.Relu : Activation.Softmax, i % 2 == 0);
            i++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DenseShapes))]
    public void Dense_forward_matches_reference_for_every_tile_height(int rows, int inputs, int units, Activation activation, bool vector512)
    {
        var input = TestData.Uniform(rows * inputs, rows + inputs);
        var kernel = TestData.Uniform(inputs * units, units);
        var bias = TestData.Uniform(units, rows);
        var expected = new float[rows * units];
        Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, activation, expected);
        WithWidth(vector512, () =>
        {
            var actual = new float[rows * units];
            actual.AsSpan().Fill(float.NaN);
            Dense.Forward(rows, inputs, units, input, kernel, bias, activation, actual);
            NumericAssert.Close(expected, actual, Tolerance, $"{rows} x {inputs} x {units} {activation}");
            var packed = new PackedKernel();
            Dense.Pack(inputs, units, kernel, bias, packed);
            actual.AsSpan().Fill(float.NaN);
            Dense.Forward(rows, inputs, units, input, packed, activation, actual);
            NumericAssert.Close(expected, actual, Tolerance, $"packed {rows} x {inputs} x {units} {activation}");
        });
    }

    [Theory]
    [InlineData(13, 13, 32, 64, 3, 1, 1, Padding.Valid, 1, true)] // the MNIST convnet's second layer at batch 1: every tile in place, 1-row tail
    [InlineData(13, 13, 32, 64, 3, 1, 1, Padding.Valid, 1, false)]
    [InlineData(6, 6, 64, 64, 3, 1, 1, Padding.Valid, 1, true)] // K = 576: two K blocks, tiles across output rows
    [InlineData(15, 15, 32, 64, 3, 1, 1, Padding.Valid, 2, false)]
    [InlineData(9, 11, 7, 20, 3, 1, 1, Padding.Same, 2, true)] // border tiles gathered, interior in place, a partial column panel
    [InlineData(9, 11, 7, 20, 3, 1, 1, Padding.Same, 3, false)]
    [InlineData(10, 9, 6, 35, 3, 2, 1, Padding.Same, 1, true)] // stride 2
    [InlineData(12, 12, 5, 16, 3, 1, 2, Padding.Valid, 2, false)] // dilation 2
    [InlineData(8, 8, 40, 33, 5, 1, 1, Padding.Valid, 1, true)] // K = 1000: four K blocks, 4x4 output
    public void Conv2D_forward_matches_reference_on_the_implicit_path(int height, int width, int inputChannels, int filters, int kernel, int stride, int dilation, Padding padding, int batch, bool vector512)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernel, kernel, stride, dilation, padding);
        var input = TestData.Uniform(batch * g.InputSize, height + filters);
        var weights = TestData.Uniform(g.KernelSize, inputChannels);
        var bias = TestData.Uniform(filters, kernel);
        foreach (var activation in new[] { Activation.Relu, Activation.Linear, Activation.Tanh })
        {
            var expected = new float[batch * g.OutputSize];
            Reference.Conv2D.Forward(g, batch, input, weights, bias, activation, expected);
            WithWidth(vector512, () =>
            {
                var actual = new float[expected.Length];
                actual.AsSpan().Fill(float.NaN);
                Conv2D.Forward(g, batch, input, weights, bias, activation, actual);
                NumericAssert.Close(expected, actual, Tolerance, $"{g} {activation}");
            });
        }
    }

    private static void WithWidth(bool vector512, Action action)
    {
        using var settings = new KernelOptionsScope(vector512: vector512);
        action();
    }
}
