using Generated.IO;
using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>ZeroPadding2D: the fast kernel against its scalar twin, against PyTorch, and its argument checks.</summary>
public class PaddingTests
{
    /// <summary>Batch, height, width, channels and the four paddings over vector tails, zero sides and asymmetric frames.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, int, int>();
        var i = 0;
        foreach (var channels in LayerTestData.Channels)
        foreach (var (top, bottom, left, right) in new[] { (1, 1, 1, 1), (0, 2, 3, 0), (2, 0, 0, 1), (0, 0, 0, 0) })
        {
            i++;
            data.Add(1 + i % 3, 1 + i % 5, 2 + i % 4, channels, top, bottom, left, right);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FastMatchesReference(int batch, int height, int width, int channels, int top, int bottom, int left, int right)
    {
        var g = new Padding2DGeometry(height, width, channels, top, bottom, left, right);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 30);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 31);
        // Outputs start as garbage: both kernels must write every cell, the frame included.
        float[] expected = LayerTestData.Uniform(upstream.Length, seed: 32), actual = LayerTestData.Uniform(upstream.Length, seed: 33);
        Ref.ZeroPadding2D.Forward(g, batch, input, expected);
        Fast.ZeroPadding2D.Forward(g, batch, input, actual);
        Assert.Equal(expected, actual);

        float[] expectedGradient = LayerTestData.Uniform(input.Length, seed: 34), actualGradient = LayerTestData.Uniform(input.Length, seed: 35);
        Ref.ZeroPadding2D.Backward(g, batch, upstream, expectedGradient);
        Fast.ZeroPadding2D.Backward(g, batch, upstream, actualGradient);
        Assert.Equal(expectedGradient, actualGradient);
    }

    [Fact]
    public void Forward_frames_a_map_with_zeros()
    {
        // 2x2x1 with one row above, none below, two columns left, one right: 3x5.
        var g = new Padding2DGeometry(2, 2, 1, 1, 0, 2, 1);
        var output = new float[g.OutputSize];
        Array.Fill(output, float.NaN);
        Fast.ZeroPadding2D.Forward(g, 1, new float[] { 1, 2, 3, 4 }, output);
        Assert.Equal(new[]
        {
            0f, 0f, 0f, 0f, 0f,
            0f, 0f, 1f, 2f, 0f,
            0f, 0f, 3f, 4f, 0f,
        }, output);
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 0, 1, 3)]
    public void MatchesPyTorch(int top, int bottom, int left, int right)
    {
        const int batch = 2;
        var fixture = SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "layers", "zero_padding.safetensors"));
        var name = $"pad_{top}_{bottom}_{left}_{right}";
        var input = fixture.Get("input");
        var upstream = fixture.Get($"{name}.grad_output");
        var g = new Padding2DGeometry(3, 4, 5, top, bottom, left, right);
        foreach (var reference in new[] { false, true })
        {
            float[] output = new float[batch * g.OutputSize], gradient = new float[input.Length];
            if (reference)
            {
                Ref.ZeroPadding2D.Forward(g, batch, input, output);
                Ref.ZeroPadding2D.Backward(g, batch, upstream, gradient);
            }
            else
            {
                Fast.ZeroPadding2D.Forward(g, batch, input, output);
                Fast.ZeroPadding2D.Backward(g, batch, upstream, gradient);
            }
            Assert.Equal(fixture.Get($"{name}.output"), output);
            Assert.Equal(fixture.Get($"{name}.grad_input"), gradient);
        }
    }

    [Fact]
    public void Backward_skips_an_empty_input_gradient()
    {
        var g = new Padding2DGeometry(2, 3, 2, 1, 1, 1, 1);
        Fast.ZeroPadding2D.Backward(g, 2, new float[2 * g.OutputSize], Span<float>.Empty);
        Ref.ZeroPadding2D.Backward(g, 2, new float[2 * g.OutputSize], Span<float>.Empty);
    }

    [Fact]
    public void Rejects_negative_padding_and_wrong_lengths()
    {
        var negative = new Padding2DGeometry(2, 2, 1, 0, -1, 0, 0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Fast.ZeroPadding2D.Forward(negative, 1, new float[4], new float[2]));
        Assert.Equal("geometry.PadBottom", error.ParamName);

        var g = new Padding2DGeometry(2, 2, 1, 1, 1, 1, 1);
        var length = Assert.Throws<ArgumentException>(() => Fast.ZeroPadding2D.Forward(g, 1, new float[4], new float[15]));
        Assert.Equal("output", length.ParamName);
        Assert.Contains("16", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ref.ZeroPadding2D.Backward(g, 1, new float[16], new float[3]));
    }
}
