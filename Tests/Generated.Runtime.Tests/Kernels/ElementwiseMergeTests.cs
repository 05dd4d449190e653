using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The vectorized element-wise merge kernels equal their scalar twins, at lengths around the vector widths (tails
/// included), in place, and with tied values; bad lengths are clear exceptions.
/// </summary>
public class ElementwiseMergeTests
{
    public static TheoryData<int> Lengths() => new() { 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 130 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Binary_merges_equal_the_reference(int length)
    {
        var a = LayerTestData.Uniform(length, seed: 1);
        var b = LayerTestData.Uniform(length, seed: 2);
        b[0] = a[0]; // a tie
        float[] fast = new float[length], reference = new float[length];
        Fast.Merge.Subtract(a, b, fast);
        Ref.Merge.Subtract(a, b, reference);
        Assert.Equal(reference, fast);
        Fast.Merge.Multiply(a, b, fast);
        Ref.Merge.Multiply(a, b, reference);
        Assert.Equal(reference, fast);
        Fast.Merge.Maximum(a, b, fast);
        Ref.Merge.Maximum(a, b, reference);
        Assert.Equal(reference, fast);
        Fast.Merge.Minimum(a, b, fast);
        Ref.Merge.Minimum(a, b, reference);
        Assert.Equal(reference, fast);
        Fast.Merge.Negate(a, fast);
        Ref.Merge.Negate(a, reference);
        Assert.Equal(reference, fast);
        Fast.Merge.Divide(a, 3, fast);
        Ref.Merge.Divide(a, 3, reference);
        Assert.Equal(reference, fast);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Maximum_backward_kernels_equal_the_reference_in_place(int length)
    {
        var a = LayerTestData.Uniform(length, seed: 3).Select(v => MathF.Round(v * 4) / 4).ToArray(); // coarse: many ties
        var b = LayerTestData.Uniform(length, seed: 4).Select(v => MathF.Round(v * 4) / 4).ToArray();
        var upstream = LayerTestData.Uniform(length, seed: 5);
        var output = (float[])a.Clone();
        Fast.Merge.Maximum(output, b, output);
        float[] fastCount = new float[length], referenceCount = new float[length];
        Fast.Merge.CountEqual(a, output, fastCount, accumulate: false);
        Fast.Merge.CountEqual(b, output, fastCount, accumulate: true);
        Ref.Merge.CountEqual(a, output, referenceCount, accumulate: false);
        Ref.Merge.CountEqual(b, output, referenceCount, accumulate: true);
        Assert.Equal(referenceCount, fastCount);
        Assert.All(fastCount, c => Assert.InRange(c, 1f, 2f));
        float[] fast = new float[length], reference = new float[length];
        Fast.Merge.RouteToEqual(b, output, fastCount, upstream, fast);
        Ref.Merge.RouteToEqual(b, output, referenceCount, upstream, reference);
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void Mismatched_lengths_and_divisors_are_rejected()
    {
        Assert.Contains("b has 3 floats", Assert.Throws<ArgumentException>(() => Fast.Merge.Subtract(new float[4], new float[3], new float[4])).Message);
        Assert.Contains("output has 2 floats", Assert.Throws<ArgumentException>(() => Fast.Merge.Maximum(new float[4], new float[4], new float[2])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast.Merge.Divide(new float[4], 0, new float[4]));
        Assert.Contains("count has 3 floats", Assert.Throws<ArgumentException>(() => Ref.Merge.CountEqual(new float[4], new float[4], new float[3], accumulate: false)).Message);
        Assert.Contains("poolOutput", Assert.Throws<ArgumentException>(() => Fast.MaxUnpool2D.Forward(new Pool2DGeometry(4, 4, 1, 2, 2, 2, 2, 2, 2, 0, 0), 1, new float[16], new float[3], new float[4], new float[16])).Message);
    }
}
