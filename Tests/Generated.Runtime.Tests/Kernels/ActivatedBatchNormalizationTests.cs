using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// Batch normalization at inference with the activation of the layer before it applied in the same pass (what
/// Predict calls for an activation layer followed by BatchNormalization): against the reference twin, and bit for
/// bit against the two separate fast kernels it replaces.
/// </summary>
public class ActivatedBatchNormalizationTests
{
    /// <summary>(rows, channels, activation, alpha): every channel count of the layer tests, several activations, partial chunks of rows.</summary>
    public static TheoryData<int, int, Activation, float> Cases()
    {
        var data = new TheoryData<int, int, Activation, float>();
        Activation[] kinds = [Activation.LeakyRelu, Activation.Relu, Activation.Sigmoid, Activation.Tanh, Activation.Linear, Activation.Swish, Activation.Elu];
        var i = 0;
        foreach (var channels in LayerTestData.Channels)
        {
            data.Add(1 + 53 * i % 170, channels, kinds[i % kinds.Length], i % 2 == 0 ? 0.02f : 0.3f);
            i++;
        }
        // M4's shapes: 12x12x10 and 5x5x10 per sample, chunks of 64 samples; and rows that end mid-chunk and mid-group.
        data.Add(64 * 144, 10, Activation.LeakyRelu, 0.02f);
        data.Add(64 * 25, 10, Activation.LeakyRelu, 0.02f);
        data.Add(25 * 13 + 4, 10, Activation.Relu, 0f);
        data.Add(7, 300, Activation.LeakyRelu, 0.2f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_separate_kernels(int rows, int channels, Activation activation, float alpha)
    {
        var input = LayerTestData.Uniform(rows * channels, seed: 40, scale: 2f);
        var gamma = LayerTestData.Uniform(channels, seed: 41);
        var beta = LayerTestData.Uniform(channels, seed: 42);
        var movingMean = LayerTestData.Uniform(channels, seed: 43);
        var movingVariance = LayerTestData.Uniform(channels, seed: 44, scale: 0.5f).Select(v => v + 1f).ToArray();

        float[] expected = new float[input.Length], actual = new float[input.Length], separate = new float[input.Length];
        Ref.BatchNormalization.ForwardInference(rows, channels, activation, alpha, input, gamma, beta, movingMean, movingVariance, 1e-3f, expected);
        Fast.BatchNormalization.ForwardInference(rows, channels, activation, alpha, input, gamma, beta, movingMean, movingVariance, 1e-3f, actual);
        LayerTestData.AssertClose(expected, actual, 1e-5, 1e-5, $"{activation} then batch normalization");

        Fast.Activations.Forward(activation, alpha, channels, input, separate);
        Fast.BatchNormalization.ForwardInference(rows, channels, separate, gamma, beta, movingMean, movingVariance, 1e-3f, separate);
        LayerTestData.AssertEqual(separate, actual, "fused vs separate kernels");

        // In place, as a workspace region may be.
        var inPlace = (float[])input.Clone();
        Fast.BatchNormalization.ForwardInference(rows, channels, activation, alpha, inPlace, gamma, beta, movingMean, movingVariance, 1e-3f, inPlace);
        LayerTestData.AssertEqual(actual, inPlace, "in place");
    }

    [Fact]
    public void Bad_arguments_say_what_is_wrong()
    {
        var values = new float[20];
        var four = new float[4];
        var wrongLength = Assert.Throws<ArgumentException>(() =>
            Fast.BatchNormalization.ForwardInference(5, 4, Activation.Relu, 0f, values, four, four, four, four, 1e-3f, new float[19]));
        Assert.Contains("20", wrongLength.Message);
        var slope = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Fast.BatchNormalization.ForwardInference(5, 4, Activation.LeakyRelu, -1f, values, four, four, four, four, 1e-3f, values));
        Assert.Contains("alpha", slope.Message);
    }

    [Fact]
    public void Steady_state_calls_allocate_nothing()
    {
        var input = LayerTestData.Uniform(640, seed: 45);
        var parameters = LayerTestData.Uniform(10, seed: 46).Select(v => v + 1f).ToArray();
        var output = new float[640];
        Fast.BatchNormalization.ForwardInference(64, 10, Activation.LeakyRelu, 0.02f, input, parameters, parameters, parameters, parameters, 1e-3f, output);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Fast.BatchNormalization.ForwardInference(64, 10, Activation.LeakyRelu, 0.02f, input, parameters, parameters, parameters, parameters, 1e-3f, output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
