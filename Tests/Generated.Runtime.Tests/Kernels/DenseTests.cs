using Generated.Tests;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The fast Dense against its reference twin, forward and backward.</summary>
public class DenseTests
{
    private const double Tolerance = 1e-4;

    public static IEnumerable<object[]> Shapes()
    {
        int[] rows = [1, 2, 5, 6, 7, 13, 64];
        int[] sizes = [1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 300];
        for (var i = 0; i < sizes.Length * 2; i++)
        {
            yield return [i, rows[i % rows.Length], sizes[i * 5 % sizes.Length], sizes[i % sizes.Length]];
        }
        yield return [99, 128, 1600, 10]; // the MNIST convnet's classifier at batch 128 (several threads)
        yield return [98, 0, 5, 3]; // an empty batch touches nothing but the bias/kernel gradients' zero sums
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Dense_matches_reference(int seed, int rows, int inputs, int units)
    {
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(rows * inputs, seed);
        var kernel = TestData.Uniform(inputs * units, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(units, seed + 2);
        var expected = new float[rows * units];
        var actual = new float[rows * units];
        actual.AsSpan().Fill(float.NaN);
        Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, activation, expected);
        Dense.Forward(rows, inputs, units, input, kernel, bias, activation, actual);
        NumericAssert.Close(expected, actual, Tolerance, $"{activation} output");

        var outputGradient = TestData.Uniform(rows * units, seed + 3);
        var kernelGradientStart = TestData.Uniform(inputs * units, seed + 4);
        var biasGradientStart = seed % 3 == 2 ? [] : TestData.Uniform(units, seed + 5);
        var inputGradientLength = seed % 5 == 4 ? 0 : rows * inputs;
        var (expectedInput, actualInput) = (new float[inputGradientLength], new float[inputGradientLength]);
        actualInput.AsSpan().Fill(float.NaN);
        var (expectedKernel, actualKernel) = ((float[])kernelGradientStart.Clone(), (float[])kernelGradientStart.Clone());
        var (expectedBias, actualBias) = ((float[])biasGradientStart.Clone(), (float[])biasGradientStart.Clone());
        Reference.Dense.Backward(rows, inputs, units, input, kernel, outputGradient, expectedInput, expectedKernel, expectedBias);
        Dense.Backward(rows, inputs, units, input, kernel, outputGradient, actualInput, actualKernel, actualBias);
        NumericAssert.Close(expectedInput, actualInput, Tolerance, "input gradient");
        NumericAssert.Close(expectedKernel, actualKernel, Tolerance, "kernel gradient");
        NumericAssert.Close(expectedBias, actualBias, Tolerance, "bias gradient");
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        const int rows = 64, inputs = 1600, units = 10;
        var input = TestData.Uniform(rows * inputs, 1);
        var kernel = TestData.Uniform(inputs * units, 2);
        var bias = TestData.Uniform(units, 3);
        var output = new float[rows * units];
        var inputGradient = new float[rows * inputs];
        var kernelGradient = new float[inputs * units];
        var biasGradient = new float[units];
        void Step()
        {
            Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Softmax, output);
            Dense.Backward(rows, inputs, units, input, kernel, output, inputGradient, kernelGradient, biasGradient);
        }
        AllocationMeter.AssertNoneOnThisThread(Step);
    }
}
