using System.Globalization;
using System.Text;
using Generated;
using MnistSample;

namespace GanSample;

/// <summary>
/// How recognisable a set of digit images is to the trained MNIST convnet (Samples/Mnist, weights in
/// Samples/MnistWeights): the share it classifies with at least <see cref="ConfidenceThreshold"/> softmax confidence,
/// and how the predicted classes spread over the ten digits (a collapsed GAN draws few of them).
/// </summary>
/// <param name="Count">Images measured.</param>
/// <param name="Confident">Images whose highest class probability is at least <see cref="ConfidenceThreshold"/>.</param>
/// <param name="ClassCounts">Images per predicted class (argmax over all images, confident or not), ten entries.</param>
/// <param name="ConfidenceThreshold">The confidence an image needs to count as recognised.</param>
/// <param name="NearestNeighbourDistance">
/// The median, over the images, of the Euclidean distance (pixels in [0, 1]) from an image to the closest other image
/// of the set: near 0 when a generator draws the same digit again and again, which the class shares cannot see (it
/// may draw one copy per class). 1,000 real test digits measure about 5.7.
/// </param>
/// <param name="AsAsked">
/// With the digits' asked labels (a conditional generator's): the images classified as the asked digit with at least
/// <see cref="ConfidenceThreshold"/> confidence; null without labels.
/// </param>
public sealed record DigitQualityReport(
    int Count, int Confident, IReadOnlyList<int> ClassCounts, float ConfidenceThreshold, float NearestNeighbourDistance, int? AsAsked = null)
{
    /// <summary>The share of images classified with at least <see cref="ConfidenceThreshold"/> confidence.</summary>
    public float ConfidentFraction => Count == 0 ? 0f : (float)Confident / Count;

    /// <summary>The share of images classified confidently as their asked digit (null without labels).</summary>
    public float? AsAskedFraction => AsAsked is int matching ? (Count == 0 ? 0f : (float)matching / Count) : null;

    /// <summary>The share of images of the least predicted class (0 when a class never wins).</summary>
    public float SmallestClassFraction => Count == 0 ? 0f : (float)ClassCounts.Min() / Count;

    /// <summary>
    /// True when at least <paramref name="minConfident"/> of the images are confident (with asked labels: confidently
    /// the digit asked for) and every class has at least <paramref name="minClassShare"/>.
    /// </summary>
    public bool Meets(float minConfident, float minClassShare) =>
        ConfidentFraction >= minConfident && (AsAskedFraction ?? 1f) >= minConfident && SmallestClassFraction >= minClassShare;

    /// <summary>One line: confident share and the smallest class share.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Confident} of {Count} ({ConfidentFraction:P1}) classified with confidence >= {ConfidenceThreshold:0.##}; smallest class {ClassCounts.ToList().IndexOf(ClassCounts.Min())} with {SmallestClassFraction:P1}; nearest other digit at {NearestNeighbourDistance:F2} (median){(AsAsked is null ? "" : $"; {AsAsked} ({AsAskedFraction:P1}) confidently the digit asked for")}");

    /// <summary>A text histogram of the predicted classes, one line per digit with its count, share and a bar.</summary>
    public string Histogram()
    {
        var text = new StringBuilder();
        int largest = Math.Max(1, ClassCounts.Max());
        for (int digit = 0; digit < ClassCounts.Count; digit++)
        {
            int count = ClassCounts[digit];
            text.Append(CultureInfo.InvariantCulture, $"  {digit}: {count,5} {(float)count / Math.Max(1, Count),6:P1} ")
                .Append('#', (int)Math.Round(40.0 * count / largest))
                .AppendLine();
        }
        return text.ToString();
    }
}

/// <summary>Measures digit images with the trained MNIST convnet: see <see cref="DigitQualityReport"/>.</summary>
public sealed class DigitQualityMeasure
{
    private readonly MnistConvNet classifier;

    /// <summary>Measures with <paramref name="classifier"/> (trained weights loaded), counting a prediction as confident at <paramref name="confidenceThreshold"/>.</summary>
    public DigitQualityMeasure(MnistConvNet classifier, float confidenceThreshold = 0.9f)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        if (!(confidenceThreshold > 0f && confidenceThreshold <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceThreshold), confidenceThreshold, "The confidence threshold is a probability in (0, 1].");
        }
        this.classifier = classifier;
        ConfidenceThreshold = confidenceThreshold;
    }

    /// <summary>The softmax probability a prediction needs to count as confident.</summary>
    public float ConfidenceThreshold { get; }

    /// <summary>Loads the classifier's weights (e.g. Samples/MnistWeights/mnist_convnet.safetensors) and measures with them.</summary>
    public static DigitQualityMeasure Load(string classifierWeights, float confidenceThreshold = 0.9f)
    {
        if (!File.Exists(classifierWeights))
        {
            throw new FileNotFoundException(
                $"The MNIST classifier's weights are not at '{classifierWeights}': pass the path of Samples/MnistWeights/mnist_convnet.safetensors or of weights saved by Samples/Mnist.",
                classifierWeights);
        }
        var classifier = new MnistConvNet();
        classifier.LoadWeights(classifierWeights);
        return new DigitQualityMeasure(classifier, confidenceThreshold);
    }

    /// <summary>
    /// Classifies <paramref name="images"/> (28x28x1 each, NHWC, ink 1 on paper 0 as MNIST scaled by 1/255) and counts
    /// the confident predictions and the predicted classes.
    /// </summary>
    public DigitQualityReport Measure(ReadOnlySpan<float> images) => Measure(images, ReadOnlySpan<int>.Empty);

    /// <summary>
    /// <see cref="Measure(ReadOnlySpan{float})"/> of images drawn for the digits in <paramref name="askedLabels"/> (one
    /// per image; empty: none), also counting those classified confidently as the digit asked for.
    /// </summary>
    public DigitQualityReport Measure(ReadOnlySpan<float> images, ReadOnlySpan<int> askedLabels)
    {
        if (images.IsEmpty || images.Length % MnistConvNet.InputSize != 0)
        {
            throw new ArgumentException(
                $"Expected whole 28x28x1 images ({MnistConvNet.InputSize} floats each); got {images.Length} floats.", nameof(images));
        }
        int count = images.Length / MnistConvNet.InputSize;
        if (!askedLabels.IsEmpty && askedLabels.Length != count)
        {
            throw new ArgumentException($"Expected one asked label per image ({count}); got {askedLabels.Length}.", nameof(askedLabels));
        }
        var probabilities = new float[count * MnistConvNet.OutputSize];
        classifier.Predict(images, probabilities);
        var classCounts = new int[MnistConvNet.OutputSize];
        int confident = 0, asAsked = 0;
        for (int i = 0; i < count; i++)
        {
            var row = probabilities.AsSpan(i * MnistConvNet.OutputSize, MnistConvNet.OutputSize);
            int best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            classCounts[best]++;
            if (row[best] >= ConfidenceThreshold)
            {
                confident++;
                asAsked += !askedLabels.IsEmpty && askedLabels[i] == best ? 1 : 0;
            }
        }
        return new DigitQualityReport(
            count, confident, classCounts, ConfidenceThreshold, MedianNearestNeighbourDistance(images, count), askedLabels.IsEmpty ? null : asAsked);
    }

    // Every pair once: 1,000 images are half a million 784-float distances, a fraction of a second.
    private static float MedianNearestNeighbourDistance(ReadOnlySpan<float> images, int count)
    {
        if (count < 2)
        {
            return float.NaN;
        }
        int size = MnistConvNet.InputSize;
        var nearest = new float[count];
        Array.Fill(nearest, float.PositiveInfinity);
        for (int i = 0; i < count; i++)
        {
            var image = images.Slice(i * size, size);
            for (int j = i + 1; j < count; j++)
            {
                float distance = System.Numerics.Tensors.TensorPrimitives.Distance(image, images.Slice(j * size, size));
                nearest[i] = Math.Min(nearest[i], distance);
                nearest[j] = Math.Min(nearest[j], distance);
            }
        }
        Array.Sort(nearest);
        return count % 2 == 1 ? nearest[count / 2] : 0.5f * (nearest[count / 2 - 1] + nearest[count / 2]);
    }

    /// <summary>Measures generator outputs in [-1, 1] (tanh): maps them to MNIST's [0, 1] first.</summary>
    public DigitQualityReport MeasureTanhImages(ReadOnlySpan<float> images) => MeasureTanhImages(images, ReadOnlySpan<int>.Empty);

    /// <summary>Measures generator outputs in [-1, 1] drawn for the digits in <paramref name="askedLabels"/> (empty: none).</summary>
    public DigitQualityReport MeasureTanhImages(ReadOnlySpan<float> images, ReadOnlySpan<int> askedLabels)
    {
        var scaled = new float[images.Length];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (images[i] + 1f) * 0.5f;
        }
        return Measure(scaled, askedLabels);
    }
}
