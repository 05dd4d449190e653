using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

public class MergeAndDropoutTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100)]
    public void AddMatchesReference(int length)
    {
        var a = LayerTestData.Uniform(length, seed: 70);
        var b = LayerTestData.Uniform(length, seed: 71);
        float[] expected = new float[length], actual = new float[length];
        Ref.Merge.Add(a, b, expected);
        Fast.Merge.Add(a, b, actual);
        LayerTestData.AssertEqual(expected, actual, "add");
        Fast.Merge.Add(a, b, a);
        LayerTestData.AssertEqual(expected, a, "add in place");
    }

    [Theory]
    [InlineData(1, 3, 3, 0)]
    [InlineData(5, 3, 8, 0)]
    [InlineData(5, 5, 8, 3)]
    [InlineData(7, 17, 33, 16)]
    public void ConcatenationCopiesAndSlicesChannels(int pixels, int inputChannels, int outputChannels, int offset)
    {
        var input = LayerTestData.Uniform(pixels * inputChannels, seed: 72);
        var expected = LayerTestData.Uniform(pixels * outputChannels, seed: 73);
        var actual = (float[])expected.Clone();
        Ref.Merge.CopyChannels(pixels, input, inputChannels, expected, outputChannels, offset);
        Fast.Merge.CopyChannels(pixels, input, inputChannels, actual, outputChannels, offset);
        LayerTestData.AssertEqual(expected, actual, "copy");
        for (var p = 0; p < pixels; p++)
        {
            Assert.Equal(input[p * inputChannels], actual[p * outputChannels + offset]); // lands at the offset
        }

        float[] expectedSlice = new float[input.Length], actualSlice = new float[input.Length];
        Ref.Merge.SliceChannels(pixels, actual, outputChannels, offset, expectedSlice, inputChannels);
        Fast.Merge.SliceChannels(pixels, actual, outputChannels, offset, actualSlice, inputChannels);
        LayerTestData.AssertEqual(input, expectedSlice, "slice is the adjoint of copy");
        LayerTestData.AssertEqual(input, actualSlice, "slice is the adjoint of copy");
    }

    [Fact]
    public void MergeRejectsChannelsThatDoNotFit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Fast.Merge.CopyChannels(2, new float[6], 3, new float[8], 4, 2));
        Assert.Contains("[0, 1]", error.Message);
        Assert.Throws<ArgumentException>(() => Fast.Merge.Add(new float[3], new float[4], new float[3]));
    }

    [Theory]
    [InlineData(0f, 37)]
    [InlineData(0.5f, 1000)]
    [InlineData(0.9f, 333)]
    public void DropoutMatchesReferenceAndKeepsTheExpectedFraction(float rate, int length)
    {
        var input = LayerTestData.Uniform(length, seed: 74);
        float[] expected = new float[length], expectedMask = new float[length], actual = new float[length], actualMask = new float[length];
        var referenceRandom = new SeededRandom(5);
        var fastRandom = new SeededRandom(5);
        Ref.Dropout.Forward(rate, ref referenceRandom, input, expectedMask, expected);
        Fast.Dropout.Forward(rate, ref fastRandom, input, actualMask, actual);
        LayerTestData.AssertEqual(expectedMask, actualMask, "mask");
        LayerTestData.AssertEqual(expected, actual, "output");
        Assert.Equal(referenceRandom.NextUInt64(), fastRandom.NextUInt64()); // both consumed the same draws

        var kept = actualMask.Count(m => m != 0);
        Assert.All(actualMask, m => Assert.True(m == 0f || m == 1f / (1f - rate)));
        // Binomial(length, 1 - rate): within five standard deviations.
        var sd = Math.Sqrt(length * rate * (1 - rate));
        Assert.InRange(kept, length * (1 - rate) - 5 * sd - 1e-9, length * (1 - rate) + 5 * sd + 1e-9);

        var upstream = LayerTestData.Uniform(length, seed: 75);
        float[] expectedGradient = new float[length], actualGradient = new float[length];
        Ref.Dropout.Backward(expectedMask, upstream, expectedGradient);
        Fast.Dropout.Backward(actualMask, upstream, actualGradient);
        LayerTestData.AssertEqual(expectedGradient, actualGradient, "backward");
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(upstream[i] * actualMask[i], actualGradient[i]);
        }
    }

    [Fact]
    public void DropoutRejectsRatesOutsideZeroToOne()
    {
        var random = new SeededRandom(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Fast.Dropout.Forward(1f, ref random, new float[2], new float[2], new float[2]));
        Assert.Contains("[0, 1)", error.Message);
    }
}
