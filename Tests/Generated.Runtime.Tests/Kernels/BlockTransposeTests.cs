using Generated.Kernels;
using Generated.Kernels.Convolution;
using Generated.Runtime.Tests.Common;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The NHWC pixel / channel-plane rearrangements of the pixel-lane path against plain index arithmetic, over pixel and
/// channel counts around the 8x8 register blocks (none, one, several, with remainders) and plane strides wider than a row.
/// </summary>
public unsafe class BlockTransposeTests
{
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (var pixels in new[] { 1, 7, 8, 9, 10, 11, 16, 19, 28 })
        {
            foreach (var channels in new[] { 1, 2, 3, 4, 5, 7, 8, 10, 16, 17 })
            {
                data.Add(pixels, channels);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Pixels_to_planes_and_back_move_every_float_to_its_place(int pixels, int channels)
    {
        var stride = pixels + 5;
        var source = TestData.Uniform(pixels * channels, pixels * 31 + channels);
        var planes = new float[channels * stride];
        planes.AsSpan().Fill(float.NaN); // the gaps between plane rows must stay untouched
        var back = new float[pixels * channels];
        fixed (float* s = source, p = planes, b = back)
        {
            BlockTranspose.PixelsToPlanes(s, pixels, channels, p, stride);
            BlockTranspose.PlanesToPixels(p, stride, pixels, channels, b);
        }
        for (var c = 0; c < channels; c++)
        {
            for (var x = 0; x < stride; x++)
            {
                var expected = x < pixels ? source[x * channels + c] : float.NaN;
                Assert.Equal(expected, planes[c * stride + x]);
            }
        }
        Assert.Equal(source, back);
    }
}
