using System;
using System.Collections.Generic;

namespace Generated.Training;

/// <summary>The per-step and per-epoch bookkeeping both <c>Fit</c> overloads (spans and <see cref="Data.IBatchSource"/>) share.</summary>
public sealed partial class Trainer
{
    /// <summary>Shows the running mean loss and the training metrics after a step on the progress line.</summary>
    private void ShowStep(ProgressDisplay display, int step, long samples, double lossSum, long seen)
    {
        _runningValues[0] = seen == 0 ? float.NaN : (float)(lossSum / seen);
        for (var i = 0; i < _metrics.Length; i++)
        {
            _runningValues[i + 1] = _metrics[i].Value;
        }
        display.Update(step + 1, samples, TrainingNames, _runningValues);
    }

    /// <summary>
    /// The epoch's logs before validation: the mean loss of the steps that ran and the training metrics, after the ranks
    /// of a data-parallel job have averaged their batch-normalization statistics.
    /// </summary>
    private Dictionary<string, float> EpochLogs(int capacity, double lossSum, long seen)
    {
        if (DataParallel is { } group)
        {
            AverageState(group);
        }
        var logs = new Dictionary<string, float>(capacity, StringComparer.Ordinal)
        {
            ["loss"] = seen == 0 ? float.NaN : (float)(lossSum / seen),
        };
        foreach (var metric in _metrics)
        {
            logs[metric.Name] = metric.Value;
        }
        return logs;
    }

    /// <summary>Adds the validation loss and metrics to <paramref name="logs"/> as Keras names them (<c>val_loss</c>, <c>val_accuracy</c> ...).</summary>
    private void AddValidationLogs(Dictionary<string, float> logs, float validationLoss)
    {
        logs["val_loss"] = validationLoss;
        foreach (var metric in _validationMetrics)
        {
            logs["val_" + metric.Name] = metric.Value;
        }
    }

    /// <summary>Records the epoch in <paramref name="history"/>, ends its progress line and runs the callbacks; true when one stopped training.</summary>
    private bool EndEpoch(History history, ProgressDisplay display, long samples, IReadOnlyList<string> names,
        Dictionary<string, float> logs, int skipped, IReadOnlyList<Callback> callbacks, int epoch)
    {
        history.Add(logs, names, skipped);
        display.End(samples, names, logs);
        foreach (var callback in callbacks)
        {
            callback.OnEpochEnd(this, epoch, logs);
        }
        return StopTraining;
    }
}
