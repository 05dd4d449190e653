using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

public class PoolingTests
{
    /// <summary>Batch, height, width, channels, pool, stride, padding: every channel count across vector tails, odd sizes, overlapping and gapped strides.</summary>
    public static TheoryData<int, int, int, int, int, int, Padding> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, Padding>();
        var i = 0;
        // Plus 4 and 12 (the 4-channel maps of small autoencoders): a 128-bit pass with no scalar tail; 24 and 64: the
        // 2x2 fast path with 256- and 512-bit vectors.
        foreach (var channels in LayerTestData.Channels.Concat([4, 12, 24, 64]))
        foreach (var (pool, stride) in new[] { (2, 2), (3, 2), (3, 1), (2, 3), (1, 1) })
        foreach (var padding in new[] { Padding.Valid, Padding.Same })
        {
            i++;
            data.Add(1 + i % 4, 5 + i % 3, 7 - i % 3, channels, pool, stride, padding);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MaxPoolFastMatchesReference(int batch, int height, int width, int channels, int pool, int stride, Padding padding)
    {
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 1);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 2);
        float[] expected = new float[batch * g.OutputSize], actual = new float[batch * g.OutputSize];
        Ref.MaxPool2D.Forward(g, batch, input, expected);
        Fast.MaxPool2D.Forward(g, batch, input, actual);
        LayerTestData.AssertEqual(expected, actual, "max pool forward");

        float[] expectedGradient = new float[input.Length], actualGradient = LayerTestData.Uniform(input.Length, seed: 3);
        Ref.MaxPool2D.Backward(g, batch, input, expected, upstream, expectedGradient);
        Fast.MaxPool2D.Backward(g, batch, input, actual, upstream, actualGradient);
        LayerTestData.AssertClose(expectedGradient, actualGradient, 1e-6, 1e-6, "max pool backward");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AveragePoolFastMatchesReference(int batch, int height, int width, int channels, int pool, int stride, Padding padding)
    {
        var g = LayerTestData.Pool(height, width, channels, pool, stride, padding);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 4);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 5);
        float[] expected = new float[batch * g.OutputSize], actual = new float[batch * g.OutputSize];
        Ref.AveragePool2D.Forward(g, batch, input, expected);
        Fast.AveragePool2D.Forward(g, batch, input, actual);
        LayerTestData.AssertClose(expected, actual, 1e-6, 1e-6, "average pool forward");

        float[] expectedGradient = new float[input.Length], actualGradient = LayerTestData.Uniform(input.Length, seed: 6);
        Ref.AveragePool2D.Backward(g, batch, upstream, expectedGradient);
        Fast.AveragePool2D.Backward(g, batch, upstream, actualGradient);
        LayerTestData.AssertClose(expectedGradient, actualGradient, 1e-6, 1e-6, "average pool backward");
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 9, 7)]
    [InlineData(3, 25, 17)]
    [InlineData(4, 6, 33)]
    [InlineData(2, 49, 31)]
    public void GlobalPoolsFastMatchReference(int batch, int pixels, int channels)
    {
        var input = LayerTestData.Uniform(batch * pixels * channels, seed: 7);
        var upstream = LayerTestData.Uniform(batch * channels, seed: 8);
        float[] expected = new float[batch * channels], actual = new float[batch * channels];
        float[] expectedGradient = new float[input.Length], actualGradient = LayerTestData.Uniform(input.Length, seed: 9);

        Ref.GlobalAveragePool2D.Forward(batch, pixels, channels, input, expected);
        Fast.GlobalAveragePool2D.Forward(batch, pixels, channels, input, actual);
        LayerTestData.AssertClose(expected, actual, 1e-6, 1e-6, "global average forward");
        Ref.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, expectedGradient);
        Fast.GlobalAveragePool2D.Backward(batch, pixels, channels, upstream, actualGradient);
        LayerTestData.AssertClose(expectedGradient, actualGradient, 1e-7, 1e-6, "global average backward");

        Ref.GlobalMaxPool2D.Forward(batch, pixels, channels, input, expected);
        Fast.GlobalMaxPool2D.Forward(batch, pixels, channels, input, actual);
        LayerTestData.AssertEqual(expected, actual, "global max forward");
        Ref.GlobalMaxPool2D.Backward(batch, pixels, channels, input, expected, upstream, expectedGradient);
        Fast.GlobalMaxPool2D.Backward(batch, pixels, channels, input, actual, upstream, actualGradient);
        LayerTestData.AssertEqual(expectedGradient, actualGradient, "global max backward");
    }

    [Fact]
    public void AverageSamePaddingDoesNotCountPaddedCells()
    {
        // Keras: AveragePooling2D(2, strides=1, padding="same") on [[1,2,3],[4,5,6],[7,8,9]] pads one
        // row below and one column right; border windows average only their real cells.
        var g = LayerTestData.Pool(3, 3, 1, 2, 1, Padding.Same);
        float[] input = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        var output = new float[9];
        Fast.AveragePool2D.Forward(g, 1, input, output);
        Assert.Equal(new[] { 3f, 4f, 4.5f, 6f, 7f, 7.5f, 7.5f, 8.5f, 9f }, output);

        // Each window's unit gradient is shared by its real cells only (4, 2 or 1 of them): the corner
        // cell 9 gets 1/4 from window (1,1), 1/2 from (1,2) and (2,1), and all of (2,2); the total stays 9.
        var gradient = new float[9];
        Fast.AveragePool2D.Backward(g, 1, Enumerable.Repeat(1f, 9).ToArray(), gradient);
        Assert.Equal(new[] { 0.25f, 0.5f, 0.75f, 0.5f, 1f, 1.5f, 0.75f, 1.5f, 2.25f }, gradient);
    }

    [Fact]
    public void MaxSamePaddingNeverLetsPaddingWin()
    {
        // All inputs negative: a zero-padded max would return 0 at the border; Keras returns the real maximum.
        var g = LayerTestData.Pool(3, 3, 1, 2, 2, Padding.Same);
        float[] input = { -1, -2, -3, -4, -5, -6, -7, -8, -9 };
        var output = new float[4];
        Fast.MaxPool2D.Forward(g, 1, input, output);
        Assert.Equal(new[] { -1f, -3f, -7f, -9f }, output);
    }

    [Fact]
    public void MaxBackwardRoutesTiesToTheFirstCell()
    {
        var g = LayerTestData.Pool(2, 2, 9, 2, 2, Padding.Valid); // 9 channels: one vector plus a scalar tail
        var input = Enumerable.Repeat(1f, 36).ToArray();
        var output = new float[9];
        var gradient = new float[36];
        Fast.MaxPool2D.Forward(g, 1, input, output);
        Fast.MaxPool2D.Backward(g, 1, input, output, Enumerable.Repeat(2f, 9).ToArray(), gradient);
        Assert.Equal(Enumerable.Repeat(2f, 9).Concat(Enumerable.Repeat(0f, 27)), gradient);
    }

    [Fact]
    public void WrongLengthsAndGeometryAreRejectedWithTheExpectedSize()
    {
        var g = LayerTestData.Pool(4, 4, 2, 2, 2, Padding.Valid);
        var error = Assert.Throws<ArgumentException>(() => Fast.MaxPool2D.Forward(g, 2, new float[63], new float[16]));
        Assert.Contains("64", error.Message);
        Assert.Equal("input", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Ref.AveragePool2D.Forward(g, 2, new float[64], new float[15]));
        Assert.Contains("16", error.Message);
        var tooTall = g with { OutputHeight = 3 };
        Assert.Throws<ArgumentException>(() => Fast.MaxPool2D.Forward(tooTall, 1, new float[32], new float[12]));
        var paddedOnly = g with { PadTop = 2 };
        Assert.Throws<ArgumentException>(() => Fast.AveragePool2D.Forward(paddedOnly, 1, new float[32], new float[8]));
    }

    [Fact]
    public void EmptyInputGradientSkipsTheWork()
    {
        var g = LayerTestData.Pool(4, 4, 2, 2, 2, Padding.Valid);
        Fast.MaxPool2D.Backward(g, 1, new float[32], new float[8], new float[8], Span<float>.Empty);
        Fast.AveragePool2D.Backward(g, 1, new float[8], Span<float>.Empty);
        Fast.GlobalMaxPool2D.Backward(1, 16, 2, new float[32], new float[2], new float[2], Span<float>.Empty);
        Fast.GlobalAveragePool2D.Backward(1, 16, 2, new float[2], Span<float>.Empty);
    }
}
