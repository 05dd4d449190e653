using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

public class ResamplingTests
{
    /// <summary>Batch, height, width, channels, factors and interpolation over vector tails and odd sizes.</summary>
    public static TheoryData<int, int, int, int, int, int, Interpolation> Shapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, Interpolation>();
        var i = 0;
        // Plus 4 and 12 (the 4-channel maps of small autoencoders): a 128-bit pass with no scalar tail.
        foreach (var channels in LayerTestData.Channels.Concat([4, 12]))
        foreach (var (fh, fw) in new[] { (2, 2), (3, 2), (1, 3) })
        foreach (var interpolation in new[] { Interpolation.Nearest, Interpolation.Bilinear })
        {
            i++;
            data.Add(1 + i % 4, 1 + i % 5, 3 + i % 3, channels, fh, fw, interpolation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FastMatchesReference(int batch, int height, int width, int channels, int factorHeight, int factorWidth, Interpolation interpolation)
    {
        var g = new UpSampling2DGeometry(height, width, channels, factorHeight, factorWidth);
        var input = LayerTestData.Uniform(batch * g.InputSize, seed: 20);
        var upstream = LayerTestData.Uniform(batch * g.OutputSize, seed: 21);
        float[] expected = new float[upstream.Length], actual = new float[upstream.Length];
        Ref.UpSampling2D.Forward(g, interpolation, batch, input, expected);
        Fast.UpSampling2D.Forward(g, interpolation, batch, input, actual);
        LayerTestData.AssertClose(expected, actual, 1e-6, 1e-6, $"{interpolation} forward");

        float[] expectedGradient = new float[input.Length], actualGradient = LayerTestData.Uniform(input.Length, seed: 22);
        Ref.UpSampling2D.Backward(g, interpolation, batch, upstream, expectedGradient);
        Fast.UpSampling2D.Backward(g, interpolation, batch, upstream, actualGradient);
        LayerTestData.AssertClose(expectedGradient, actualGradient, 1e-5, 1e-5, $"{interpolation} backward");
    }

    [Fact]
    public void BilinearUsesHalfPixelCentres()
    {
        // tf.image.resize([[1, 2], [3, 4]], [4, 4]) (half-pixel centres, edges clamped):
        // rows 1, 1.5, 2.5, 3 weights; columns likewise.
        var g = new UpSampling2DGeometry(2, 2, 1, 2, 2);
        var output = new float[16];
        Fast.UpSampling2D.Forward(g, Interpolation.Bilinear, 1, new float[] { 1, 2, 3, 4 }, output);
        Assert.Equal(new[]
        {
            1f, 1.25f, 1.75f, 2f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.5f, 2.75f, 3.25f, 3.5f,
            3f, 3.25f, 3.75f, 4f,
        }, output);
    }

    [Fact]
    public void NearestRepeatsPixelsAndSumsGradients()
    {
        var g = new UpSampling2DGeometry(1, 2, 2, 2, 3);
        var output = new float[24];
        Fast.UpSampling2D.Forward(g, Interpolation.Nearest, 1, new float[] { 1, 10, 2, 20 }, output);
        Assert.Equal(new float[] { 1, 10, 1, 10, 1, 10, 2, 20, 2, 20, 2, 20, 1, 10, 1, 10, 1, 10, 2, 20, 2, 20, 2, 20 }, output);
        var gradient = new float[4];
        Fast.UpSampling2D.Backward(g, Interpolation.Nearest, 1, output, gradient);
        Assert.Equal(new float[] { 6, 60, 12, 120 }, gradient);
    }

    [Fact]
    public void WrongLengthsAndInterpolationsAreRejected()
    {
        var g = new UpSampling2DGeometry(2, 2, 3, 2, 2);
        var error = Assert.Throws<ArgumentException>(() => Fast.UpSampling2D.Forward(g, Interpolation.Nearest, 1, new float[12], new float[47]));
        Assert.Contains("48", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ref.UpSampling2D.Forward(g, (Interpolation)7, 1, new float[12], new float[48]));
    }
}
