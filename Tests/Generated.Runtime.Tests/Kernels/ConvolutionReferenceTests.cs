using Generated.Kernels;
using Reference = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The reference kernels against values worked out by hand (DESIGN.md's reference results among them).</summary>
public class ConvolutionReferenceTests
{
    private static readonly float[] OneToNine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly float[] Ones2x2 = [1, 1, 1, 1];

    [Fact]
    public void Valid_2x2_ones_on_1_to_9_sums_each_window()
    {
        var g = new Conv2DGeometry(3, 3, 1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 0, 0);
        var output = new float[4];
        Reference.Conv2D.Forward(g, 1, OneToNine, Ones2x2, [], Activation.Linear, output);
        Assert.Equal(new float[] { 12, 16, 24, 28 }, output);
    }

    [Fact]
    public void Same_2x2_ones_on_1_to_9_pads_the_odd_pixel_bottom_right()
    {
        // Same: output 3x3, total padding 1 per axis, all of it after the image (Keras).
        var g = new Conv2DGeometry(3, 3, 1, 3, 3, 1, 2, 2, 1, 1, 1, 1, 0, 0);
        var output = new float[9];
        Reference.Conv2D.Forward(g, 1, OneToNine, Ones2x2, [], Activation.Linear, output);
        Assert.Equal(new float[] { 12, 16, 9, 24, 28, 15, 15, 17, 9 }, output);
    }

    [Fact]
    public void Bias_then_activation_is_applied_to_every_output()
    {
        var g = new Conv2DGeometry(3, 3, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0);
        // Two filters: +ones and -ones; bias 1 and 0; relu zeroes the negative filter.
        float[] kernel = [1, -1, 1, -1, 1, -1, 1, -1];
        var output = new float[8];
        Reference.Conv2D.Forward(g, 1, OneToNine, kernel, [1, 0], Activation.Relu, output);
        Assert.Equal(new float[] { 13, 0, 17, 0, 25, 0, 29, 0 }, output);
    }

    [Fact]
    public void Stride_and_dilation_pick_the_mapped_pixels()
    {
        // 5x5 image 0..24, 2x2 kernel [1, 10, 100, 1000] dilated by 2, stride 2, Valid: output 2x2.
        var image = Enumerable.Range(0, 25).Select(i => (float)i).ToArray();
        var g = new Conv2DGeometry(5, 5, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0);
        var output = new float[1];
        Reference.Conv2D.Forward(g, 1, image, [1, 10, 100, 1000], [], Activation.Linear, output);
        // Taps read (0,0), (0,2), (2,0), (2,2) = 0, 2, 10, 12.
        Assert.Equal(0 + 20 + 1000 + 12000, output[0]);
    }

    [Fact]
    public void Backward_of_the_valid_example_spreads_ones()
    {
        var g = new Conv2DGeometry(3, 3, 1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 0, 0);
        var inputGradient = new float[9];
        var kernelGradient = new float[] { 100, 0, 0, 0 };
        var biasGradient = new float[] { 1 };
        Reference.Conv2D.Backward(g, 1, OneToNine, Ones2x2, [1, 1, 1, 1], inputGradient, kernelGradient, biasGradient);
        // Each input pixel's gradient counts the windows covering it.
        Assert.Equal(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, inputGradient);
        // Each tap sums the pixels it read; kernel gradient accumulates onto 100.
        Assert.Equal(new float[] { 100 + 12, 16, 24, 28 }, kernelGradient);
        Assert.Equal(new float[] { 5 }, biasGradient);
    }

    [Fact]
    public void Transpose_stride_2_places_each_input_pixel_times_the_kernel()
    {
        // 2x2 input [1, 2, 3, 4], 2x2 kernel [1, 10, 100, 1000], stride 2, Valid: 4x4 output, no overlap.
        var g = new Conv2DGeometry(2, 2, 1, 4, 4, 1, 2, 2, 2, 2, 1, 1, 0, 0);
        var output = new float[16];
        Reference.Conv2DTranspose.Forward(g, 1, [1, 2, 3, 4], [1, 10, 100, 1000], [], Activation.Linear, output);
        Assert.Equal(new float[]
        {
            1, 10, 2, 20,
            100, 1000, 200, 2000,
            3, 30, 4, 40,
            300, 3000, 400, 4000,
        }, output);
    }

    [Fact]
    public void Transpose_stride_1_overlaps_add_up()
    {
        // 2x2 ones through a 2x2 ones kernel, stride 1, Valid: 3x3 counts of overlapping taps.
        var g = new Conv2DGeometry(2, 2, 1, 3, 3, 1, 2, 2, 1, 1, 1, 1, 0, 0);
        var output = new float[9];
        Reference.Conv2DTranspose.Forward(g, 1, [1, 1, 1, 1], Ones2x2, [0.5f], Activation.Linear, output);
        Assert.Equal(new float[] { 1.5f, 2.5f, 1.5f, 2.5f, 4.5f, 2.5f, 1.5f, 2.5f, 1.5f }, output);
    }

    [Fact]
    public void Transpose_kernel_is_out_then_in_channels()
    {
        // 1x1 input with 2 channels [1, 2], 1x1 kernel [KH=1, KW=1, OC=3, IC=2].
        var g = new Conv2DGeometry(1, 1, 2, 1, 1, 3, 1, 1, 1, 1, 1, 1, 0, 0);
        var output = new float[3];
        Reference.Conv2DTranspose.Forward(g, 1, [1, 2], [1, 10, 100, 1000, 10000, 100000], [], Activation.Linear, output);
        Assert.Equal(new float[] { 21, 2100, 210000 }, output);
    }

    [Fact]
    public void Dense_multiplies_rows_by_the_kernel_and_adds_bias()
    {
        var output = new float[4];
        // rows [1, 2, 3] and [4, 5, 6]; kernel 3x2.
        Reference.Dense.Forward(2, 3, 2, [1, 2, 3, 4, 5, 6], [1, 0, 0, 1, 1, 1], [10, 20], Activation.Linear, output);
        Assert.Equal(new float[] { 14, 25, 20, 31 }, output);
        var inputGradient = new float[6];
        var kernelGradient = new float[6];
        var biasGradient = new float[2];
        Reference.Dense.Backward(2, 3, 2, [1, 2, 3, 4, 5, 6], [1, 0, 0, 1, 1, 1], [1, 0, 0, 1], inputGradient, kernelGradient, biasGradient);
        Assert.Equal(new float[] { 1, 0, 1, 0, 1, 1 }, inputGradient);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, kernelGradient);
        Assert.Equal(new float[] { 1, 1 }, biasGradient);
    }

    [Fact]
    public void Softmax_normalizes_each_row_stably()
    {
        var output = new float[4];
        // Logits [1, 0] and [1000, 0]: the second would overflow exp without subtracting the maximum.
        Reference.Dense.Forward(2, 1, 2, [1, 1000], [1, 0], [], Activation.Softmax, output);
        Assert.Equal(1 / (1 + MathF.Exp(-1)), output[0], 6);
        Assert.Equal(1 / (1 + MathF.Exp(1)), output[1], 6);
        Assert.Equal(1f, output[2], 6);
        Assert.Equal(0f, output[3], 6);
    }

    [Fact]
    public void Wrong_span_length_names_the_expected_length()
    {
        var g = new Conv2DGeometry(3, 3, 1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 0, 0);
        var error = Assert.Throws<ArgumentException>(() => Reference.Conv2D.Forward(g, 2, OneToNine, Ones2x2, [], Activation.Linear, new float[8]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("must have 18", error.Message);
        error = Assert.Throws<ArgumentException>(() => Reference.Dense.Backward(1, 2, 2, [1, 2], [1, 2, 3, 4], [1, 2], new float[3], new float[4], []));
        Assert.Equal("inputGradient", error.ParamName);
        Assert.Contains("must have 2", error.Message);
    }
}
