using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Dense layers with few units (up to 16), which run as dot products against a transposed kernel, at every vector
/// width: against the reference, packed against plain to the bit, and split across threads.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class DotProductsTests
{
    private const double Tolerance = 1e-4;

    /// <summary>Vector widths by rows of A (every tile remainder at 4 and 2 rows per tile), units (every column remainder) and inputs (a vector multiple or not).</summary>
    public static TheoryData<int, int, int, int> Cases()
    {
        var cases = new TheoryData<int, int, int, int>();
        int[] rows = [1, 2, 3, 4, 5, 6, 7, 9];
        int[] units = [1, 2, 3, 4, 5, 7, 10, 16];
        int[] inputs = [1, 7, 16, 33, 129];
        foreach (var width in new[] { 128, 256, 512 })
        {
            for (var i = 0; i < rows.Length; i++)
            {
                cases.Add(width, rows[i], units[(i + width / 128) % units.Length], inputs[(i + width / 64) % inputs.Length]);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Few_units_match_the_reference_and_packed_gives_the_plain_bits(int width, int rows, int units, int inputs)
    {
        using var settings = new KernelOptionsScope(width: width);
        var seed = width + 17 * rows + 131 * units + inputs;
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(rows * inputs, seed);
        var kernel = TestData.Uniform(inputs * units, seed + 1);
        var bias = seed % 3 == 0 ? [] : TestData.Uniform(units, seed + 2);
        var expected = new float[rows * units];
        var plain = new float[rows * units];
        var packed = new float[rows * units];
        plain.AsSpan().Fill(float.NaN);
        packed.AsSpan().Fill(float.NaN);

        Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, activation, expected);
        Dense.Forward(rows, inputs, units, input, kernel, bias, activation, plain);
        var weights = new PackedKernel();
        Dense.Pack(inputs, units, kernel, bias, weights);
        Dense.Forward(rows, inputs, units, input, weights, activation, packed);

        NumericAssert.Close(expected, plain, Tolerance, $"{activation} at {width} bits");
        Assert.Equal(plain, packed);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 10, 33)]
    [InlineData(4, 16, 16)]
    public unsafe void The_scalar_loops_machines_without_vectors_run_match_the_reference(int rows, int units, int inputs)
    {
        var input = TestData.Uniform(rows * inputs, rows);
        var kernel = TestData.Uniform(inputs * units, units);
        var bias = TestData.Uniform(units, inputs);
        var transposed = new float[units * inputs];
        for (var i = 0; i < inputs; i++)
        {
            for (var u = 0; u < units; u++)
            {
                transposed[u * inputs + i] = kernel[i * units + u];
            }
        }
        var expected = new float[rows * units];
        var actual = new float[rows * units];
        Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Relu, expected);
        fixed (float* x = input, w = transposed, b = bias, y = actual)
        {
            DotProducts.Multiply(0, rows, units, inputs, x, w, b, relu: true, y);
        }
        NumericAssert.Close(expected, actual, Tolerance, "scalar");
    }

    [Fact]
    public void A_classifier_head_at_batch_256_splits_across_threads_with_the_same_bits()
    {
        // M5's head: 8192 inputs, 10 units; the rows are cut into chunks of whole tiles, each written by one thread.
        const int rows = 256, inputs = 8192, units = 10;
        var input = TestData.Uniform(rows * inputs, 5);
        var kernel = TestData.Uniform(inputs * units, 6);
        var bias = TestData.Uniform(units, 7);
        var weights = new PackedKernel();
        Dense.Pack(inputs, units, kernel, bias, weights);
        var expected = new float[rows * units];
        Reference.Dense.Forward(rows, inputs, units, input, kernel, bias, Activation.Softmax, expected);

        var one = new float[rows * units];
        var two = new float[rows * units];
        using (new KernelOptionsScope(threads: 1))
        {
            Dense.Forward(rows, inputs, units, input, weights, Activation.Softmax, one);
        }
        using (new KernelOptionsScope(threads: 2))
        {
            Dense.Forward(rows, inputs, units, input, weights, Activation.Softmax, two);
        }

        NumericAssert.Close(expected, one, Tolerance, "softmax");
        Assert.Equal(one, two);
    }

    [Fact]
    public void A_dense_layer_with_few_units_packs_transposed_and_a_convolution_refuses_it()
    {
        var weights = new PackedKernel();
        Dense.Pack(9, 4, new float[36], new float[4], weights);

        // A 3x3 convolution from 1 channel to 4 has the same 9 x 4 matrix shape, but not the layout.
        var geometry = ConvolutionCases.Conv(5, 5, 1, 4, 3, 3, 1, 1, Padding.Valid);
        var error = Assert.Throws<ArgumentException>(() => Conv2D.Forward(geometry, 1, new float[25], weights, Activation.Linear, new float[36]));
        Assert.Contains("packed by Dense.Pack", error.Message);
    }
}
