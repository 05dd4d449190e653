using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Keras' <c>CategoricalCrossentropy</c>: <c>-sum(y * log(p))</c> per row of <c>channels</c> values, averaged over rows,
/// with one-hot (or soft) targets.
/// </summary>
/// <remarks>
/// <para>
/// From probabilities (the default; the last layer is a Softmax) the loss follows Keras exactly: each row is
/// normalized to sum 1, clipped to <c>[1e-7, 1 - 1e-7]</c>, then <c>-sum(y * log q)</c>.
/// </para>
/// <para>
/// Why the gradient is taken with respect to the probabilities and not the logits: <see cref="INetwork.Backward"/>
/// takes dLoss/dOutput and the Softmax is part of the network, so the loss cannot skip it. The textbook
/// <c>(p - y)/N</c> is the gradient with respect to the Softmax <em>input</em>; with respect to its output it is
/// <c>-y/q/N</c> (plus a per-row constant from the normalization, which the Softmax backward cancels exactly because
/// its Jacobian annihilates constant vectors). Softmax backward then computes <c>p * (g - sum(g * p))</c> =
/// <c>(p - y)/N</c> again, so nothing is lost while <c>p &gt;= 1e-7</c>. Clipping keeps <c>1/q</c> finite when a
/// probability underflows to 0. Unlike TensorFlow's <c>clip_by_value</c>, whose gradient is zero outside the range, the
/// clip is treated as the identity in the backward pass: a confidently wrong sample (<c>p &lt; 1e-7</c> for the true
/// class) still gets a small push instead of none. For the full-precision <c>(p - y)/N</c> everywhere, end the network
/// with a linear layer and use <c>fromLogits: true</c>, which applies a numerically stable log-softmax.
/// </para>
/// </remarks>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss; <paramref name="fromLogits"/> as Keras' <c>from_logits</c>.</summary>
    public CategoricalCrossentropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <summary>True when predictions are raw scores: a stable log-softmax is applied inside the loss.</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override string Name => "categorical_crossentropy";

    /// <inheritdoc/>
    public override bool ExpectsLogits => FromLogits;

    /// <inheritdoc/>
    protected override float ComputeCore(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels, Span<float> gradient)
    {
        var rows = predictions.Length / channels;
        var inverseRows = 1f / rows;
        double total = 0;
        for (var row = 0; row < rows; row++)
        {
            var p = predictions.Slice(row * channels, channels);
            var y = targets.Slice(row * channels, channels);
            var g = gradient.Slice(row * channels, channels);
            total += FromLogits
                ? CrossentropyRows.FromLogits(p, y, inverseRows, g)
                : CrossentropyRows.FromProbabilities(p, y, inverseRows, g);
        }
        return (float)(total / rows);
    }
}
