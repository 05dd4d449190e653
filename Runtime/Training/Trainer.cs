using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Generated.Training;

/// <summary>
/// A network compiled with an optimizer, a loss and metrics: Keras' <c>model.compile(...)</c> result, with
/// <see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, <c>Fit</c> and <c>Evaluate</c>.
/// </summary>
/// <remarks>
/// <para>Keras side by side (<c>model.Compile</c> is an extension on every <see cref="INetwork"/>):</para>
/// <code>
/// model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])   # Keras
/// history = model.fit(x_train, y_train, epochs=15, batch_size=32, validation_split=0.1,
///                     callbacks=[keras.callbacks.EarlyStopping(patience=3)])
/// test_loss, test_acc = model.evaluate(x_test, y_test)
///
/// var trainer = model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);   // Generated
/// var history = trainer.Fit(xTrain, yTrain, epochs: 15, batchSize: 32, validationSplit: 0.1f,
///                           callbacks: [new EarlyStopping(patience: 3)]);
/// var (testLoss, testAccuracy) = trainer.Evaluate(xTest, yTest);
/// model.Predict(xTest, predictions);
/// </code>
/// <para>
/// Data are flat NHWC floats, samples one after another (<c>x.Length = samples * InputShape.Size</c>). Targets are one
/// float per output value (one-hot rows, 0/1, regression values), or, for a sparse loss, one class index per output row,
/// given as <c>int</c> labels or floats. Training allocates nothing per step once the buffers for the batch size exist.
/// One trainer drives one network from one thread; the network's <see cref="INetwork.Forward"/> buffers are not shared.
/// </para>
/// </remarks>
public sealed partial class Trainer
{
    private readonly Metric[] _compiledMetrics;
    private readonly MetricAccumulator[] _metrics;
    private readonly MetricAccumulator[] _validationMetrics;
    private readonly int _inputSize;
    private readonly int _outputSize;
    private readonly int _channels;
    private float[] _outputGradient = Array.Empty<float>();
    private float[] _labels = Array.Empty<float>();
    private float[] _runningValues;

    /// <summary>Compiles <paramref name="network"/> with <paramref name="optimizer"/>, <paramref name="loss"/> and <paramref name="metrics"/>.</summary>
    public Trainer(INetwork network, Optimizer optimizer, Loss loss, params Metric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        Network = network;
        Optimizer = optimizer;
        Loss = loss;
        _inputSize = network.InputShape.Size;
        _outputSize = network.OutputShape.Size;
        _channels = network.OutputShape.Channels;
        if (_inputSize <= 0 || _outputSize <= 0)
        {
            throw new ArgumentException($"The network's input ({network.InputShape}) and output ({network.OutputShape}) shapes must be non-empty.", nameof(network));
        }
        _compiledMetrics = (Metric[])metrics.Clone();
        _metrics = new MetricAccumulator[metrics.Length];
        _validationMetrics = new MetricAccumulator[metrics.Length];
        var names = new List<string> { "loss" };
        for (var i = 0; i < metrics.Length; i++)
        {
            _metrics[i] = MetricAccumulator.Create(metrics[i], loss, _channels);
            _metrics[i].ValidateFor(loss);
            _validationMetrics[i] = MetricAccumulator.Create(metrics[i], loss, _channels);
            if (names.Contains(_metrics[i].Name))
            {
                throw new ArgumentException($"The metric '{_metrics[i].Name}' is listed twice.", nameof(metrics));
            }
            names.Add(_metrics[i].Name);
        }
        TrainingNames = names;
        _runningValues = new float[names.Count];
        optimizer.Build(network);
        DescribeTrainableTensors(network);
    }

    /// <summary>The network being trained.</summary>
    public INetwork Network { get; }

    /// <summary>The optimizer updating <see cref="INetwork.TrainableParameters"/>.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss minimized.</summary>
    public Loss Loss { get; }

    /// <summary>The names logged for training: <c>loss</c>, then each metric (<c>accuracy</c>, ...); validation adds <c>val_</c> twins.</summary>
    public IReadOnlyList<string> TrainingNames { get; }

    /// <summary>Set by a callback to end <c>Fit</c> after the current epoch (Keras' <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>What to do when a batch, the loss or a gradient is NaN or infinite (default: throw).</summary>
    public NonFiniteAction OnNonFinite { get; set; } = NonFiniteAction.Throw;

    /// <summary>The clock for progress timing (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the current <c>Fit</c>/<c>Evaluate</c> writes progress; callbacks print here too.</summary>
    public TextWriter Output { get; private set; } = Console.Out;

    /// <summary>
    /// One optimization step on one batch: zero the gradients, forward in training mode, loss and its gradient, backward,
    /// clip and update (Keras' <c>train_on_batch</c>). Returns the batch's mean loss; with <see cref="NonFiniteAction.Skip"/>
    /// a non-finite batch leaves the weights unchanged and returns NaN.
    /// </summary>
    public float TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var batch = CheckBatch(x, y.Length, nameof(y));
        var location = new StepLocation(0, 0, (int)Math.Min(Optimizer.Iterations + 1, int.MaxValue), 0);
        try
        {
            return RunTrainStep(x, y, batch, location, ReadOnlySpan<int>.Empty, out var loss) ? loss : float.NaN;
        }
        catch (Exception error) when (DataParallel is not null)
        {
            DataParallel.Abort(error); // the other ranks would wait forever in their next all-reduce
            throw;
        }
    }

    /// <summary><see cref="TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/> with integer labels (converted into a reused buffer).</summary>
    public float TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<int> labels)
    {
        if (_labels.Length < labels.Length)
        {
            _labels = new float[labels.Length];
        }
        var targets = _labels.AsSpan(0, labels.Length);
        Labels.Write(labels, targets);
        return TrainStep(x, targets);
    }

    /// <summary>Checks a batch's lengths; returns its sample count.</summary>
    private int CheckBatch(ReadOnlySpan<float> x, int targetLength, string targetName)
    {
        if (x.IsEmpty || x.Length % _inputSize != 0)
        {
            throw new ArgumentException(
                $"x holds {x.Length} values, which is not a positive multiple of the network's input size {_inputSize} ({Network.InputShape} per sample).", nameof(x));
        }
        var batch = x.Length / _inputSize;
        var expected = TargetsPerSample * batch;
        if (targetLength != expected)
        {
            throw new ArgumentException(
                $"x holds {batch} samples, so {targetName} needs {expected} values ({TargetsPerSample} per sample for {Loss.Name} on a {Network.OutputShape} output), but holds {targetLength}. " +
                Loss.TargetLengthMessage(targetLength, batch * _outputSize, _channels), targetName);
        }
        return batch;
    }

    /// <summary>The <paramref name="index"/>-th compiled metric.</summary>
    private Metric MetricFor(int index) => _compiledMetrics[index];

    /// <summary>Target floats per sample: the output size, or one class index per output row for sparse losses.</summary>
    private int TargetsPerSample => Loss.TargetLength(_outputSize, _channels);

    /// <summary>
    /// The core of a training step; false when the step was skipped for a non-finite value. With <see cref="DataParallel"/>,
    /// <paramref name="x"/>/<paramref name="y"/> is the whole batch, this rank trains on its shard, and one all-reduce sums
    /// the shards' gradients (each weighted by its share of the batch, so the sum is the whole batch's mean gradient).
    /// </summary>
    private bool RunTrainStep(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int batch, in StepLocation location, ReadOnlySpan<int> sampleIndices, out float loss)
    {
        var group = DataParallel;
        var targetsPerSample = TargetsPerSample;
        var first = 0;
        var count = batch;
        if (group is not null)
        {
            (first, count) = Shard(batch, group.Rank, group.Size);
            x = x.Slice(first * _inputSize, count * _inputSize);
            y = y.Slice(first * targetsPerSample, count * targetsPerSample);
        }

        var gradients = Network.Gradients;
        gradients.Clear();
        var localLoss = 0f;
        var ok = count == 0 || LocalStep(x, y, count, location, sampleIndices, first, out localLoss);
        loss = ok ? localLoss : float.NaN;
        var anyFrozen = UpdateFrozenTensors();
        if (anyFrozen)
        {
            ClearFrozenGradients(gradients);
        }
        if (group is not null)
        {
            if (!ReduceStep(group, gradients, count, batch, ok, ref loss))
            {
                return !NonFinite(location, string.Create(CultureInfo.InvariantCulture,
                    $"Another rank of the data-parallel group met a non-finite input, target or loss at {location}; its output names it."));
            }
        }
        else if (!ok)
        {
            return false;
        }
        if (OnNonFinite != NonFiniteAction.Ignore)
        {
            var bad = FiniteCheck.IndexOfNonFinite(gradients);
            if (bad >= 0 && NonFinite(location, string.Create(CultureInfo.InvariantCulture,
                    $"The gradient of {TensorAt(bad)} is {gradients[bad]} at {location} although the loss is {loss}. Set the optimizer's ClipNorm or lower the learning rate.")))
            {
                return false;
            }
        }
        if (anyFrozen)
        {
            Optimizer.Step(Network.TrainableParameters, gradients, _frozenTensors);
        }
        else
        {
            Optimizer.Step(Network.TrainableParameters, gradients);
        }
        return true;
    }

    /// <summary>Forward, loss, metrics and backward on this process's samples; false when a non-finite value skips the step.</summary>
    private bool LocalStep(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int batch, in StepLocation location, ReadOnlySpan<int> sampleIndices, int first, out float loss)
    {
        var check = OnNonFinite != NonFiniteAction.Ignore;
        loss = float.NaN;
        if (check)
        {
            var bad = FiniteCheck.IndexOfNonFinite(x);
            if (bad >= 0 && NonFinite(location, DescribeValue("x", x[bad], bad + first * _inputSize, _inputSize, sampleIndices, location,
                    "Clean the input data (it must not contain NaN or infinity) before training, or set OnNonFinite = NonFiniteAction.Skip.")))
            {
                return false;
            }
            bad = FiniteCheck.IndexOfNonFinite(y);
            if (bad >= 0 && NonFinite(location, DescribeValue("y", y[bad], bad + first * TargetsPerSample, TargetsPerSample, sampleIndices, location,
                    "The targets must be finite numbers; check how they were loaded or computed.")))
            {
                return false;
            }
        }

        var output = Network.Forward(x, training: true);
        var outputLength = batch * _outputSize;
        if (output.Length != outputLength)
        {
            throw new InvalidOperationException(
                $"The network returned {output.Length} outputs for {batch} samples; {Network.OutputShape} per sample means {outputLength}.");
        }
        var outputGradient = OutputGradient(outputLength);
        loss = Loss.Compute(output, y, _channels, outputGradient);
        if (check && !float.IsFinite(loss))
        {
            var message = string.Create(CultureInfo.InvariantCulture,
                $"The loss is {loss} at {location}. Usual causes: a learning rate too high (the weights diverged), unscaled inputs, or {Loss.Name} on outputs it does not expect (probabilities vs logits). Lower the learning rate, set the optimizer's ClipNorm, or set OnNonFinite = NonFiniteAction.Skip.");
            if (NonFinite(location, message))
            {
                return false;
            }
        }
        foreach (var metric in _metrics)
        {
            metric.Update(output, y, _channels);
        }
        Network.AccumulateGradients(outputGradient); // a step on data never reads dLoss/dInput
        return true;
    }

    /// <summary>Throws for <see cref="NonFiniteAction.Throw"/>; returns true (skip the step) for <see cref="NonFiniteAction.Skip"/>.</summary>
    private bool NonFinite(in StepLocation location, string message)
    {
        if (OnNonFinite == NonFiniteAction.Throw)
        {
            throw new NonFiniteTrainingException(message, location.Epoch, location.Step);
        }
        return true;
    }

    private static string DescribeValue(string name, float value, int index, int perSample, ReadOnlySpan<int> sampleIndices, in StepLocation location, string advice)
    {
        var sample = index / perSample;
        var dataSample = sampleIndices.IsEmpty ? sample : sampleIndices[sample];
        var where = sampleIndices.IsEmpty ? $"sample {sample} of the batch" : $"sample {dataSample} of the training data";
        return string.Create(CultureInfo.InvariantCulture, $"{name} is {value} at {where}, value {index % perSample}, at {location}. {advice}");
    }

    private string TensorAt(int index)
    {
        var offset = 0;
        foreach (var tensor in Network.ParameterTensors)
        {
            if (!tensor.Trainable)
            {
                continue;
            }
            if (index < offset + tensor.Length)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{tensor.Name}[{index - offset}]");
            }
            offset += tensor.Length;
        }
        return string.Create(CultureInfo.InvariantCulture, $"parameter {index}");
    }

    private Span<float> OutputGradient(int length)
    {
        if (_outputGradient.Length < length)
        {
            _outputGradient = new float[length];
        }
        return _outputGradient.AsSpan(0, length);
    }

    /// <summary>Where a step is, for messages: "epoch 2/5, step 7/12" inside Fit, "step 37" outside.</summary>
    private readonly record struct StepLocation(int Epoch, int Epochs, int Step, int Steps)
    {
        public override string ToString() => Epoch > 0
            ? string.Create(CultureInfo.InvariantCulture, $"epoch {Epoch}/{Epochs}, step {Step}/{Steps}")
            : string.Create(CultureInfo.InvariantCulture, $"optimizer step {Step}");
    }
}
