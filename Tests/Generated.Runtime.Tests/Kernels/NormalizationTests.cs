using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

public class NormalizationTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        var i = 0;
        foreach (var channels in LayerTestData.Channels)
        {
            data.Add(1 + 37 * i++ % 150, channels);
        }
        data.Add(300, 4); // several fold blocks of batch normalization's float partial sums
        // Batch normalization works on groups of rows ~256 floats wide: many groups (past a fold every 64 groups)
        // with a partial last one, narrow and odd channel counts, and a row wider than a group.
        data.Add(64 * 144 + 7, 10);
        data.Add(64 * 85 + 3, 3);
        data.Add(9, 257);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BatchNormalizationFastMatchesReference(int rows, int channels)
    {
        var input = Shifted(LayerTestData.Uniform(rows * channels, seed: 30, scale: 2f), 0.5f);
        var gamma = LayerTestData.Uniform(channels, seed: 31);
        var beta = LayerTestData.Uniform(channels, seed: 32);
        var movingMean = LayerTestData.Uniform(channels, seed: 33);
        var movingVariance = Shifted(LayerTestData.Uniform(channels, seed: 34, scale: 0.5f), 1f);
        var upstream = LayerTestData.Uniform(rows * channels, seed: 35);

        float[] expected = new float[input.Length], actual = new float[input.Length];
        Ref.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, 1e-3f, expected);
        Fast.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, 1e-3f, actual);
        LayerTestData.AssertClose(expected, actual, 1e-5, 1e-5, "inference");

        float[] refMean = (float[])movingMean.Clone(), refVariance = (float[])movingVariance.Clone();
        float[] fastMean = (float[])movingMean.Clone(), fastVariance = (float[])movingVariance.Clone();
        float[] refSavedMean = new float[channels], refSavedInverse = new float[channels], fastSavedMean = new float[channels], fastSavedInverse = new float[channels];
        Ref.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, refMean, refVariance, 0.9f, 1e-3f, expected, refSavedMean, refSavedInverse);
        Fast.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, fastMean, fastVariance, 0.9f, 1e-3f, actual, fastSavedMean, fastSavedInverse);
        LayerTestData.AssertClose(expected, actual, 1e-5, 1e-4, "training output");
        LayerTestData.AssertClose(refSavedMean, fastSavedMean, 1e-6, 1e-5, "saved mean");
        LayerTestData.AssertClose(refSavedInverse, fastSavedInverse, 1e-6, 1e-4, "saved inverse std");
        LayerTestData.AssertClose(refMean, fastMean, 1e-6, 1e-5, "moving mean");
        LayerTestData.AssertClose(refVariance, fastVariance, 1e-6, 1e-5, "moving variance");

        var (expectedGradients, actualGradients) = (Gradients(rows, channels, 0.25f), Gradients(rows, channels, 0.25f));
        Ref.BatchNormalization.Backward(rows, channels, input, gamma, refSavedMean, refSavedInverse, upstream, expectedGradients.Input, expectedGradients.Gamma, expectedGradients.Beta);
        Fast.BatchNormalization.Backward(rows, channels, input, gamma, refSavedMean, refSavedInverse, upstream, actualGradients.Input, actualGradients.Gamma, actualGradients.Beta);
        LayerTestData.AssertClose(expectedGradients.Input, actualGradients.Input, 1e-5, 1e-3, "input gradient");
        LayerTestData.AssertClose(expectedGradients.Gamma, actualGradients.Gamma, 1e-5, 1e-4, "gamma gradient");
        LayerTestData.AssertClose(expectedGradients.Beta, actualGradients.Beta, 1e-5, 1e-4, "beta gradient");

        var (expectedInference, actualInference) = (Gradients(rows, channels, 0.25f), Gradients(rows, channels, 0.25f));
        Ref.BatchNormalization.BackwardInference(rows, channels, input, gamma, movingMean, movingVariance, 1e-3f, upstream, expectedInference.Input, expectedInference.Gamma, expectedInference.Beta);
        Fast.BatchNormalization.BackwardInference(rows, channels, input, gamma, movingMean, movingVariance, 1e-3f, upstream, actualInference.Input, actualInference.Gamma, actualInference.Beta);
        LayerTestData.AssertClose(expectedInference.Input, actualInference.Input, 1e-6, 1e-5, "inference-mode input gradient");
        LayerTestData.AssertClose(expectedInference.Gamma, actualInference.Gamma, 1e-5, 1e-4, "inference-mode gamma gradient");
        LayerTestData.AssertClose(expectedInference.Beta, actualInference.Beta, 1e-5, 1e-4, "inference-mode beta gradient");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LayerNormalizationFastMatchesReference(int rows, int channels)
    {
        var input = Shifted(LayerTestData.Uniform(rows * channels, seed: 36, scale: 2f), -0.5f);
        var gamma = LayerTestData.Uniform(channels, seed: 37);
        var beta = LayerTestData.Uniform(channels, seed: 38);
        var upstream = LayerTestData.Uniform(rows * channels, seed: 39);
        float[] expected = new float[input.Length], actual = new float[input.Length];
        float[] refMean = new float[rows], refInverse = new float[rows], fastMean = new float[rows], fastInverse = new float[rows];
        Ref.LayerNormalization.Forward(rows, channels, input, gamma, beta, 1e-3f, expected, refMean, refInverse);
        Fast.LayerNormalization.Forward(rows, channels, input, gamma, beta, 1e-3f, actual, fastMean, fastInverse);
        LayerTestData.AssertClose(expected, actual, 1e-5, 1e-4, "output");
        LayerTestData.AssertClose(refMean, fastMean, 1e-6, 1e-5, "saved mean");
        LayerTestData.AssertClose(refInverse, fastInverse, 1e-6, 1e-4, "saved inverse std");
        Fast.LayerNormalization.Forward(rows, channels, input, gamma, beta, 1e-3f, actual, Span<float>.Empty, Span<float>.Empty);
        LayerTestData.AssertClose(expected, actual, 1e-5, 1e-4, "inference output");

        var (expectedGradients, actualGradients) = (Gradients(rows, channels, -0.5f), Gradients(rows, channels, -0.5f));
        Ref.LayerNormalization.Backward(rows, channels, input, gamma, refMean, refInverse, upstream, expectedGradients.Input, expectedGradients.Gamma, expectedGradients.Beta);
        Fast.LayerNormalization.Backward(rows, channels, input, gamma, refMean, refInverse, upstream, actualGradients.Input, actualGradients.Gamma, actualGradients.Beta);
        LayerTestData.AssertClose(expectedGradients.Input, actualGradients.Input, 1e-5, 1e-3, "input gradient");
        LayerTestData.AssertClose(expectedGradients.Gamma, actualGradients.Gamma, 1e-5, 1e-4, "gamma gradient");
        LayerTestData.AssertClose(expectedGradients.Beta, actualGradients.Beta, 1e-5, 1e-4, "beta gradient");
    }

    [Fact]
    public void BatchNormalizationTrainingUsesBiasedVarianceAndKerasMomentum()
    {
        // One channel, values 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5.
        float[] input = { 1, 2, 3, 6 }, output = new float[4];
        float[] movingMean = { 1 }, movingVariance = { 2 }, mean = new float[1], inverse = new float[1];
        Fast.BatchNormalization.ForwardTraining(4, 1, input, new[] { 2f }, new[] { 0.5f }, movingMean, movingVariance, 0.75f, 0.5f, output, mean, inverse);
        Assert.Equal(3f, mean[0]);
        Assert.Equal(0.5f, inverse[0], 6); // 1 / sqrt(3.5 + 0.5)
        Assert.Equal(new[] { -1.5f, -0.5f, 0.5f, 3.5f }, output);
        Assert.Equal(1 * 0.75f + 3 * 0.25f, movingMean[0], 6);
        Assert.Equal(2 * 0.75f + 3.5f * 0.25f, movingVariance[0], 6);
    }

    [Fact]
    public void GradientsOfParametersAccumulate()
    {
        const int rows = 5, channels = 3;
        var input = LayerTestData.Uniform(rows * channels, seed: 48);
        var upstream = LayerTestData.Uniform(rows * channels, seed: 49);
        var gamma = LayerTestData.Uniform(channels, seed: 50);
        float[] mean = new float[channels], inverse = new float[channels];
        Fast.BatchNormalization.ForwardTraining(rows, channels, input, gamma, new float[channels], new float[channels], new float[channels], 0.9f, 1e-3f, new float[input.Length], mean, inverse);
        var once = Gradients(rows, channels, 0f);
        Fast.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, once.Input, once.Gamma, once.Beta);
        var twice = Gradients(rows, channels, 0f);
        Fast.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, twice.Input, twice.Gamma, twice.Beta);
        Fast.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, Span<float>.Empty, twice.Gamma, twice.Beta);
        LayerTestData.AssertClose(once.Gamma.Select(v => 2 * v).ToArray(), twice.Gamma, 1e-6, 1e-6, "gamma accumulates");
        LayerTestData.AssertClose(once.Beta.Select(v => 2 * v).ToArray(), twice.Beta, 1e-6, 1e-6, "beta accumulates");
        LayerTestData.AssertEqual(once.Input, twice.Input, "input gradient is overwritten");
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Fast.BatchNormalization.ForwardInference(4, 3, new float[12], new float[2], new float[3], new float[3], new float[3], 1e-3f, new float[12]));
        Assert.Equal("gamma", error.ParamName);
        Assert.Contains("3", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast.BatchNormalization.ForwardTraining(4, 3, new float[12], new float[3], new float[3], new float[3], new float[3], 1.5f, 1e-3f, new float[12], new float[3], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ref.LayerNormalization.Forward(4, 3, new float[12], new float[3], new float[3], 0f, new float[12], default, default));
        error = Assert.Throws<ArgumentException>(() => Fast.LayerNormalization.Forward(4, 3, new float[12], new float[3], new float[3], 1e-3f, new float[12], new float[3], new float[3]));
        Assert.Equal("savedMean", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Fast.BatchNormalization.BackwardInference(4, 3, new float[12], new float[3], new float[3], new float[2], 1e-3f, new float[12], new float[12], new float[3], new float[3]));
        Assert.Equal("movingVariance", error.ParamName);
    }

    private static float[] Shifted(float[] values, float shift) => values.Select(v => v + shift).ToArray();

    /// <summary>Gradient buffers; parameter gradients start at <paramref name="initial"/> to prove they are accumulated into.</summary>
    private static (float[] Input, float[] Gamma, float[] Beta) Gradients(int rows, int channels, float initial) =>
        (LayerTestData.Uniform(rows * channels, seed: 99), Enumerable.Repeat(initial, channels).ToArray(), Enumerable.Repeat(initial, channels).ToArray());
}
