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
    /// Draws <c>noise.Length / (InputSize * candidates)</c> digits: every noise vector through <paramref name="generator"/>
    /// (inference mode), every image through <paramref name="discriminator"/>, and per digit the best-scored candidate
    /// (noise vector <c>j * digits + i</c> is candidate <c>j</c> of digit <c>i</c>, so with one candidate the digits are
    /// the generator's own). Returns the chosen images, tanh range.
    /// </summary>
    public static float[] Draw(Generator generator, Discriminator discriminator, ReadOnlySpan<float> noise, int candidates)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        var total = noise.Length / Generator.InputSize;
        if (candidates < 1 || noise.Length % Generator.InputSize != 0 || total % candidates != 0 || total == 0)
        {
            throw new ArgumentException(
                $"The noise must hold a whole number of noise vectors ({Generator.InputSize} floats each) for each of {candidates} candidates per digit; got {noise.Length} floats.",
                nameof(noise));
        }
        var digits = total / candidates;
        var images = new float[total * Discriminator.InputSize];
        generator.Predict(noise, images);
        var scores = new float[total];
        discriminator.Predict(images, scores);
        var chosen = new int[digits];
        Select(scores, digits, candidates, chosen);
        var picked = new float[digits * Discriminator.InputSize];
        for (var i = 0; i < digits; i++)
        {
            images.AsSpan(chosen[i] * Discriminator.InputSize, Discriminator.InputSize).CopyTo(picked.AsSpan(i * Discriminator.InputSize));
        }
        return picked;
    }
}
