using System;

namespace Generated.Training;

/// <summary>
/// A loss function: its mean value over a batch and its gradient with respect to the network's output,
/// which is what <see cref="INetwork.Backward"/> takes.
/// </summary>
/// <remarks>
/// <para>Keras side by side:</para>
/// <code>
/// model.compile(optimizer="adam", loss="categorical_crossentropy")          # Keras
/// var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy);     // Generated
///
/// loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True)          # Keras
/// new SparseCategoricalCrossentropy(fromLogits: true)                         // Generated
/// </code>
/// <para>
/// Values are reduced like Keras' default <c>reduction="sum_over_batch_size"</c>: the per-position loss
/// (one per row of <c>channels</c> values for the cross-entropies, one per element for the others) is
/// averaged over all positions of the batch. The gradient is the gradient of that mean, so it already
/// carries the <c>1/N</c>.
/// </para>
/// <para>Instances are immutable and stateless; one can serve any number of trainers and threads.</para>
/// </remarks>
public abstract class Loss
{
    /// <summary>Keras' <c>backend.epsilon()</c>: probabilities are clipped to <c>[1e-7, 1 - 1e-7]</c> before a logarithm.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>Categorical cross-entropy from probabilities (a Softmax last layer) with one-hot targets.</summary>
    public static CategoricalCrossentropy CategoricalCrossentropy { get; } = new();

    /// <summary>Categorical cross-entropy from probabilities with integer class labels.</summary>
    public static SparseCategoricalCrossentropy SparseCategoricalCrossentropy { get; } = new();

    /// <summary>Binary cross-entropy from probabilities (a Sigmoid last layer) with 0/1 targets.</summary>
    public static BinaryCrossentropy BinaryCrossentropy { get; } = new();

    /// <summary>Mean of squared differences.</summary>
    public static MeanSquaredError MeanSquaredError { get; } = new();

    /// <summary>Mean of absolute differences.</summary>
    public static MeanAbsoluteError MeanAbsoluteError { get; } = new();

    /// <summary>Keras' name for the loss, e.g. <c>categorical_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// True when targets are one class index per row of <c>channels</c> outputs (sparse labels)
    /// rather than one value per output.
    /// </summary>
    public virtual bool UsesClassIndexTargets => false;

    /// <summary>True when the loss expects raw scores (logits) rather than probabilities.</summary>
    public virtual bool ExpectsLogits => false;

    /// <summary>How many target values a batch whose output holds <paramref name="outputLength"/> values needs.</summary>
    public int TargetLength(int outputLength, int channels) => UsesClassIndexTargets ? outputLength / channels : outputLength;

    /// <summary>
    /// Returns the mean loss of <paramref name="predictions"/> against <paramref name="targets"/> and writes
    /// dLoss/dPredictions into <paramref name="gradient"/> (same length as <paramref name="predictions"/>).
    /// </summary>
    /// <param name="predictions">The network's output for the batch, NHWC: rows of <paramref name="channels"/> values.</param>
    /// <param name="targets">One value per prediction, or one class index per row for sparse losses.</param>
    /// <param name="channels">Size of the last axis (the class axis of the cross-entropies).</param>
    /// <param name="gradient">Receives the gradient of the returned mean; may not overlap the inputs.</param>
    public float Compute(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        if (channels <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "The number of channels (size of the output's last axis) must be positive.");
        }
        if (predictions.IsEmpty)
        {
            throw new ArgumentException("The predictions are empty: a loss needs at least one sample.", nameof(predictions));
        }
        if (predictions.Length % channels != 0)
        {
            throw new ArgumentException(
                $"The predictions hold {predictions.Length} values, not a multiple of the {channels} channels of the output's last axis.", nameof(predictions));
        }
        var expectedTargets = TargetLength(predictions.Length, channels);
        if (targets.Length != expectedTargets)
        {
            throw new ArgumentException(TargetLengthMessage(targets.Length, predictions.Length, channels), nameof(targets));
        }
        if (gradient.Length != predictions.Length)
        {
            throw new ArgumentException(
                $"The gradient span holds {gradient.Length} values; it must have the predictions' length, {predictions.Length}.", nameof(gradient));
        }
        return ComputeCore(predictions, targets, channels, gradient);
    }

    /// <summary>
    /// Checks targets once before training (e.g. class indices are integers in range) and throws an
    /// <see cref="ArgumentException"/> naming the first bad value.
    /// </summary>
    public virtual void ValidateTargets(ReadOnlySpan<float> targets, int channels)
    {
    }

    /// <summary>The loss once the lengths are known to be consistent.</summary>
    protected abstract float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient);

    /// <summary>Explains a target length that does not fit the predictions, with the likely fix.</summary>
    internal string TargetLengthMessage(int targetLength, int predictionLength, int channels)
    {
        var rows = predictionLength / channels;
        if (UsesClassIndexTargets)
        {
            var hint = targetLength == predictionLength
                ? $" These look like one-hot targets: use {nameof(Training.CategoricalCrossentropy)} for one-hot targets, or pass class indices."
                : string.Empty;
            return $"{Name} takes one class index per output row: {rows} targets for {predictionLength} outputs of {channels} channels, but got {targetLength}.{hint}";
        }
        var sparseHint = targetLength == rows && channels > 1
            ? $" These look like class indices: use {nameof(Training.SparseCategoricalCrossentropy)} for integer labels (Keras does the same), or one-hot encode them."
            : string.Empty;
        return $"{Name} takes one target per output value: {predictionLength} targets, but got {targetLength}.{sparseHint}";
    }

    /// <inheritdoc/>
    public override string ToString() => ExpectsLogits ? Name + " (from logits)" : Name;
}
