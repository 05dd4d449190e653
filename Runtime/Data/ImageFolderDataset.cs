using System;
using System.Collections.Generic;
using System.Globalization;
using Generated.Training;

namespace Generated.Data;

/// <summary>
/// An image folder streamed from disk in batches: what Keras' <c>image_dataset_from_directory</c> returns, made by
/// <see cref="ImageFolder.FromDirectory"/>. Only the file list is held in memory; each batch is decoded and resized
/// when it is needed, with up to <see cref="PrefetchBatches"/> batches decoded ahead on a background thread.
/// </summary>
/// <remarks>
/// Pass it to <c>Trainer.Fit(IBatchSource, ...)</c> and <c>Trainer.Evaluate(IBatchSource, ...)</c>. Pixels are
/// 0..255 floats (add a <c>[Rescaling(1.0 / 255)]</c> layer, as the flowers tutorial does); targets follow
/// <see cref="LabelMode"/>. Every epoch visits the files in a new order drawn from <see cref="Seed"/> and the epoch
/// number when <see cref="Shuffles"/> (Keras reshuffles each epoch too, through tf.data's shuffle buffer, whose
/// order cannot be reproduced outside TensorFlow). Dispose it to end the read-ahead thread at once.
/// </remarks>
public sealed class ImageFolderDataset : IBatchSource, IBatchDecoder, IDisposable
{
    private readonly string[] classNames;
    private readonly string[] files;
    private readonly int[] labels;
    private readonly int[] order;
    private readonly BatchPrefetcher? prefetcher;
    private long decodedImages;
    private bool readingAhead;

    internal ImageFolderDataset(
        string directory, string[] classNames, string[] files, int[] labels, TensorShape sampleShape, int batchSize,
        LabelMode labelMode, ColorMode colorMode, Interpolation interpolation, bool shuffle, int seed, int prefetch)
    {
        Directory = directory;
        this.classNames = classNames;
        this.files = files;
        this.labels = labels;
        SampleShape = sampleShape;
        BatchSize = batchSize;
        LabelMode = labelMode;
        ColorMode = colorMode;
        Interpolation = interpolation;
        Shuffles = shuffle;
        Seed = seed;
        TargetsPerSample = labelMode == LabelMode.Categorical ? classNames.Length : 1;
        order = new int[files.Length];
        if (prefetch > 0)
        {
            prefetcher = new BatchPrefetcher(this, prefetch, batchSize, sampleShape.Size, TargetsPerSample);
        }

        // Epoch 0's order without starting the read-ahead: nothing is decoded before the first batch is asked for.
        EpochShuffle.Fill(order, Shuffles, Seed, 0);
    }

    /// <summary>The folder whose subfolders are the classes.</summary>
    public string Directory { get; }

    /// <summary>The class names (subfolder names, sorted, unless given); label <c>i</c> is <c>ClassNames[i]</c>.</summary>
    public IReadOnlyList<string> ClassNames => classNames;

    /// <summary>The number of classes.</summary>
    public int ClassCount => classNames.Length;

    /// <summary>The image files of this subset in Keras' order (its <c>file_paths</c>): after the seeded shuffle, before any epoch's reshuffle.</summary>
    public IReadOnlyList<string> FilePaths => files;

    /// <summary>Each file's class index, in <see cref="FilePaths"/> order.</summary>
    public ReadOnlySpan<int> Labels => labels;

    /// <inheritdoc/>
    public TensorShape SampleShape { get; }

    /// <summary>How labels are written as targets.</summary>
    public LabelMode LabelMode { get; }

    /// <summary>The channels images are decoded to.</summary>
    public ColorMode ColorMode { get; }

    /// <summary>How images are resized to <see cref="SampleShape"/>.</summary>
    public Interpolation Interpolation { get; }

    /// <summary>Whether every epoch visits the files in a new random order.</summary>
    public bool Shuffles { get; }

    /// <summary>The seed of the file-list shuffle (and of every epoch's order).</summary>
    public int Seed { get; }

    /// <summary>Batches decoded ahead on a background thread (0: each batch is decoded when it is asked for).</summary>
    public int PrefetchBatches => prefetcher?.Depth ?? 0;

    /// <inheritdoc/>
    public int TargetsPerSample { get; }

    /// <summary>Images in this subset.</summary>
    public int Count => files.Length;

    /// <inheritdoc/>
    public int BatchSize { get; }

    /// <inheritdoc/>
    public int BatchCount => (files.Length + BatchSize - 1) / BatchSize;

    /// <summary>Images decoded so far (every epoch decodes every image again: nothing is cached).</summary>
    public long DecodedImages => System.Threading.Interlocked.Read(ref decodedImages);

    /// <summary>Batches the read-ahead thread has decoded so far (0 without prefetching).</summary>
    internal long PrefetchedBatches => prefetcher?.DecodedBatches ?? 0;

    /// <summary>How many files each class has.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <inheritdoc/>
    public void StartEpoch(int epoch)
    {
        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are numbered from 0.");
        }

        EpochShuffle.Fill(order, Shuffles, Seed, epoch);
        if (prefetcher is not null)
        {
            prefetcher.Start(order);
            readingAhead = true;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="System.IO.InvalidDataException">An image of the batch cannot be decoded; the message names the file.</exception>
    public int FillBatch(int batch, Span<float> inputs, Span<float> targets)
    {
        if ((uint)batch >= (uint)BatchCount)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, string.Create(CultureInfo.InvariantCulture, $"An epoch has batches 0 to {BatchCount - 1}."));
        }

        int count = Math.Min(BatchSize, Count - (batch * BatchSize));
        if (inputs.Length < count * SampleShape.Size || targets.Length < count * TargetsPerSample)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Batch {batch} holds {count} images: the buffers need {count * SampleShape.Size} input floats ({SampleShape} each) and {count * TargetsPerSample} target floats, but have {inputs.Length} and {targets.Length}."),
                inputs.Length < count * SampleShape.Size ? nameof(inputs) : nameof(targets));
        }

        if (prefetcher is not null)
        {
            if (!readingAhead)
            {
                prefetcher.Start(order);
                readingAhead = true;
            }

            return prefetcher.Take(batch, inputs, targets);
        }

        Decode(order.AsSpan(batch * BatchSize, count), inputs, targets);
        return count;
    }

    /// <summary>Decodes the images at <paramref name="indices"/> (positions in <see cref="FilePaths"/>) and writes their targets; thread-safe.</summary>
    void IBatchDecoder.Decode(ReadOnlySpan<int> indices, Span<float> inputs, Span<float> targets) => Decode(indices, inputs, targets);

    /// <summary>Ends the read-ahead thread; the data set cannot be read afterwards.</summary>
    public void Dispose() => prefetcher?.Dispose();

    /// <summary>A summary such as <c>48000 images of 28x28x1 in 10 classes, batches of 32</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} images of {SampleShape} in {ClassCount} classes, batches of {BatchSize}");

    private void Decode(ReadOnlySpan<int> indices, Span<float> inputs, Span<float> targets)
    {
        int size = SampleShape.Size;
        int perSample = TargetsPerSample;
        targets.Slice(0, indices.Length * perSample).Clear();
        for (int i = 0; i < indices.Length; i++)
        {
            int file = indices[i];
            ImageDecoder.DecodeInto(files[file], ColorMode, SampleShape, Interpolation, inputs.Slice(i * size, size));
            System.Threading.Interlocked.Increment(ref decodedImages);
            int label = labels[file];
            if (LabelMode == LabelMode.Categorical)
            {
                targets[(i * perSample) + label] = 1f;
            }
            else
            {
                targets[i] = label;
            }
        }
    }
}
