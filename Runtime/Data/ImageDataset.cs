using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;

namespace Generated.Data;

/// <summary>
/// A labelled image data set held in memory: every sample's pixels as float32 NHWC, one integer
/// class label per sample, and the class names. Like Keras' <c>(x, y)</c> arrays, with the
/// operations a training loop needs (rescale, one-hot, shuffle, split, batch).
/// </summary>
/// <remarks>
/// A data set never changes after construction: <see cref="Rescale"/>, <see cref="Take"/>,
/// <see cref="Slice"/>, <see cref="Shuffle"/> and <see cref="SplitStratified"/> return new data sets
/// with their own arrays, so no two data sets share (and could corrupt) storage.
/// </remarks>
public sealed class ImageDataset
{
    private readonly float[] images;
    private readonly int[] labels;
    private readonly string[] classNames;

    /// <summary>
    /// Wraps <paramref name="images"/> (<c>labels.Length</c> samples of <paramref name="sampleShape"/>,
    /// NHWC) and <paramref name="labels"/> (each in <c>[0, classCount)</c>) without copying them: the
    /// caller hands the arrays over and must not change them afterwards.
    /// </summary>
    /// <param name="images">The pixels, <c>labels.Length * sampleShape.Size</c> floats.</param>
    /// <param name="sampleShape">The shape of one sample, e.g. <c>28x28x1</c>.</param>
    /// <param name="labels">One class index per sample.</param>
    /// <param name="classCount">The number of classes (labels are below it).</param>
    /// <param name="classNames">One name per class; <c>"0"</c>, <c>"1"</c>, ... when omitted.</param>
    public ImageDataset(float[] images, TensorShape sampleShape, int[] labels, int classCount, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (sampleShape.Size <= 0)
        {
            throw new ArgumentException($"The sample shape {sampleShape} has no elements; every dimension must be positive.", nameof(sampleShape));
        }

        if (classCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A labelled data set needs at least one class.");
        }

        if ((long)labels.Length * sampleShape.Size != images.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{labels.Length} labels of {sampleShape} samples need {(long)labels.Length * sampleShape.Size} pixel values, but the image array has {images.Length}."),
                nameof(images));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label {labels[i]} of sample {i} is outside [0, {classCount}); every label must be a class index below classCount."),
                    nameof(labels));
            }
        }

        if (classNames is null)
        {
            this.classNames = new string[classCount];
            for (int c = 0; c < classCount; c++)
            {
                this.classNames[c] = c.ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            if (classNames.Count != classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{classNames.Count} class names were given for {classCount} classes; give exactly one name per class."),
                    nameof(classNames));
            }

            this.classNames = new string[classCount];
            for (int c = 0; c < classCount; c++)
            {
                this.classNames[c] = classNames[c];
            }
        }

        this.images = images;
        this.labels = labels;
        SampleShape = sampleShape;
        ClassCount = classCount;
    }

    /// <summary>The shape of one sample (<c>28x28x1</c> for MNIST).</summary>
    public TensorShape SampleShape { get; }

    /// <summary>Floats per sample (<c>SampleShape.Size</c>).</summary>
    public int SampleSize => SampleShape.Size;

    /// <summary>The number of samples.</summary>
    public int Count => labels.Length;

    /// <summary>The number of classes; every label is below it.</summary>
    public int ClassCount { get; }

    /// <summary>The class names, indexed by label.</summary>
    public IReadOnlyList<string> ClassNames => classNames;

    /// <summary>All pixels, sample after sample, each sample NHWC.</summary>
    public ReadOnlySpan<float> Images => images;

    /// <summary>All labels, one class index per sample.</summary>
    public ReadOnlySpan<int> Labels => labels;

    /// <summary>The pixels of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> GetImage(int index)
    {
        CheckIndex(index);
        return images.AsSpan(index * SampleSize, SampleSize);
    }

    /// <summary>How many samples each class has (the label histogram).</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>The smallest and largest pixel value (both 0 for an empty data set).</summary>
    public (float Min, float Max) PixelRange() =>
        images.Length == 0 ? (0f, 0f) : (TensorPrimitives.Min(images), TensorPrimitives.Max(images));

    /// <summary>
    /// A copy with every pixel mapped to <c>pixel * scale + offset</c>, like Keras' <c>Rescaling</c>
    /// layer: <c>Rescale(1f / 255)</c> maps 0..255 to 0..1, <c>Rescale(1f / 127.5f, -1)</c> to -1..1.
    /// </summary>
    public ImageDataset Rescale(float scale, float offset = 0f)
    {
        float[] scaled = GC.AllocateUninitializedArray<float>(images.Length); // fully written below
        TensorPrimitives.Multiply(images, scale, scaled);
        TensorPrimitives.Add(scaled, offset, scaled);
        return new ImageDataset(scaled, SampleShape, (int[])labels.Clone(), ClassCount, classNames);
    }

    /// <summary>The labels one-hot encoded: <c>Count x ClassCount</c> floats, 1 at each sample's label.</summary>
    public float[] ToOneHot()
    {
        var oneHot = new float[(long)Count * ClassCount];
        for (int i = 0; i < labels.Length; i++)
        {
            oneHot[((long)i * ClassCount) + labels[i]] = 1f;
        }

        return oneHot;
    }

    /// <summary>A copy of the first <paramref name="count"/> samples.</summary>
    public ImageDataset Take(int count)
    {
        if ((uint)count > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Take needs a count between 0 and the data set's {Count} samples.");
        }

        return Slice(0, count);
    }

    /// <summary>A copy of the <paramref name="count"/> samples starting at <paramref name="start"/>.</summary>
    public ImageDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                string.Create(CultureInfo.InvariantCulture, $"Slice({start}, {count}) reaches outside the data set's {Count} samples; need 0 <= start and start + count <= {Count}."));
        }

        float[] sliceImages = images.AsSpan(start * SampleSize, count * SampleSize).ToArray();
        int[] sliceLabels = labels.AsSpan(start, count).ToArray();
        return new ImageDataset(sliceImages, SampleShape, sliceLabels, ClassCount, classNames);
    }

    /// <summary>A copy holding the samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public ImageDataset Select(ReadOnlySpan<int> indices)
    {
        var selectedImages = new float[indices.Length * SampleSize];
        var selectedLabels = new int[indices.Length];
        CopyBatch(indices, selectedImages, selectedLabels);
        return new ImageDataset(selectedImages, SampleShape, selectedLabels, ClassCount, classNames);
    }

    /// <summary>A copy with the samples in a random order determined by <paramref name="seed"/>.</summary>
    public ImageDataset Shuffle(ulong seed)
    {
        int[] order = Identity(Count);
        var random = new SeededRandom(seed);
        random.Shuffle(order.AsSpan());
        return Select(order);
    }

    /// <summary>
    /// Splits off a validation set that keeps each class's share: each class gives
    /// <c>validationFraction</c> of its samples (chosen at random from <paramref name="seed"/>), rounded so
    /// that the validation set holds <c>round(Count * validationFraction)</c> samples in total (largest
    /// remainders get the extra ones). Both parts keep the original sample order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">One of the two parts would be empty.</exception>
    public (ImageDataset Train, ImageDataset Validation) SplitStratified(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be strictly between 0 and 1, e.g. 0.1 for 10%.");
        }

        int[] perClass = CountPerClass();
        int[] validationPerClass = ApportionValidation(perClass, validationFraction, Count);
        int validationCount = 0;
        foreach (int n in validationPerClass)
        {
            validationCount += n;
        }

        if (validationCount == 0 || validationCount == Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Splitting {Count} samples with validation fraction {validationFraction} leaves {(validationCount == 0 ? "the validation" : "the training")} part empty; use more samples or a fraction further from 0 and 1."),
                nameof(validationFraction));
        }

        // Group sample indices by class, shuffle each group, and mark its first share as validation.
        int[] byClass = new int[Count];
        int[] classStart = new int[ClassCount + 1];
        for (int c = 0; c < ClassCount; c++)
        {
            classStart[c + 1] = classStart[c] + perClass[c];
        }

        int[] fill = (int[])classStart.Clone();
        for (int i = 0; i < Count; i++)
        {
            byClass[fill[labels[i]]++] = i;
        }

        var random = new SeededRandom(seed);
        var isValidation = new bool[Count];
        for (int c = 0; c < ClassCount; c++)
        {
            Span<int> group = byClass.AsSpan(classStart[c], perClass[c]);
            random.Shuffle(group);
            foreach (int i in group.Slice(0, validationPerClass[c]))
            {
                isValidation[i] = true;
            }
        }

        var trainIndices = new int[Count - validationCount];
        var validationIndices = new int[validationCount];
        int t = 0, v = 0;
        for (int i = 0; i < Count; i++)
        {
            if (isValidation[i])
            {
                validationIndices[v++] = i;
            }
            else
            {
                trainIndices[t++] = i;
            }
        }

        return (Select(trainIndices), Select(validationIndices));
    }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/> into <paramref name="images"/> (NHWC, batch
    /// first) and their labels one-hot into <paramref name="oneHotLabels"/>; allocates nothing.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> images, Span<float> oneHotLabels)
    {
        CheckBatchBuffers(indices.Length, images.Length, oneHotLabels.Length, ClassCount, nameof(oneHotLabels));
        oneHotLabels.Slice(0, indices.Length * ClassCount).Clear();
        for (int b = 0; b < indices.Length; b++)
        {
            int index = indices[b];
            CheckIndex(index);
            this.images.AsSpan(index * SampleSize, SampleSize).CopyTo(images.Slice(b * SampleSize, SampleSize));
            oneHotLabels[(b * ClassCount) + labels[index]] = 1f;
        }
    }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/> into <paramref name="images"/> (NHWC, batch
    /// first) and their class indices into <paramref name="labels"/>; allocates nothing.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> images, Span<int> labels)
    {
        CheckBatchBuffers(indices.Length, images.Length, labels.Length, 1, nameof(labels));
        for (int b = 0; b < indices.Length; b++)
        {
            int index = indices[b];
            CheckIndex(index);
            this.images.AsSpan(index * SampleSize, SampleSize).CopyTo(images.Slice(b * SampleSize, SampleSize));
            labels[b] = this.labels[index];
        }
    }

    /// <summary>
    /// Copies the <paramref name="count"/> consecutive samples from <paramref name="start"/> and their
    /// one-hot labels into the caller's buffers (evaluation in order); allocates nothing.
    /// </summary>
    public void CopyBatch(int start, int count, Span<float> images, Span<float> oneHotLabels)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count),
                string.Create(CultureInfo.InvariantCulture, $"Batch [{start}, {(long)start + count}) reaches outside the data set's {Count} samples."));
        }

        CheckBatchBuffers(count, images.Length, oneHotLabels.Length, ClassCount, nameof(oneHotLabels));
        this.images.AsSpan(start * SampleSize, count * SampleSize).CopyTo(images);
        oneHotLabels.Slice(0, count * ClassCount).Clear();
        for (int b = 0; b < count; b++)
        {
            oneHotLabels[(b * ClassCount) + labels[start + b]] = 1f;
        }
    }

    /// <summary>A summary such as <c>60000 samples of 28x28x1, 10 classes</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} samples of {SampleShape}, {ClassCount} classes");

    internal static int[] Identity(int count)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        return order;
    }

    // Largest-remainder apportionment of round(total * fraction) validation samples over the classes.
    private static int[] ApportionValidation(int[] perClass, double fraction, int total)
    {
        int target = (int)Math.Round(total * fraction, MidpointRounding.AwayFromZero);
        var shares = new int[perClass.Length];
        var remainders = new double[perClass.Length];
        int assigned = 0;
        for (int c = 0; c < perClass.Length; c++)
        {
            double exact = perClass[c] * fraction;
            shares[c] = (int)Math.Floor(exact);
            remainders[c] = exact - shares[c];
            assigned += shares[c];
        }

        while (assigned < target)
        {
            int best = -1;
            for (int c = 0; c < perClass.Length; c++)
            {
                if (shares[c] < perClass[c] && (best < 0 || remainders[c] > remainders[best]))
                {
                    best = c;
                }
            }

            if (best < 0)
            {
                break; // every class is fully used: the target cannot be met (only for fractions near 1)
            }

            shares[best]++;
            remainders[best] = -1;
            assigned++;
        }

        return shares;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Sample index must be in [0, {Count}).");
        }
    }

    private void CheckBatchBuffers(int count, int imagesLength, int labelsLength, int labelWidth, string labelsName)
    {
        long neededImages = (long)count * SampleSize;
        if (imagesLength < neededImages)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A batch of {count} samples of {SampleShape} needs an image buffer of at least {neededImages} floats, but it has {imagesLength}."),
                "images");
        }

        long neededLabels = (long)count * labelWidth;
        if (labelsLength < neededLabels)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A batch of {count} samples needs a label buffer of at least {neededLabels} values ({labelWidth} per sample), but it has {labelsLength}."),
                labelsName);
        }
    }
}
