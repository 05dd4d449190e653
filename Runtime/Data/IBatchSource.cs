using System;

namespace Generated.Data;

/// <summary>
/// A data set that hands out mini-batches on demand, for <c>Trainer.Fit(IBatchSource, ...)</c> and
/// <c>Trainer.Evaluate(IBatchSource, ...)</c>: the trainer owns the batch buffers and the source fills them, so
/// the data need not fit in memory and a training step allocates nothing.
/// </summary>
/// <remarks>
/// An epoch is <see cref="StartEpoch"/>, then <see cref="FillBatch"/> for batches <c>0 .. BatchCount - 1</c>, in that
/// order (a source may read ahead on that assumption, but must serve any order). The same epoch number gives the
/// same batches.
/// </remarks>
public interface IBatchSource
{
    /// <summary>The shape of one input sample (NHWC without the batch dimension).</summary>
    TensorShape SampleShape { get; }

    /// <summary>Target floats per sample: 1 for class indices or binary labels, the class count for one-hot rows.</summary>
    int TargetsPerSample { get; }

    /// <summary>Samples per epoch.</summary>
    int Count { get; }

    /// <summary>Samples in a full batch; only the last batch may hold fewer.</summary>
    int BatchSize { get; }

    /// <summary>Batches per epoch.</summary>
    int BatchCount { get; }

    /// <summary>Fixes the sample order of epoch <paramref name="epoch"/> (0-based).</summary>
    void StartEpoch(int epoch);

    /// <summary>
    /// Writes batch <paramref name="batch"/> of the current epoch into the caller's buffers, samples one after another;
    /// returns how many samples it wrote. <paramref name="inputs"/> holds at least <c>BatchSize * SampleShape.Size</c>
    /// floats and <paramref name="targets"/> at least <c>BatchSize * TargetsPerSample</c>.
    /// </summary>
    int FillBatch(int batch, Span<float> inputs, Span<float> targets);
}
