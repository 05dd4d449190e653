using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Generated.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Keras' <c>model.evaluate</c>: the mean loss and metrics over <paramref name="x"/>/<paramref name="y"/> in inference mode
    /// (dropout off, batch normalization on its moving statistics), in batches of <paramref name="batchSize"/>.
    /// </summary>
    public EvaluationResult Evaluate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int batchSize = 32, int verbose = 1,
        TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        CheckBatchSize(batchSize);
        CheckVerbose(verbose);
        var samples = CheckDataset(x, y, "x", "y");
        Loss.ValidateTargets(y, _channels);
        var metrics = new MetricAccumulator[_metrics.Length];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = MetricAccumulator.Create(MetricFor(i), Loss, _channels);
        }
        Output = output ?? Console.Out;
        var display = new ProgressDisplay(Output, verbose, ProgressDisplay.IsTerminal(Output), TimeProvider, TrainingNames);
        display.Begin(0, 0, (samples + batchSize - 1) / batchSize);
        var loss = EvaluateCore(x, y, batchSize, metrics, cancellationToken);
        var values = new Dictionary<string, float>(StringComparer.Ordinal) { ["loss"] = loss };
        var metricValues = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            values[metric.Name] = metric.Value;
            metricValues[metric.Name] = metric.Value;
        }
        display.End(samples, TrainingNames, values);
        return new EvaluationResult(loss, metricValues);
    }

    /// <summary><see cref="Evaluate(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, TextWriter?, CancellationToken)"/> with integer labels.</summary>
    public EvaluationResult Evaluate(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int batchSize = 32, int verbose = 1,
        TextWriter? output = null, CancellationToken cancellationToken = default) =>
        Evaluate(x, Labels.ToFloats(y), batchSize, verbose, output, cancellationToken);

    /// <summary>Mean loss over the data (weighted by batch size), updating <paramref name="metrics"/> from a reset state.</summary>
    private float EvaluateCore(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int batchSize, MetricAccumulator[] metrics, CancellationToken cancellationToken)
    {
        foreach (var metric in metrics)
        {
            metric.Reset();
        }
        var samples = x.Length / _inputSize;
        var targetsPerSample = TargetsPerSample;
        double lossSum = 0;
        for (var start = 0; start < samples; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, samples - start);
            var batchY = y.Slice(start * targetsPerSample, count * targetsPerSample);
            var output = Network.Forward(x.Slice(start * _inputSize, count * _inputSize), training: false);
            if (output.Length != count * _outputSize)
            {
                throw new InvalidOperationException(
                    $"The network returned {output.Length} outputs for {count} samples; {Network.OutputShape} per sample means {count * _outputSize}.");
            }
            lossSum += (double)Loss.Compute(output, batchY, _channels, OutputGradient(output.Length)) * count;
            foreach (var metric in metrics)
            {
                metric.Update(output, batchY, _channels);
            }
        }
        return (float)(lossSum / samples);
    }
}
