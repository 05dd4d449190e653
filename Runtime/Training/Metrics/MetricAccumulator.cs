using System;
using System.Numerics.Tensors;

namespace Generated.Training;

/// <summary>
/// Running value of one metric over the batches of an epoch (Keras' stateful metrics): sums and counts only,
/// so updating it allocates nothing.
/// </summary>
internal sealed class MetricAccumulator
{
    private readonly MetricKind _kind;
    private readonly float _threshold;
    private double _sum;
    private long _count;

    private MetricAccumulator(MetricKind kind, string name, float threshold)
    {
        _kind = kind;
        Name = name;
        _threshold = threshold;
    }

    private enum MetricKind
    {
        Binary,
        Categorical,
        Sparse,
        AbsoluteError,
        SquaredError,
    }

    /// <summary>The key in logs and <see cref="History"/>.</summary>
    public string Name { get; }

    /// <summary>The mean so far (NaN before any update).</summary>
    public float Value => _count == 0 ? float.NaN : (float)(_sum / _count);

    /// <summary>Resolves <paramref name="metric"/> against the loss as Keras resolves the string <c>"accuracy"</c>.</summary>
    public static MetricAccumulator Create(Metric metric, Loss loss, int channels)
    {
        var threshold = loss.ExpectsLogits ? 0f : 0.5f;
        return metric switch
        {
            Metric.Accuracy => new MetricAccumulator(ResolveAccuracy(loss, channels), "accuracy", threshold),
            Metric.BinaryAccuracy => new MetricAccumulator(MetricKind.Binary, "binary_accuracy", threshold),
            Metric.CategoricalAccuracy => new MetricAccumulator(MetricKind.Categorical, "categorical_accuracy", threshold),
            Metric.SparseCategoricalAccuracy => new MetricAccumulator(MetricKind.Sparse, "sparse_categorical_accuracy", threshold),
            Metric.MeanAbsoluteError => new MetricAccumulator(MetricKind.AbsoluteError, "mae", threshold),
            Metric.MeanSquaredError => new MetricAccumulator(MetricKind.SquaredError, "mse", threshold),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
        };
    }

    /// <summary>Checks the metric can read targets shaped for <paramref name="loss"/>.</summary>
    public void ValidateFor(Loss loss)
    {
        var sparseTargets = loss.UsesClassIndexTargets;
        if (_kind == MetricKind.Sparse && !sparseTargets)
        {
            throw new ArgumentException(
                $"{Name} reads integer class labels, but {loss.Name} takes one target per output value; use Metric.CategoricalAccuracy or Metric.Accuracy.");
        }
        if (_kind != MetricKind.Sparse && sparseTargets)
        {
            throw new ArgumentException(
                $"{Name} reads one target per output value, but {loss.Name} takes integer class labels; use Metric.SparseCategoricalAccuracy or Metric.Accuracy.");
        }
    }

    /// <summary>Forgets the epoch so far.</summary>
    public void Reset()
    {
        _sum = 0;
        _count = 0;
    }

    /// <summary>Adds one batch.</summary>
    public void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int channels)
    {
        switch (_kind)
        {
            case MetricKind.Binary:
                for (var i = 0; i < predictions.Length; i++)
                {
                    var predicted = predictions[i] > _threshold;
                    var actual = targets[i] > 0.5f;
                    _sum += predicted == actual ? 1 : 0;
                }
                _count += predictions.Length;
                break;
            case MetricKind.Categorical:
                for (var row = 0; row < predictions.Length / channels; row++)
                {
                    var predicted = TensorPrimitives.IndexOfMax(predictions.Slice(row * channels, channels));
                    var actual = TensorPrimitives.IndexOfMax(targets.Slice(row * channels, channels));
                    _sum += predicted == actual ? 1 : 0;
                    _count++;
                }
                break;
            case MetricKind.Sparse:
                for (var row = 0; row < targets.Length; row++)
                {
                    var predicted = TensorPrimitives.IndexOfMax(predictions.Slice(row * channels, channels));
                    _sum += predicted == (int)targets[row] ? 1 : 0;
                    _count++;
                }
                break;
            case MetricKind.AbsoluteError:
                for (var i = 0; i < predictions.Length; i++)
                {
                    _sum += Math.Abs(predictions[i] - targets[i]);
                }
                _count += predictions.Length;
                break;
            case MetricKind.SquaredError:
                for (var i = 0; i < predictions.Length; i++)
                {
                    var difference = (double)predictions[i] - targets[i];
                    _sum += difference * difference;
                }
                _count += predictions.Length;
                break;
        }
    }

    private static MetricKind ResolveAccuracy(Loss loss, int channels)
    {
        // Keras' compile_utils.get_metric for "accuracy": binary for a binary cross-entropy or a single output,
        // sparse for sparse targets, categorical otherwise.
        if (loss.UsesClassIndexTargets)
        {
            return MetricKind.Sparse;
        }
        if (loss is BinaryCrossentropy || channels == 1)
        {
            return MetricKind.Binary;
        }
        return MetricKind.Categorical;
    }
}
