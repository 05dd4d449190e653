using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Generated.Data;

namespace Generated.Training;

public sealed partial class Trainer
{
    private float[] _sourceInput = Array.Empty<float>();
    private float[] _sourceTarget = Array.Empty<float>();

    /// <summary>
    /// Keras' <c>model.fit(train_ds, validation_data=val_ds, epochs=...)</c> with a data set that streams batches, such as
    /// <see cref="ImageFolder.FromDirectory"/>: trains on every batch of <paramref name="data"/> per epoch (its batch size and
    /// order), evaluates <paramref name="validationData"/> after every epoch, and returns the per-epoch <see cref="History"/>.
    /// </summary>
    /// <remarks>
    /// The trainer owns one batch buffer that the source fills, so a step allocates nothing in the trainer. Augmentation
    /// layers of the network (<c>[RandomFlip]</c>, <c>[RandomTranslation]</c>, ...) are active here, as in Keras'
    /// <c>fit</c>, and off in validation.
    /// </remarks>
    /// <param name="data">The training batches.</param>
    /// <param name="epochs">Passes over <paramref name="data"/>.</param>
    /// <param name="verbose">0 silent, 1 progress bar (one line per epoch when output is redirected), 2 one line per epoch.</param>
    /// <param name="callbacks">E.g. <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>.</param>
    /// <param name="validationData">Held-out batches evaluated after every epoch (logged as <c>val_loss</c>, <c>val_accuracy</c>, ...).</param>
    /// <param name="output">Where progress goes (default the console).</param>
    /// <param name="cancellationToken">Checked before every step; cancellation throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">A source's samples do not have the network's input shape, or its targets do not fit the loss.</exception>
    public History Fit(IBatchSource data, int epochs = 1, int verbose = 1, IReadOnlyList<Callback>? callbacks = null,
        IBatchSource? validationData = null, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "epochs must be at least 1.");
        }
        CheckVerbose(verbose);
        CheckSource(data, nameof(data));
        if (validationData is not null)
        {
            CheckSource(validationData, nameof(validationData));
        }
        EnsureSourceBuffers(data);
        if (validationData is not null)
        {
            EnsureSourceBuffers(validationData);
        }

        callbacks ??= Array.Empty<Callback>();
        var names = new List<string>(TrainingNames);
        if (validationData is not null)
        {
            foreach (var name in TrainingNames)
            {
                names.Add("val_" + name);
            }
        }
        Output = output ?? Console.Out;
        var display = new ProgressDisplay(Output, verbose, ProgressDisplay.IsTerminal(Output), TimeProvider, names);
        var history = new History();
        var steps = data.BatchCount;

        StopTraining = false;
        foreach (var callback in callbacks)
        {
            callback.OnTrainBegin(this);
        }
        try
        {
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                foreach (var callback in callbacks)
                {
                    callback.OnEpochBegin(this, epoch);
                }
                data.StartEpoch(epoch);
                foreach (var metric in _metrics)
                {
                    metric.Reset();
                }
                display.Begin(epoch + 1, epochs, steps);
                double lossSum = 0;
                long seen = 0;
                long done = 0;
                var skipped = 0;
                for (var step = 0; step < steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var count = FillFromSource(data, step, nameof(data), out var batchX, out var batchY);
                    var location = new StepLocation(epoch + 1, epochs, step + 1, steps);
                    if (RunTrainStep(batchX, batchY, count, location, ReadOnlySpan<int>.Empty, out var loss))
                    {
                        lossSum += (double)loss * count;
                        seen += count;
                    }
                    else
                    {
                        skipped++;
                    }
                    done += count;
                    ShowStep(display, step, done, lossSum, seen);
                }

                var logs = EpochLogs(names.Count, lossSum, seen);
                if (validationData is not null)
                {
                    AddValidationLogs(logs, EvaluateSourceCore(validationData, epoch, _validationMetrics, nameof(validationData), cancellationToken));
                }
                if (EndEpoch(history, display, done, names, logs, skipped, callbacks, epoch))
                {
                    break;
                }
            }
        }
        catch (Exception error)
        {
            display.Abandon();
            DataParallel?.Abort(error); // the other ranks would wait forever in their next all-reduce
            throw;
        }
        foreach (var callback in callbacks)
        {
            callback.OnTrainEnd(this);
        }
        return history;
    }

    /// <summary>
    /// Keras' <c>model.evaluate(test_ds)</c>: the mean loss and metrics over every batch of <paramref name="data"/> in
    /// inference mode (augmentation and dropout off, batch normalization on its moving statistics).
    /// </summary>
    /// <exception cref="ArgumentException">The source's samples do not have the network's input shape, or its targets do not fit the loss.</exception>
    public EvaluationResult Evaluate(IBatchSource data, int verbose = 1, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckVerbose(verbose);
        CheckSource(data, nameof(data));
        EnsureSourceBuffers(data);
        var metrics = new MetricAccumulator[_metrics.Length];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = MetricAccumulator.Create(MetricFor(i), Loss, _channels);
        }
        Output = output ?? Console.Out;
        var display = new ProgressDisplay(Output, verbose, ProgressDisplay.IsTerminal(Output), TimeProvider, TrainingNames);
        display.Begin(0, 0, data.BatchCount);
        var loss = EvaluateSourceCore(data, 0, metrics, nameof(data), cancellationToken);
        var values = new Dictionary<string, float>(StringComparer.Ordinal) { ["loss"] = loss };
        var metricValues = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            values[metric.Name] = metric.Value;
            metricValues[metric.Name] = metric.Value;
        }
        display.End(data.Count, TrainingNames, values);
        return new EvaluationResult(loss, metricValues);
    }

    /// <summary>Mean loss over every batch of <paramref name="data"/>'s epoch <paramref name="epoch"/>, updating <paramref name="metrics"/> from a reset state.</summary>
    private float EvaluateSourceCore(IBatchSource data, int epoch, MetricAccumulator[] metrics, string name, CancellationToken cancellationToken)
    {
        foreach (var metric in metrics)
        {
            metric.Reset();
        }
        data.StartEpoch(epoch);
        double lossSum = 0;
        long samples = 0;
        for (var step = 0; step < data.BatchCount; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = FillFromSource(data, step, name, out var batchX, out var batchY);
            var output = Network.Forward(batchX, training: false);
            lossSum += (double)Loss.Compute(output, batchY, _channels, OutputGradient(output.Length)) * count;
            foreach (var metric in metrics)
            {
                metric.Update(output, batchY, _channels);
            }
            samples += count;
        }
        return (float)(lossSum / samples);
    }

    /// <summary>Has <paramref name="data"/> fill batch <paramref name="step"/> into the trainer's buffers and checks what it wrote.</summary>
    private int FillFromSource(IBatchSource data, int step, string name, out ReadOnlySpan<float> batchX, out ReadOnlySpan<float> batchY)
    {
        var count = data.FillBatch(step, _sourceInput, _sourceTarget);
        if (count < 1 || count > data.BatchSize)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{name}.FillBatch({step}) reported {count} samples; a batch holds 1 to BatchSize ({data.BatchSize})."));
        }
        batchX = _sourceInput.AsSpan(0, count * _inputSize);
        batchY = _sourceTarget.AsSpan(0, count * TargetsPerSample);
        Loss.ValidateTargets(batchY, _channels);
        return count;
    }

    /// <summary>Checks that a source's samples are the network's input and its targets what the loss reads.</summary>
    private void CheckSource(IBatchSource data, string name)
    {
        var input = Network.InputShape;
        if (input.Rank == 3 ? data.SampleShape != input : data.SampleShape.Size != _inputSize)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} yields samples of {data.SampleShape} but the network takes {input}: load the images at the network's size (ImageFolder.FromDirectory's imageSize: ({input.Height}, {input.Width}) and a colorMode with {input.Channels} channel(s)) or change the network's input."),
                name);
        }
        if (data.TargetsPerSample != TargetsPerSample)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} yields {data.TargetsPerSample} target value(s) per sample, but {Loss.Name} on a {Network.OutputShape} output reads {TargetsPerSample}: use LabelMode.Int with a sparse categorical loss, LabelMode.Categorical with categorical cross-entropy, LabelMode.Binary with binary cross-entropy."),
                name);
        }
        if (data.BatchSize < 1 || data.BatchCount < 1 || data.Count < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} has {data.Count} samples in {data.BatchCount} batches of {data.BatchSize}; there is nothing to train or evaluate on."), name);
        }
    }

    private void EnsureSourceBuffers(IBatchSource data)
    {
        if (_sourceInput.Length < data.BatchSize * _inputSize)
        {
            _sourceInput = new float[data.BatchSize * _inputSize];
        }
        if (_sourceTarget.Length < data.BatchSize * TargetsPerSample)
        {
            _sourceTarget = new float[data.BatchSize * TargetsPerSample];
        }
    }
}
