using Generated.CompilerServices;
using Generated.Kernels;
using Generated.Runtime.Tests.Common;
using Generated.Tests;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Conv2D and Dense with weights packed once (<see cref="PackedKernel"/>) against the plain overloads, which pack on
/// every call: the same products to the bit, re-packing that follows the weights, and clear errors.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class PackedKernelTests
{
    public static IEnumerable<object[]> ConvolutionShapes() => ConvolutionCases.Shapes();

    public static IEnumerable<object[]> DenseShapes() => DenseTests.Shapes();

    [Theory]
    [MemberData(nameof(ConvolutionShapes))]
    public void Packed_conv2d_gives_the_plain_outputs_to_the_bit(int seed, int height, int width, int inputChannels, int filters, int kernelHeight, int kernelWidth, int stride, int dilation, Padding padding, int batch)
    {
        var g = ConvolutionCases.Conv(height, width, inputChannels, filters, kernelHeight, kernelWidth, stride, dilation, padding);
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(batch * g.InputSize, seed);
        var kernel = TestData.Uniform(g.KernelSize, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(g.OutputChannels, seed + 2);
        var plain = new float[batch * g.OutputSize];
        var packed = new float[batch * g.OutputSize];
        packed.AsSpan().Fill(float.NaN);
        var expected = new float[batch * g.OutputSize];
        Conv2D.Forward(g, batch, input, kernel, bias, activation, plain);
        var weights = new PackedKernel();
        Conv2D.Pack(g, kernel, bias, weights);
        Conv2D.Forward(g, batch, input, weights, activation, packed);
        Assert.Equal(plain, packed);
        Reference.Conv2D.Forward(g, batch, input, kernel, bias, activation, expected);
        NumericAssert.Close(expected, packed, 1e-4, $"{activation} output");
    }

    [Theory]
    [MemberData(nameof(DenseShapes))]
    public void Packed_dense_gives_the_plain_outputs_to_the_bit(int seed, int rows, int inputs, int units)
    {
        var activation = (Activation)(seed % 9);
        var input = TestData.Uniform(rows * inputs, seed);
        var kernel = TestData.Uniform(inputs * units, seed + 1);
        var bias = seed % 4 == 3 ? [] : TestData.Uniform(units, seed + 2);
        var plain = new float[rows * units];
        var packed = new float[rows * units];
        packed.AsSpan().Fill(float.NaN);
        Dense.Forward(rows, inputs, units, input, kernel, bias, activation, plain);
        var weights = new PackedKernel();
        Dense.Pack(inputs, units, kernel, bias, weights);
        Dense.Forward(rows, inputs, units, input, weights, activation, packed);
        Assert.Equal(plain, packed);
    }

    [Fact]
    public void Packing_again_follows_the_weights_and_allocates_nothing()
    {
        var g = ConvolutionCases.Conv(13, 13, 32, 64, 3, 3, 1, 1, Padding.Valid);
        var input = TestData.Uniform(2 * g.InputSize, 1);
        var kernel = TestData.Uniform(g.KernelSize, 2);
        var bias = TestData.Uniform(g.OutputChannels, 3);
        var weights = new PackedKernel();
        Conv2D.Pack(g, kernel, bias, weights);
        kernel[5] += 1f;
        bias[7] -= 2f;
        Conv2D.Pack(g, kernel, bias, weights);
        var expected = new float[2 * g.OutputSize];
        var actual = new float[2 * g.OutputSize];
        Conv2D.Forward(g, 2, input, kernel, bias, Activation.Relu, expected);
        Conv2D.Forward(g, 2, input, weights, Activation.Relu, actual);
        Assert.Equal(expected, actual);

        var dense = new PackedKernel();
        var denseKernel = TestData.Uniform(1600 * 10, 4);
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            Conv2D.Pack(g, kernel, bias, weights);
            Conv2D.Forward(g, 2, input, weights, Activation.Relu, actual);
            Dense.Pack(1600, 10, denseKernel, [], dense);
        });
    }

    [Fact]
    public void Misused_packed_kernels_are_rejected_with_what_to_do()
    {
        var g = ConvolutionCases.Conv(5, 5, 2, 3, 3, 3, 1, 1, Padding.Valid);
        var empty = new PackedKernel();
        Assert.False(empty.IsPacked);
        var error = Assert.Throws<InvalidOperationException>(() => Conv2D.Forward(g, 1, new float[50], empty, Activation.Linear, new float[27]));
        Assert.Contains("call Conv2D.Pack", error.Message);

        var dense = new PackedKernel();
        Dense.Pack(4, 3, new float[12], new float[3], dense);
        Assert.True(dense.IsPacked);
        var mismatch = Assert.Throws<ArgumentException>(() => Dense.Forward(1, 5, 3, new float[5], dense, Activation.Linear, new float[3]));
        Assert.Contains("holds a 4 x 3 matrix but this Dense layer needs 5 x 3", mismatch.Message);

        var wrongKernel = Assert.Throws<ArgumentException>(() => Conv2D.Pack(g, new float[53], [], new PackedKernel()));
        Assert.Equal("kernel", wrongKernel.ParamName);
        Assert.Contains("must have 54", wrongKernel.Message);
        var wrongOutput = Assert.Throws<ArgumentException>(() => Dense.Forward(2, 4, 3, new float[8], dense, Activation.Linear, new float[5]));
        Assert.Equal("output", wrongOutput.ParamName);
    }

    [Fact]
    public void Weight_state_is_stale_after_a_change_even_one_made_while_packing()
    {
        var state = new PackedWeightState();
        Assert.False(state.IsCurrent); // nothing packed yet
        var version = state.Version;
        state.MarkPacked(version);
        Assert.True(state.IsCurrent);

        state.Invalidate();
        Assert.False(state.IsCurrent);

        // A change between reading the version and finishing the packing leaves it stale.
        version = state.Version;
        state.Invalidate();
        state.MarkPacked(version);
        Assert.False(state.IsCurrent);
        state.MarkPacked(state.Version);
        Assert.True(state.IsCurrent);
    }

    [Fact]
    public void A_panel_width_change_makes_the_packed_weights_stale()
    {
        var saved = KernelOptions.UseVector512;
        try
        {
            KernelOptions.UseVector512 = true;
            var state = new PackedWeightState();
            state.MarkPacked(state.Version);
            KernelOptions.UseVector512 = false;
            // Only a machine with Vector512 has two panel widths to switch between.
            Assert.Equal(!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, state.IsCurrent);

            // A kernel packed for one width still multiplies correctly after the switch: it keeps its own width.
            KernelOptions.UseVector512 = true;
            var weights = new PackedKernel();
            var kernel = TestData.Uniform(40 * 20, 5);
            var input = TestData.Uniform(3 * 40, 6);
            Dense.Pack(40, 20, kernel, [], weights);
            KernelOptions.UseVector512 = false;
            var expected = new float[3 * 20];
            var actual = new float[3 * 20];
            Dense.Forward(3, 40, 20, input, kernel, [], Activation.Linear, expected);
            Dense.Forward(3, 40, 20, input, weights, Activation.Linear, actual);
            NumericAssert.Close(expected, actual, 1e-5, "output across a panel width change");
        }
        finally
        {
            KernelOptions.UseVector512 = saved;
        }
    }
}
