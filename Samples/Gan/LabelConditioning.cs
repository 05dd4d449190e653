namespace GanSample;

/// <summary>
/// How the digit's label reaches the two networks of a GAN: not at all (the seed's GAN, which draws whatever digit its
/// noise leads to), or as a one-hot code, the way Keras' conditional GAN example feeds it: appended to the generator's
/// noise, and to every pixel of the discriminator's image as extra channels, so both networks know which digit is
/// meant and the discriminator can reject a good 3 drawn when a 7 was asked for (Mirza and Osindero 2014,
/// "Conditional Generative Adversarial Nets").
/// </summary>
/// <remarks>
/// Images are NHWC with one channel; with a one-hot code the discriminator's input has <c>1 + classes</c> channels per
/// pixel, the image's value first. Unconditional inputs pass through without a copy.
/// </remarks>
public sealed class LabelConditioning
{
    private LabelConditioning(int classes) => Classes = classes;

    /// <summary>No label: the networks see noise and images only.</summary>
    public static LabelConditioning None { get; } = new(0);

    /// <summary>Ten one-hot digit classes (MNIST).</summary>
    public static LabelConditioning Digits { get; } = new(10);

    /// <summary>Classes in the one-hot code (0: unconditional).</summary>
    public int Classes { get; }

    /// <summary>True when the networks see the label.</summary>
    public bool IsConditional => Classes > 0;

    /// <summary>The generator's input size for noise vectors of <paramref name="noiseSize"/> values.</summary>
    public int GeneratorInputSize(int noiseSize) => noiseSize + Classes;

    /// <summary>The discriminator's input size for single-channel images of <paramref name="pixels"/> pixels.</summary>
    public int DiscriminatorInputSize(int pixels) => pixels * (1 + Classes);

    /// <summary>Scratch for <see cref="GeneratorInput"/> of <paramref name="count"/> noise vectors of <paramref name="noiseSize"/> values (empty when unconditional: it needs none).</summary>
    public float[] GeneratorScratch(int count, int noiseSize) => new float[IsConditional ? count * GeneratorInputSize(noiseSize) : 0];

    /// <summary>Scratch for <see cref="DiscriminatorInput"/> of images of <paramref name="pixels"/> pixels in all (empty when unconditional).</summary>
    public float[] DiscriminatorScratch(int pixels) => new float[IsConditional ? DiscriminatorInputSize(pixels) : 0];

    /// <summary>Scratch for <see cref="ImageGradient"/> of images of <paramref name="pixels"/> pixels in all (empty when unconditional).</summary>
    public float[] ImageGradientScratch(int pixels) => new float[IsConditional ? pixels : 0];

    /// <summary>
    /// The generator's input for one noise vector per label: each vector followed by its label's one-hot code, written
    /// to <paramref name="scratch"/>; unconditional, <paramref name="noise"/> itself.
    /// </summary>
    public ReadOnlySpan<float> GeneratorInput(ReadOnlySpan<float> noise, ReadOnlySpan<int> labels, Span<float> scratch)
    {
        if (!IsConditional)
        {
            return noise;
        }
        int noiseSize = SizePerLabel(noise.Length, labels, "noise");
        int rowSize = noiseSize + Classes;
        RequireScratch(scratch, labels.Length * rowSize);
        for (int i = 0; i < labels.Length; i++)
        {
            var row = scratch.Slice(i * rowSize, rowSize);
            noise.Slice(i * noiseSize, noiseSize).CopyTo(row);
            row.Slice(noiseSize).Clear();
            row[noiseSize + CheckLabel(labels[i])] = 1f;
        }
        return scratch.Slice(0, labels.Length * rowSize);
    }

    /// <summary>
    /// The discriminator's input for one single-channel image per label: every pixel followed by its image's one-hot
    /// label, written to <paramref name="scratch"/>; unconditional, <paramref name="images"/> itself.
    /// </summary>
    public ReadOnlySpan<float> DiscriminatorInput(ReadOnlySpan<float> images, ReadOnlySpan<int> labels, Span<float> scratch)
    {
        if (!IsConditional)
        {
            return images;
        }
        int pixels = SizePerLabel(images.Length, labels, "images");
        int channels = 1 + Classes;
        RequireScratch(scratch, images.Length * channels);
        var input = scratch.Slice(0, images.Length * channels);
        input.Clear();
        for (int i = 0; i < labels.Length; i++)
        {
            int label = CheckLabel(labels[i]);
            var image = images.Slice(i * pixels, pixels);
            var sample = input.Slice(i * pixels * channels, pixels * channels);
            for (int p = 0; p < pixels; p++)
            {
                sample[p * channels] = image[p];
                sample[p * channels + 1 + label] = 1f;
            }
        }
        return input;
    }

    /// <summary>
    /// The part of the discriminator's input gradient that belongs to the image (channel 0 of every pixel), the gradient
    /// the generator learns from; the label channels' gradient is dropped, as labels are not learned.
    /// </summary>
    public ReadOnlySpan<float> ImageGradient(ReadOnlySpan<float> inputGradient, Span<float> scratch)
    {
        if (!IsConditional)
        {
            return inputGradient;
        }
        int channels = 1 + Classes;
        if (inputGradient.Length % channels != 0)
        {
            throw new ArgumentException(
                $"The discriminator's input gradient has {channels} channels per pixel; got {inputGradient.Length} floats.", nameof(inputGradient));
        }
        int values = inputGradient.Length / channels;
        RequireScratch(scratch, values);
        for (int j = 0; j < values; j++)
        {
            scratch[j] = inputGradient[j * channels];
        }
        return scratch.Slice(0, values);
    }

    private int CheckLabel(int label) =>
        (uint)label < (uint)Classes
            ? label
            : throw new ArgumentOutOfRangeException(nameof(label), label, $"A label is a class in [0, {Classes}).");

    private static int SizePerLabel(int length, ReadOnlySpan<int> labels, string what)
    {
        if (labels.IsEmpty || length % labels.Length != 0)
        {
            throw new ArgumentException($"Expected the {what} of {labels.Length} labels, the same number of floats for each; got {length} floats.", what);
        }
        return length / labels.Length;
    }

    private static void RequireScratch(Span<float> scratch, int needed)
    {
        if (scratch.Length < needed)
        {
            throw new ArgumentException($"The scratch buffer needs {needed} floats; got {scratch.Length}.", nameof(scratch));
        }
    }
}
