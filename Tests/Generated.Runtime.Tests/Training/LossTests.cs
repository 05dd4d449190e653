using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class LossTests
{
    private static float[] Gradient(Loss loss, float[] predictions, float[] targets, int channels, out float value)
    {
        var gradient = new float[predictions.Length];
        value = loss.Compute(predictions, targets, channels, gradient);
        return gradient;
    }

    [Fact]
    public void Categorical_crossentropy_matches_hand_computed_values_and_gradient()
    {
        float[] p = [0.7f, 0.2f, 0.1f, 0.1f, 0.8f, 0.1f];
        float[] y = [1, 0, 0, 0, 0, 1];
        var g = Gradient(Loss.CategoricalCrossentropy, p, y, 3, out var value);

        Assert.Equal((-Math.Log(0.7) - Math.Log(0.1)) / 2, value, 5);
        // Rows sum to 1, so dL/dp = (-y/p + sum(y)) / N: the constant is the normalization's share.
        float[] expected = [(1 - 1 / 0.7f) / 2, 0.5f, 0.5f, 0.5f, 0.5f, (1 - 1 / 0.1f) / 2];
        Assert.Equal(expected, g, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Categorical_crossentropy_through_softmax_backward_is_p_minus_y_over_n()
    {
        float[] logits = [2f, -1f, 0.5f, 0.1f, 0.2f, 3f, -2f, 0f];
        float[] y = [0, 0, 1, 0, 0, 1, 0, 0];
        var p = Softmax(logits, 4);
        var g = Gradient(Loss.CategoricalCrossentropy, p, y, 4, out _);
        for (var row = 0; row < 2; row++)
        {
            var dot = 0f;
            for (var k = 0; k < 4; k++)
            {
                dot += g[row * 4 + k] * p[row * 4 + k];
            }
            for (var k = 0; k < 4; k++)
            {
                var i = row * 4 + k;
                var throughSoftmax = p[i] * (g[i] - dot);
                Assert.Equal((p[i] - y[i]) / 2, throughSoftmax, 1e-6f);
            }
        }
    }

    [Fact]
    public void Categorical_crossentropy_from_logits_is_stable_for_huge_logits()
    {
        var loss = new CategoricalCrossentropy(fromLogits: true);
        float[] x = [1000f, 0f, -1000f];
        var right = Gradient(loss, x, [1, 0, 0], 3, out var rightValue);
        var wrong = Gradient(loss, x, [0, 1, 0], 3, out var wrongValue);
        Assert.Equal(0f, rightValue, 1e-6f);
        Assert.Equal(1000f, wrongValue, 1e-3f);
        Assert.Equal([0f, 0f, 0f], right, new FloatTolerance(1e-6f));
        Assert.Equal([1f, -1f, 0f], wrong, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Clipping_keeps_a_zero_probability_finite_and_still_pushes_it()
    {
        var g = Gradient(Loss.CategoricalCrossentropy, [0f, 1f], [1, 0], 2, out var value);
        Assert.Equal(-Math.Log(1e-7), value, 3);
        Assert.True(float.IsFinite(g[0]) && g[0] < 0, $"gradient {g[0]}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sparse_equals_categorical_with_one_hot_targets(bool fromLogits)
    {
        var random = new SeededRandom(3);
        var x = Enumerable.Range(0, 5 * 7).Select(_ => random.NextUniform(-2, 2)).ToArray();
        var predictions = fromLogits ? x : Softmax(x, 7);
        int[] labels = [0, 6, 3, 3, 1];
        var oneHot = new float[35];
        for (var i = 0; i < 5; i++)
        {
            oneHot[i * 7 + labels[i]] = 1;
        }
        var dense = Gradient(new CategoricalCrossentropy(fromLogits), predictions, oneHot, 7, out var denseValue);
        var sparse = Gradient(new SparseCategoricalCrossentropy(fromLogits), predictions, labels.Select(l => (float)l).ToArray(), 7, out var sparseValue);
        Assert.Equal(denseValue, sparseValue, 1e-5f);
        Assert.Equal(dense, sparse, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Binary_crossentropy_matches_keras_formula()
    {
        float[] p = [0.8f, 0.3f, 1f, 0f];
        float[] y = [1, 0, 1, 1];
        var g = Gradient(Loss.BinaryCrossentropy, p, y, 1, out var value);
        const double eps = 1e-7;
        var expected = (-Math.Log(0.8 + eps) - Math.Log(1 - 0.3 + eps) - Math.Log(1 - eps + eps) - Math.Log(eps + eps)) / 4;
        Assert.Equal(expected, value, 4);
        Assert.Equal(-1 / (0.8f + 1e-7f) / 4, g[0], 1e-5f);
        Assert.Equal(1 / (0.7f + 1e-7f) / 4, g[1], 1e-5f);
        Assert.True(float.IsFinite(g[3]) && g[3] < -1e5f, "a saturated wrong output still gets a strong, finite gradient");
    }

    [Fact]
    public void Binary_crossentropy_from_logits_is_stable()
    {
        var g = Gradient(new BinaryCrossentropy(fromLogits: true), [100f, -100f, 0f], [0, 0, 1], 1, out var value);
        Assert.Equal((100 + 0 + Math.Log(2)) / 3, value, 4);
        Assert.Equal([1f / 3, 0f, -0.5f / 3], g, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Mean_squared_and_absolute_error_match_hand_values()
    {
        float[] p = [1f, 2f, 3f, 4f];
        float[] y = [1f, 0f, 4f, 8f];
        var mse = Gradient(Loss.MeanSquaredError, p, y, 2, out var mseValue);
        Assert.Equal((0 + 4 + 1 + 16) / 4f, mseValue, 1e-6f);
        Assert.Equal([0f, 1f, -0.5f, -2f], mse, new FloatTolerance(1e-6f));

        var mae = Gradient(Loss.MeanAbsoluteError, p, y, 2, out var maeValue);
        Assert.Equal((0 + 2 + 1 + 4) / 4f, maeValue, 1e-6f);
        Assert.Equal([0f, 0.25f, -0.25f, -0.25f], mae, new FloatTolerance(1e-7f));
    }

    [Fact]
    public void Wrong_target_lengths_say_which_loss_fits()
    {
        var gradient = new float[6];
        var sparseGiven = Assert.Throws<ArgumentException>(() => Loss.CategoricalCrossentropy.Compute(new float[6], new float[2], 3, gradient));
        Assert.Contains("SparseCategoricalCrossentropy", sparseGiven.Message);
        var oneHotGiven = Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossentropy.Compute(new float[6], new float[6], 3, gradient));
        Assert.Contains("one-hot", oneHotGiven.Message);
        Assert.Contains("gradient", Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(new float[6], new float[6], 3, new float[5])).Message);
        Assert.Contains("multiple", Assert.Throws<ArgumentException>(() => Loss.MeanSquaredError.Compute(new float[7], new float[7], 3, new float[7])).Message);
    }

    [Theory]
    [InlineData(3f)]
    [InlineData(-1f)]
    [InlineData(1.5f)]
    public void Sparse_labels_out_of_range_are_rejected_with_their_position(float label)
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.SparseCategoricalCrossentropy.Compute(new float[6], [0f, label], 3, new float[6]));
        Assert.Contains("target 1 is", e.Message);
        Assert.Contains("[0, 2]", e.Message);
    }

    internal static float[] Softmax(float[] x, int channels)
    {
        var p = new float[x.Length];
        for (var row = 0; row < x.Length / channels; row++)
        {
            var max = x.Skip(row * channels).Take(channels).Max();
            var sum = 0.0;
            for (var k = 0; k < channels; k++)
            {
                sum += Math.Exp(x[row * channels + k] - max);
            }
            for (var k = 0; k < channels; k++)
            {
                p[row * channels + k] = (float)(Math.Exp(x[row * channels + k] - max) / sum);
            }
        }
        return p;
    }
}

/// <summary>Compares floats within an absolute tolerance.</summary>
public sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance || x.Equals(y);

    public int GetHashCode(float obj) => 0;
}
