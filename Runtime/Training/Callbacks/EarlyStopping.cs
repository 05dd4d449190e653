using System;
using System.Collections.Generic;
using System.Globalization;

namespace Generated.Training;

/// <summary>
/// Keras' <c>EarlyStopping</c>: stops training when <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs, and optionally restores the weights of the best epoch.
/// </summary>
/// <remarks>
/// <code>
/// keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)   # Keras
/// new EarlyStopping(monitor: "val_loss", patience: 5, restoreBestWeights: true)                // Generated
/// </code>
/// Follows Keras 3: an epoch improves when it beats the best by more than <c>min_delta</c>; training stops once
/// <c>patience</c> epochs in a row did not improve; at the end, with <c>restoreBestWeights</c>, the weights (trainable and
/// non-trainable) of the best epoch are put back, also when training ran to the last epoch.
/// </remarks>
public sealed class EarlyStopping : Callback
{
    private WeightSnapshot? _bestWeights;
    private bool _maximize;
    private float _best;
    private int _wait;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    public EarlyStopping(string monitor = "val_loss", float minDelta = 0f, int patience = 0, MonitorMode mode = MonitorMode.Auto,
        bool restoreBestWeights = false, int startFromEpoch = 0, int verbose = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        if (!(minDelta >= 0) || float.IsInfinity(minDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "minDelta must be a finite number >= 0 (the sign follows the mode).");
        }
        if (patience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be >= 0 epochs.");
        }
        if (startFromEpoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startFromEpoch), startFromEpoch, "startFromEpoch must be >= 0.");
        }
        Monitor = monitor;
        MinDelta = minDelta;
        Patience = patience;
        Mode = mode;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
        Verbose = verbose;
    }

    /// <summary>The logged value to watch (default <c>val_loss</c>).</summary>
    public string Monitor { get; }

    /// <summary>Smallest change that counts as an improvement.</summary>
    public float MinDelta { get; }

    /// <summary>Epochs without improvement after which training stops.</summary>
    public int Patience { get; }

    /// <summary>Whether lower or higher is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Whether to put back the best epoch's weights when training ends.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>Epochs to wait before watching (warm-up).</summary>
    public int StartFromEpoch { get; }

    /// <summary>1 or more to print "Epoch N: early stopping" and the restore message to the trainer's output.</summary>
    public int Verbose { get; }

    /// <summary>0-based epoch in which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>0-based epoch with the best monitored value (-1 before any).</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Best monitored value so far.</summary>
    public float Best => _best;

    /// <inheritdoc/>
    public override void OnTrainBegin(Trainer trainer)
    {
        _maximize = Training.Monitor.IsMaximized(Monitor, Mode);
        _best = _maximize ? float.NegativeInfinity : float.PositiveInfinity;
        _wait = 0;
        StoppedEpoch = 0;
        BestEpoch = -1;
        _bestWeights = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
    {
        var current = Training.Monitor.Read(logs, Monitor, nameof(EarlyStopping));
        if (epoch < StartFromEpoch)
        {
            return;
        }
        if (RestoreBestWeights && _bestWeights is null)
        {
            _bestWeights = new WeightSnapshot(trainer.Network);
            _bestWeights.Capture(trainer.Network);
        }
        _wait++;
        if (IsImprovement(current))
        {
            _best = current;
            BestEpoch = epoch;
            _bestWeights?.Capture(trainer.Network);
            _wait = 0;
            return;
        }
        if (_wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            trainer.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(Trainer trainer)
    {
        if (StoppedEpoch > 0 && Verbose > 0)
        {
            trainer.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {StoppedEpoch + 1}: early stopping"));
        }
        if (RestoreBestWeights && _bestWeights is not null)
        {
            if (Verbose > 0)
            {
                trainer.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Restoring model weights from the end of the best epoch: {BestEpoch + 1}."));
            }
            _bestWeights.Restore(trainer.Network);
        }
    }

    private bool IsImprovement(float current) =>
        _maximize ? current - MinDelta > _best : current + MinDelta < _best;
}
