using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The vectorized kernels of DepthwiseConv2D, SeparableConv2D, grouped Conv2D, Cropping2D, MinPooling2D and the bed of
/// nails against their scalar twins, over channel counts below, at and above every vector width, and their hand-checked
/// definitions on tiny inputs.
/// </summary>
public class ClassicCnnKernelTests
{
    public static IEnumerable<object[]> Channels() => LayerTestData.Channels.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Channels))]
    public void Depthwise_matches_its_reference_forward_and_backward(int channels)
    {
        foreach (var (multiplier, stride, padding, activation) in new[] { (1, 1, Padding.Same, Activation.Relu), (1, 2, Padding.Same, Activation.Linear), (2, 1, Padding.Valid, Activation.Tanh) })
        {
            var g = ClassicCnnCases.Depthwise(6, 5, channels, multiplier, 3, stride, stride, 1, padding);
            const int batch = 3;
            var input = LayerTestData.Uniform(batch * g.InputSize, 1);
            var kernel = LayerTestData.Uniform(g.KernelSize, 2);
            var bias = LayerTestData.Uniform(g.OutputChannels, 3);
            var (expected, actual) = (new float[batch * g.OutputSize], new float[batch * g.OutputSize]);
            Ref.DepthwiseConv2D.Forward(g, batch, input, kernel, bias, activation, expected);
            Fast.DepthwiseConv2D.Forward(g, batch, input, kernel, bias, activation, actual);
            var context = $"{channels} channels x{multiplier} stride {stride} {padding}";
            LayerTestData.AssertClose(expected, actual, 1e-5, 1e-5, "forward " + context);

            var upstream = LayerTestData.Uniform(expected.Length, 4);
            var (dxRef, dwRef, dbRef) = (new float[input.Length], new float[kernel.Length], new float[bias.Length]);
            var (dx, dw, db) = (new float[input.Length], new float[kernel.Length], new float[bias.Length]);
            Ref.DepthwiseConv2D.Backward(g, batch, input, kernel, upstream, dxRef, dwRef, dbRef);
            Fast.DepthwiseConv2D.Backward(g, batch, input, kernel, upstream, dx, dw, db);
            LayerTestData.AssertClose(dxRef, dx, 1e-5, 1e-5, "input gradient " + context);
            LayerTestData.AssertClose(dwRef, dw, 1e-4, 1e-5, "kernel gradient " + context);
            LayerTestData.AssertClose(dbRef, db, 1e-4, 1e-5, "bias gradient " + context);
        }
    }

    [Fact]
    public void Depthwise_multiplies_each_channel_by_its_own_taps()
    {
        // 2x2 image, 2 channels, 1x1 kernel, multiplier 2: output channel c*2 + m = x[c] * k[c, m] + b.
        var g = new DepthwiseConv2DGeometry(2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0);
        float[] input = [1, 10, 2, 20, 3, 30, 4, 40];
        float[] kernel = [1, -1, 0.5f, 2];
        float[] bias = [0, 0, 0, 1];
        var output = new float[16];
        Fast.DepthwiseConv2D.Forward(g, 1, input, kernel, bias, Activation.Linear, output);
        Assert.Equal(new float[] { 1, -1, 5, 21, 2, -2, 10, 41, 3, -3, 15, 61, 4, -4, 20, 81 }, output);
    }

    [Fact]
    public void Depthwise_backward_skips_an_empty_input_gradient_and_accumulates_weights()
    {
        var g = ClassicCnnCases.Depthwise(4, 4, 3, 1, 3, 1, 1, 1, Padding.Same);
        var input = LayerTestData.Uniform(g.InputSize, 5);
        var kernel = LayerTestData.Uniform(g.KernelSize, 6);
        var upstream = LayerTestData.Uniform(g.OutputSize, 7);
        var (once, twice) = (new float[kernel.Length], new float[kernel.Length]);
        Fast.DepthwiseConv2D.Backward(g, 1, input, kernel, upstream, Span<float>.Empty, once, Span<float>.Empty);
        Fast.DepthwiseConv2D.Backward(g, 1, input, kernel, upstream, Span<float>.Empty, twice, Span<float>.Empty);
        Fast.DepthwiseConv2D.Backward(g, 1, input, kernel, upstream, Span<float>.Empty, twice, Span<float>.Empty);
        LayerTestData.AssertClose(once.Select(v => 2 * v).ToArray(), twice, 1e-6, 1e-6, "accumulated kernel gradient");
    }

    [Theory]
    [InlineData(3, 1, 8)]
    [InlineData(16, 1, 33)]
    [InlineData(7, 2, 5)]
    public void Separable_is_depthwise_then_pointwise_and_streams_without_a_kept_step(int channels, int multiplier, int filters)
    {
        var g = ClassicCnnCases.Separable(6, 7, channels, multiplier, filters, 3, 2, Padding.Same);
        const int batch = 3;
        var input = LayerTestData.Uniform(batch * g.InputSize, 8);
        var depthwise = LayerTestData.Uniform(g.Depthwise.KernelSize, 9);
        var pointwise = LayerTestData.Uniform(g.Pointwise.KernelSize, 10);
        var bias = LayerTestData.Uniform(filters, 11);
        var step = new float[batch * g.DepthwiseSize];
        var (expected, kept, streamed) = (new float[batch * g.Pointwise.OutputSize], new float[batch * g.Pointwise.OutputSize], new float[batch * g.Pointwise.OutputSize]);
        Ref.SeparableConv2D.Forward(g, batch, input, depthwise, pointwise, bias, Activation.Relu, new float[step.Length], expected);
        Fast.SeparableConv2D.Forward(g, batch, input, depthwise, pointwise, bias, Activation.Relu, step, kept);
        Fast.SeparableConv2D.Forward(g, batch, input, depthwise, pointwise, bias, Activation.Relu, Span<float>.Empty, streamed);
        LayerTestData.AssertClose(expected, kept, 1e-4, 1e-4, "kept step");
        Assert.Equal(kept, streamed);
    }

    [Theory]
    [InlineData(4, 6, 2, 3, 1, Padding.Same)]
    [InlineData(32, 64, 4, 3, 2, Padding.Same)]
    [InlineData(9, 3, 3, 1, 1, Padding.Valid)]
    [InlineData(33, 33, 33, 3, 1, Padding.Same)]
    public void Grouped_convolution_matches_its_reference(int inputChannels, int filters, int groups, int kernel, int stride, Padding padding)
    {
        var g = ConvolutionCases.Conv(7, 5, inputChannels, filters, kernel, kernel, stride, 1, padding);
        const int batch = 2;
        var input = LayerTestData.Uniform(batch * g.InputSize, 12);
        var weights = LayerTestData.Uniform(g.KernelSize / groups, 13);
        var bias = LayerTestData.Uniform(filters, 14);
        var (expected, actual) = (new float[batch * g.OutputSize], new float[batch * g.OutputSize]);
        Ref.GroupedConv2D.Forward(g, groups, batch, input, weights, bias, Activation.Relu, expected);
        Fast.GroupedConv2D.Forward(g, groups, batch, input, weights, bias, Activation.Relu, actual);
        LayerTestData.AssertClose(expected, actual, 1e-4, 1e-4, "forward");

        var upstream = LayerTestData.Uniform(expected.Length, 15);
        var (dxRef, dwRef, dbRef) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
        var (dx, dw, db) = (new float[input.Length], new float[weights.Length], new float[bias.Length]);
        Ref.GroupedConv2D.Backward(g, groups, batch, input, weights, upstream, dxRef, dwRef, dbRef);
        Fast.GroupedConv2D.Backward(g, groups, batch, input, weights, upstream, dx, dw, db);
        LayerTestData.AssertClose(dxRef, dx, 1e-4, 1e-4, "input gradient");
        LayerTestData.AssertClose(dwRef, dw, 1e-4, 1e-4, "kernel gradient");
        LayerTestData.AssertClose(dbRef, db, 1e-4, 1e-4, "bias gradient");
    }

    [Fact]
    public void Grouped_convolution_with_one_group_is_conv2d()
    {
        var g = ConvolutionCases.Conv(6, 6, 5, 7, 3, 3, 1, 1, Padding.Same);
        var input = LayerTestData.Uniform(g.InputSize, 16);
        var weights = LayerTestData.Uniform(g.KernelSize, 17);
        var (plain, grouped) = (new float[g.OutputSize], new float[g.OutputSize]);
        Fast.Conv2D.Forward(g, 1, input, weights, ReadOnlySpan<float>.Empty, Activation.Linear, plain);
        Fast.GroupedConv2D.Forward(g, 1, 1, input, weights, ReadOnlySpan<float>.Empty, Activation.Linear, grouped);
        Assert.Equal(plain, grouped);
    }

    [Fact]
    public void Groups_that_do_not_divide_the_channels_are_rejected()
    {
        var g = ConvolutionCases.Conv(4, 4, 6, 4, 3, 3, 1, 1, Padding.Same);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Fast.GroupedConv2D.Forward(g, 4, 1, new float[g.InputSize], new float[3 * 3 * 1 * 4], ReadOnlySpan<float>.Empty, Activation.Linear, new float[g.OutputSize]));
        Assert.Contains("groups (4) must divide the input channels (6)", error.Message);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Min_pooling_matches_its_reference_and_ignores_padding(int channels)
    {
        foreach (var (pool, stride, padding) in new[] { (2, 2, Padding.Valid), (3, 2, Padding.Same), (3, 1, Padding.Same) })
        {
            var g = LayerTestData.Pool(5, 7, channels, pool, stride, padding);
            const int batch = 2;
            // All inputs positive: a padded zero winning would show.
            var input = LayerTestData.Distinct(batch * g.InputSize, seed: 18).Select(v => v + 100f).ToArray();
            var (expected, actual) = (new float[batch * g.OutputSize], new float[batch * g.OutputSize]);
            Ref.MinPool2D.Forward(g, batch, input, expected);
            Fast.MinPool2D.Forward(g, batch, input, actual);
            Assert.Equal(expected, actual);
            Assert.All(actual, v => Assert.True(v > 0));

            var upstream = LayerTestData.Uniform(expected.Length, 19);
            var (dxRef, dx) = (new float[input.Length], new float[input.Length]);
            Ref.MinPool2D.Backward(g, batch, input, expected, upstream, dxRef);
            Fast.MinPool2D.Backward(g, batch, input, actual, upstream, dx);
            LayerTestData.AssertClose(dxRef, dx, 1e-6, 1e-6, $"{channels} channels pool {pool} stride {stride} {padding}");
        }
    }

    [Fact]
    public void Min_pooling_routes_ties_to_the_first_cell()
    {
        var g = LayerTestData.Pool(2, 2, 1, 2, 2, Padding.Valid);
        float[] input = [3, 1, 1, 2];
        var output = new float[1];
        Fast.MinPool2D.Forward(g, 1, input, output);
        Assert.Equal(1f, output[0]);
        var gradient = new float[4];
        Fast.MinPool2D.Backward(g, 1, input, output, [5f], gradient);
        Assert.Equal(new float[] { 0, 5, 0, 0 }, gradient);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Cropping_and_bed_of_nails_match_their_references(int channels)
    {
        var crop = new Cropping2DGeometry(6, 5, channels, 2, 1, 0, 3);
        var input = LayerTestData.Uniform(2 * crop.InputSize, 20);
        var (expected, actual) = (new float[2 * crop.OutputSize], new float[2 * crop.OutputSize]);
        Ref.Cropping2D.Forward(crop, 2, input, expected);
        Fast.Cropping2D.Forward(crop, 2, input, actual);
        Assert.Equal(expected, actual);
        var (dxRef, dx) = (Enumerable.Repeat(9f, input.Length).ToArray(), Enumerable.Repeat(9f, input.Length).ToArray());
        Ref.Cropping2D.Backward(crop, 2, expected, dxRef);
        Fast.Cropping2D.Backward(crop, 2, expected, dx);
        Assert.Equal(dxRef, dx);

        var up = new UpSampling2DGeometry(3, 2, channels, 3, 2);
        var small = LayerTestData.Uniform(2 * up.InputSize, 21);
        var (upRef, upFast) = (new float[2 * up.OutputSize], Enumerable.Repeat(9f, 2 * up.OutputSize).ToArray());
        Ref.UpSampling2D.Forward(up, Interpolation.BedOfNails, 2, small, upRef);
        Fast.UpSampling2D.Forward(up, Interpolation.BedOfNails, 2, small, upFast);
        Assert.Equal(upRef, upFast);
        var (backRef, back) = (new float[small.Length], new float[small.Length]);
        Ref.UpSampling2D.Backward(up, Interpolation.BedOfNails, 2, upRef, backRef);
        Fast.UpSampling2D.Backward(up, Interpolation.BedOfNails, 2, upRef, back);
        Assert.Equal(backRef, back);
        Assert.Equal(small, back); // the nails carry the values back
    }

    [Fact]
    public void Bed_of_nails_puts_each_value_at_the_top_left_of_its_block()
    {
        var g = new UpSampling2DGeometry(1, 2, 1, 2, 2);
        var output = new float[8];
        Fast.UpSampling2D.Forward(g, Interpolation.BedOfNails, 1, [1f, 2f], output);
        Assert.Equal(new float[] { 1, 0, 2, 0, 0, 0, 0, 0 }, output);
    }

    [Fact]
    public void Cropping_that_leaves_nothing_is_rejected()
    {
        var g = new Cropping2DGeometry(4, 4, 1, 2, 2, 0, 0);
        var error = Assert.Throws<ArgumentException>(() => Fast.Cropping2D.Forward(g, 1, new float[16], new float[0]));
        Assert.Contains("leaves 0x4", error.Message);
    }
}
