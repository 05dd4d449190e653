using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Generated.Training;

public sealed partial class Trainer
{
    private float[] _batchInput = Array.Empty<float>();
    private float[] _batchTarget = Array.Empty<float>();

    /// <summary>
    /// Keras' <c>model.fit</c>: trains for <paramref name="epochs"/> over <paramref name="x"/>/<paramref name="y"/> in batches of
    /// <paramref name="batchSize"/> (the last, partial batch is trained too), reshuffled every epoch, and returns the per-epoch
    /// <see cref="History"/>.
    /// </summary>
    /// <param name="x">Inputs, NHWC, samples one after another.</param>
    /// <param name="y">Targets: one float per output value, or one class index per output row for a sparse loss.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="batchSize">Samples per step (Keras' default 32).</param>
    /// <param name="verbose">0 silent, 1 progress bar (one line per epoch when output is redirected), 2 one line per epoch.</param>
    /// <param name="callbacks">E.g. <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>.</param>
    /// <param name="validationSplit">Fraction of the samples, taken from the end before shuffling as Keras does, held out for validation.</param>
    /// <param name="validationData">Held-out data evaluated after every epoch (instead of <paramref name="validationSplit"/>).</param>
    /// <param name="shuffle">Reshuffle the training samples every epoch.</param>
    /// <param name="seed">Seed of the shuffling; the same seed gives the same batches.</param>
    /// <param name="output">Where progress goes (default the console).</param>
    /// <param name="cancellationToken">Checked before every step; cancellation throws <see cref="OperationCanceledException"/>.</param>
    public History Fit(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int epochs = 1, int batchSize = 32, int verbose = 1,
        IReadOnlyList<Callback>? callbacks = null, float validationSplit = 0f, ValidationData? validationData = null,
        bool shuffle = true, int seed = 0, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        if (epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "epochs must be at least 1.");
        }
        CheckBatchSize(batchSize);
        CheckVerbose(verbose);
        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "validationSplit must be in [0, 1), e.g. 0.2 to hold out the last 20% of the samples.");
        }
        if (validationSplit > 0 && validationData is not null)
        {
            throw new ArgumentException("Pass either validationSplit or validationData, not both (Keras silently ignores the split; here it is an error).", nameof(validationData));
        }
        var samples = CheckDataset(x, y, "x", "y");
        Loss.ValidateTargets(y, _channels);

        var trainCount = samples;
        ReadOnlySpan<float> validationX = default;
        ReadOnlySpan<float> validationY = default;
        if (validationSplit > 0)
        {
            // Keras computes floor(n * (1 - split)) in double with the split the user typed; widening the float 0.2f
            // directly would give 0.2000000030 and floor(20 * 0.79999) = 15. The decimal detour recovers 0.2.
            trainCount = (int)Math.Floor(samples * (1.0 - (double)(decimal)validationSplit));
            var validationCount = samples - trainCount;
            if (trainCount == 0 || validationCount == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"validationSplit {validationSplit} of {samples} samples leaves {trainCount} for training and {validationCount} for validation; both need at least one."), nameof(validationSplit));
            }
            validationX = x[(trainCount * _inputSize)..];
            validationY = y[(trainCount * TargetsPerSample)..];
            x = x[..(trainCount * _inputSize)];
            y = y[..(trainCount * TargetsPerSample)];
        }
        else if (validationData is not null)
        {
            CheckDataset(validationData.X, validationData.Y, "validationData.X", "validationData.Y");
            Loss.ValidateTargets(validationData.Y, _channels);
            validationX = validationData.X;
            validationY = validationData.Y;
        }
        var hasValidation = !validationX.IsEmpty;

        callbacks ??= Array.Empty<Callback>();
        var names = new List<string>(TrainingNames);
        if (hasValidation)
        {
            foreach (var name in TrainingNames)
            {
                names.Add("val_" + name);
            }
        }
        Output = output ?? Console.Out;
        var display = new ProgressDisplay(Output, verbose, ProgressDisplay.IsTerminal(Output), TimeProvider, names);
        var history = new History();
        var order = new int[trainCount];
        var steps = (trainCount + batchSize - 1) / batchSize;
        var targetsPerSample = TargetsPerSample;
        EnsureBatchBuffers(Math.Min(batchSize, trainCount), targetsPerSample);

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
                EpochShuffle.Fill(order, shuffle, seed, epoch);
                foreach (var metric in _metrics)
                {
                    metric.Reset();
                }
                display.Begin(epoch + 1, epochs, steps);
                double lossSum = 0;
                long seen = 0;
                var skipped = 0;
                for (var step = 0; step < steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var start = step * batchSize;
                    var count = Math.Min(batchSize, trainCount - start);
                    var indices = order.AsSpan(start, count);
                    ReadOnlySpan<float> batchX;
                    ReadOnlySpan<float> batchY;
                    if (shuffle)
                    {
                        Gather(x, _inputSize, indices, _batchInput);
                        Gather(y, targetsPerSample, indices, _batchTarget);
                        batchX = _batchInput.AsSpan(0, count * _inputSize);
                        batchY = _batchTarget.AsSpan(0, count * targetsPerSample);
                    }
                    else
                    {
                        batchX = x.Slice(start * _inputSize, count * _inputSize);
                        batchY = y.Slice(start * targetsPerSample, count * targetsPerSample);
                    }
                    var location = new StepLocation(epoch + 1, epochs, step + 1, steps);
                    if (RunTrainStep(batchX, batchY, count, location, indices, out var loss))
                    {
                        lossSum += (double)loss * count;
                        seen += count;
                    }
                    else
                    {
                        skipped++;
                    }
                    ShowStep(display, step, start + count, lossSum, seen);
                }

                var logs = EpochLogs(names.Count, lossSum, seen);
                if (hasValidation)
                {
                    AddValidationLogs(logs, EvaluateCore(validationX, validationY, batchSize, _validationMetrics, cancellationToken));
                }
                if (EndEpoch(history, display, trainCount, names, logs, skipped, callbacks, epoch))
                {
                    break;
                }
            }
        }
        catch (Exception error)
        {
            display.Abandon();
            // The other ranks would wait forever in their next all-reduce: end the whole job, naming this rank's error.
            // A cancelled Fit is no exception to that: the other ranks cannot know about it.
            DataParallel?.Abort(error);
            throw;
        }
        foreach (var callback in callbacks)
        {
            callback.OnTrainEnd(this);
        }
        return history;
    }

    /// <summary><see cref="Fit(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, int, IReadOnlyList{Callback}?, float, ValidationData?, bool, int, TextWriter?, CancellationToken)"/> with integer labels (converted to floats once).</summary>
    public History Fit(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int epochs = 1, int batchSize = 32, int verbose = 1,
        IReadOnlyList<Callback>? callbacks = null, float validationSplit = 0f, ValidationData? validationData = null,
        bool shuffle = true, int seed = 0, TextWriter? output = null, CancellationToken cancellationToken = default) =>
        Fit(x, Labels.ToFloats(y), epochs, batchSize, verbose, callbacks, validationSplit, validationData, shuffle, seed, output, cancellationToken);

    /// <summary>Checks a whole data set's lengths; returns its sample count.</summary>
    private int CheckDataset(ReadOnlySpan<float> x, ReadOnlySpan<float> y, string xName, string yName)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException($"{xName} is empty: there is nothing to train or evaluate on.", xName);
        }
        if (x.Length % _inputSize != 0)
        {
            throw new ArgumentException(
                $"{xName} holds {x.Length} values, not a multiple of the network's input size {_inputSize} ({Network.InputShape} per sample): {x.Length / _inputSize} whole samples and {x.Length % _inputSize} values left over.", xName);
        }
        var samples = x.Length / _inputSize;
        var expected = (long)samples * TargetsPerSample;
        if (y.Length != expected)
        {
            throw new ArgumentException(
                $"{xName} holds {samples} samples, so {yName} needs {expected} values ({TargetsPerSample} per sample for {Loss.Name} on a {Network.OutputShape} output), but holds {y.Length}. " +
                Loss.TargetLengthMessage(y.Length, samples * _outputSize, _channels), yName);
        }
        return samples;
    }

    private static void CheckBatchSize(int batchSize)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be at least 1 (Keras' default is 32).");
        }
    }

    private static void CheckVerbose(int verbose)
    {
        if (verbose is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "verbose is 0 (silent), 1 (progress bar) or 2 (one line per epoch), as in Keras.");
        }
    }

    private void EnsureBatchBuffers(int batch, int targetsPerSample)
    {
        if (_batchInput.Length < batch * _inputSize)
        {
            _batchInput = new float[batch * _inputSize];
        }
        if (_batchTarget.Length < batch * targetsPerSample)
        {
            _batchTarget = new float[batch * targetsPerSample];
        }
    }

    private static void Gather(ReadOnlySpan<float> source, int perSample, ReadOnlySpan<int> indices, Span<float> destination)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            source.Slice(indices[i] * perSample, perSample).CopyTo(destination.Slice(i * perSample, perSample));
        }
    }
}
