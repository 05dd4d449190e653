using System;
using System.Globalization;

namespace Generated.Data;

/// <summary>
/// Walks an <see cref="ImageDataset"/> in mini-batches, in a fresh seeded random order every epoch
/// (as Keras' <c>fit(shuffle=True)</c>) or in order, copying each batch into the caller's buffers.
/// Nothing is allocated after construction.
/// </summary>
/// <example>
/// <code>
/// var batches = new BatchSampler(train, batchSize: 128, seed: 42);
/// var x = new float[128 * train.SampleSize];
/// var y = new float[128 * train.ClassCount];
/// for (int epoch = 0; epoch &lt; 15; epoch++)
/// {
///     batches.StartEpoch(epoch);
///     for (int b = 0; b &lt; batches.BatchCount; b++)
///     {
///         int n = batches.CopyBatch(b, x, y);   // the last batch may be smaller
///         // train on x[..(n * train.SampleSize)], y[..(n * train.ClassCount)]
///     }
/// }
/// </code>
/// </example>
public sealed class BatchSampler
{
    private readonly int[] order;
    private readonly ulong seed;

    /// <summary>Prepares batches of <paramref name="batchSize"/> samples of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The samples to draw from.</param>
    /// <param name="batchSize">Samples per batch; the last batch holds the remainder.</param>
    /// <param name="shuffle">Whether <see cref="StartEpoch"/> draws a new random order (else the data set's order).</param>
    /// <param name="seed">Seeds the orders; the same seed and epoch give the same order.</param>
    /// <param name="dropRemainder">Skip the last, smaller batch (so every batch has exactly <paramref name="batchSize"/> samples).</param>
    public BatchSampler(ImageDataset dataset, int batchSize, bool shuffle = true, ulong seed = 0, bool dropRemainder = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        }

        if (dropRemainder && dataset.Count < batchSize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"With dropRemainder the data set's {dataset.Count} samples do not fill a single batch of {batchSize}."),
                nameof(batchSize));
        }

        Dataset = dataset;
        BatchSize = batchSize;
        Shuffles = shuffle;
        this.seed = seed;
        DropsRemainder = dropRemainder;
        order = ImageDataset.Identity(dataset.Count);
        StartEpoch(0);
    }

    /// <summary>The data set the batches come from.</summary>
    public ImageDataset Dataset { get; }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch has its own random order.</summary>
    public bool Shuffles { get; }

    /// <summary>Whether the last, smaller batch is skipped.</summary>
    public bool DropsRemainder { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropsRemainder ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of the current epoch.</summary>
    public ReadOnlySpan<int> Order => order;

    /// <summary>
    /// Sets the order for epoch <paramref name="epoch"/>: a permutation that depends only on the seed
    /// and the epoch number (so a resumed run sees the same batches), or the data set's order when not shuffling.
    /// </summary>
    public void StartEpoch(int epoch)
    {
        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are numbered from 0.");
        }

        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (Shuffles)
        {
            var random = new SeededRandom(seed + (0x9E37_79B9_7F4A_7C15UL * (ulong)(epoch + 1)));
            random.Shuffle(order.AsSpan());
        }
    }

    /// <summary>The number of samples in batch <paramref name="batch"/> of the epoch.</summary>
    public int BatchLength(int batch)
    {
        CheckBatch(batch);
        return Math.Min(BatchSize, Dataset.Count - (batch * BatchSize));
    }

    /// <summary>The dataset indices of batch <paramref name="batch"/> in the current epoch's order.</summary>
    public ReadOnlySpan<int> BatchIndices(int batch) => order.AsSpan(batch * BatchSize, BatchLength(batch));

    /// <summary>
    /// Copies batch <paramref name="batch"/> into <paramref name="images"/> and its one-hot labels into
    /// <paramref name="oneHotLabels"/>; returns how many samples it holds.
    /// </summary>
    public int CopyBatch(int batch, Span<float> images, Span<float> oneHotLabels)
    {
        ReadOnlySpan<int> indices = BatchIndices(batch);
        Dataset.CopyBatch(indices, images, oneHotLabels);
        return indices.Length;
    }

    /// <summary>
    /// Copies batch <paramref name="batch"/> into <paramref name="images"/> and its class indices into
    /// <paramref name="labels"/>; returns how many samples it holds.
    /// </summary>
    public int CopyBatch(int batch, Span<float> images, Span<int> labels)
    {
        ReadOnlySpan<int> indices = BatchIndices(batch);
        Dataset.CopyBatch(indices, images, labels);
        return indices.Length;
    }

    private void CheckBatch(int batch)
    {
        if ((uint)batch >= (uint)BatchCount)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"This epoch has batches 0 to {BatchCount - 1}.");
        }
    }
}
