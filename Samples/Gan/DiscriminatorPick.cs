using Generated;

namespace GanSample;

/// <summary>
/// Drawing with the discriminator's help: the generator draws several candidates per digit and the trained
/// discriminator keeps the one it scores as most real. The discriminator has learnt where the generator's digits still
/// differ from real ones, and the generator alone cannot use that at drawing time; discriminator rejection sampling
/// (Azadi et al. 2019, "Discriminator Rejection Sampling") uses it to accept or reject each sample, this is its
/// simplest form, a best of <c>candidates</c>.
/// </summary>
public static class DiscriminatorPick
{
    /// <summary>
    /// For each of <paramref name="digits"/> digits, the index of the best-scored of its <paramref name="candidates"/>
    /// candidates: candidate <c>j</c> of digit <c>i</c> is score <c>j * digits + i</c> (the first of equal scores wins).
    /// </summary>
    public static void Select(ReadOnlySpan<float> scores, int digits, int candidates, Span<int> chosen)
    {
        if (digits < 1 || candidates < 1 || scores.Length != digits * candidates || chosen.Length != digits)
        {
            throw new ArgumentException(
                $"Need {digits} x {candidates} scores and {digits} choices (at least one of each); got {scores.Length} scores and room for {chosen.Length}.");
        }
        for (var i = 0; i < digits; i++)
        {
            var best = i;
            for (var j = 1; j < candidates; j++)
            {
                var index = j * digits + i;
                best = scores[index] > scores[best] ? index : best;
            }
            chosen[i] = best;
        }
    }

    /// <summary>
    /// Draws <c>noise.Length / (noise size * candidates)</c> digits: every noise vector through <paramref name="generator"/>
    /// (inference mode), every image through <paramref name="discriminator"/>, and per digit the best-scored candidate
    /// (noise vector <c>j * digits + i</c> is candidate <c>j</c> of digit <c>i</c>, so with one candidate the digits are
    /// the generator's own). A conditional GAN draws and scores every candidate of digit <c>i</c> for
    /// <c>labels[i]</c>; an unconditional one takes no labels. Returns the chosen images, tanh range.
    /// </summary>
    public static float[] Draw(
        INetwork generator, INetwork discriminator, LabelConditioning conditioning, ReadOnlySpan<float> noise, ReadOnlySpan<int> labels, int candidates)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentNullException.ThrowIfNull(conditioning);
        int noiseSize = generator.InputShape.Size - conditioning.Classes;
        int imageSize = generator.OutputShape.Size;
        var total = noise.Length / noiseSize;
        if (candidates < 1 || noise.Length % noiseSize != 0 || total % candidates != 0 || total == 0)
        {
            throw new ArgumentException(
                $"The noise must hold a whole number of noise vectors ({noiseSize} floats each) for each of {candidates} candidates per digit; got {noise.Length} floats.",
                nameof(noise));
        }
        var digits = total / candidates;
        if (labels.Length != (conditioning.IsConditional ? digits : 0))
        {
            throw new ArgumentException(
                conditioning.IsConditional
                    ? $"A conditional GAN draws each digit for its label: expected {digits} labels; got {labels.Length}."
                    : $"An unconditional GAN takes no labels; got {labels.Length}.",
                nameof(labels));
        }
        var candidateLabels = new int[conditioning.IsConditional ? total : 0];
        for (var j = 0; j < candidateLabels.Length; j++)
        {
            candidateLabels[j] = labels[j % digits];
        }
        var images = new float[total * imageSize];
        generator.Predict(conditioning.GeneratorInput(noise, candidateLabels, conditioning.GeneratorScratch(total, noiseSize)), images);
        var scores = new float[total];
        discriminator.Predict(
            conditioning.DiscriminatorInput(images, candidateLabels, conditioning.DiscriminatorScratch(images.Length)),
            scores);
        var chosen = new int[digits];
        Select(scores, digits, candidates, chosen);
        var picked = new float[digits * imageSize];
        for (var i = 0; i < digits; i++)
        {
            images.AsSpan(chosen[i] * imageSize, imageSize).CopyTo(picked.AsSpan(i * imageSize));
        }
        return picked;
    }
}
