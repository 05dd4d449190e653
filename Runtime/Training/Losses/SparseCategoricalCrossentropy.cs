using System;
using System.Globalization;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Keras' <c>SparseCategoricalCrossentropy</c>: categorical cross-entropy with one integer class index per row of
/// <c>channels</c> outputs (stored as floats, as Keras accepts them) instead of a one-hot row.
/// </summary>
/// <remarks>
/// The same formulas as <see cref="CategoricalCrossentropy"/> with a one-hot target, computed without building it;
/// see there why the gradient is taken with respect to the probabilities and how clipping behaves.
/// </remarks>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss; <paramref name="fromLogits"/> as Keras' <c>from_logits</c>.</summary>
    public SparseCategoricalCrossentropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <summary>True when predictions are raw scores: a stable log-softmax is applied inside the loss.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc/>
    public override bool UsesClassIndexTargets => true;

    /// <inheritdoc/>
    public override bool ExpectsLogits => FromLogits;

    /// <inheritdoc/>
    public override void ValidateTargets(ReadOnlySpan<float> targets, int channels)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            if (!IsClassIndex(targets[i], channels))
            {
                throw new ArgumentException(BadLabelMessage(i, targets[i], channels), nameof(targets));
            }
        }
    }

    /// <inheritdoc/>
    protected override float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        var rows = predictions.Length / channels;
        var scale = 1f / rows;
        double total = 0;
        for (var row = 0; row < rows; row++)
        {
            var label = targets[row];
            if (!IsClassIndex(label, channels))
            {
                throw new ArgumentException(BadLabelMessage(row, label, channels), nameof(targets));
            }
            var k = (int)label;
            var p = predictions.Slice(row * channels, channels);
            var g = gradient.Slice(row * channels, channels);
            total += FromLogits ? FromLogitsRow(p, k, scale, g) : FromProbabilitiesRow(p, k, scale, g);
        }
        return (float)(total / rows);
    }

    /// <summary>Probability path with target one-hot at <paramref name="k"/> (see <see cref="CrossentropyRows.FromProbabilities"/>).</summary>
    private static double FromProbabilitiesRow(ReadOnlySpan<float> p, int k, float scale, Span<float> gradient)
    {
        var sum = TensorPrimitives.Sum(p);
        var inverseSum = 1f / sum;
        var q = Math.Clamp(p[k] * inverseSum, Epsilon, 1f - Epsilon);
        var normalization = p[k] * inverseSum / q * inverseSum;
        gradient.Fill(normalization * scale);
        gradient[k] -= inverseSum / q * scale;
        return -Math.Log(q);
    }

    /// <summary>Stable log-softmax with target one-hot at <paramref name="k"/>.</summary>
    private static double FromLogitsRow(ReadOnlySpan<float> x, int k, float scale, Span<float> gradient)
    {
        var max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, gradient);
        var shiftedTarget = gradient[k];
        TensorPrimitives.Exp(gradient, gradient);
        var expSum = TensorPrimitives.Sum(gradient);
        TensorPrimitives.Multiply(gradient, scale / expSum, gradient);
        gradient[k] -= scale;
        return Math.Log(expSum) - shiftedTarget;
    }

    private static bool IsClassIndex(float label, int channels) => label >= 0 && label < channels && label == MathF.Floor(label);

    private string BadLabelMessage(int index, float label, int channels) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Name}: target {index} is {label}, not a class index in [0, {channels - 1}] for an output with {channels} classes. Labels must be integers 0..classes-1; check the data set's labels and the network's last Dense units.");
}
