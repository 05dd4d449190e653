using System;
using System.Collections.Generic;

namespace Generated.Training;

/// <summary>
/// What <see cref="Trainer"/>'s <c>Evaluate</c> returns: the mean loss and each metric over the data.
/// Deconstructs like Keras' <c>test_loss, test_acc = model.evaluate(x, y)</c>: <c>var (loss, accuracy) = trainer.Evaluate(x, y);</c>.
/// </summary>
public sealed class EvaluationResult
{
    /// <summary>Creates a result.</summary>
    public EvaluationResult(float loss, IReadOnlyDictionary<string, float> metrics)
    {
        Loss = loss;
        Metrics = metrics;
    }

    /// <summary>Mean loss over all samples.</summary>
    public float Loss { get; }

    /// <summary>Each compiled metric by its logged name (<c>accuracy</c>, <c>mae</c>, ...).</summary>
    public IReadOnlyDictionary<string, float> Metrics { get; }

    /// <summary>The <c>accuracy</c> metric; throws when the trainer was compiled without <see cref="Metric.Accuracy"/>.</summary>
    public float Accuracy => Metrics.TryGetValue("accuracy", out var accuracy)
        ? accuracy
        : throw new InvalidOperationException($"No 'accuracy' was computed: compile with Metric.Accuracy (computed: {string.Join(", ", Metrics.Keys)}).");

    /// <summary>Deconstructs into loss and accuracy.</summary>
    public void Deconstruct(out float loss, out float accuracy)
    {
        loss = Loss;
        accuracy = Accuracy;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string> { FormattableString.Invariant($"loss: {Loss:0.0000}") };
        foreach (var (name, value) in Metrics)
        {
            parts.Add(FormattableString.Invariant($"{name}: {value:0.0000}"));
        }
        return string.Join(" - ", parts);
    }
}
