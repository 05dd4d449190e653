using Generated;

namespace GanSample;

/// <summary>
/// The distribution the generator's noise vectors come from: one standard Gaussian (DCGAN), or an equal mixture of
/// <see cref="Modes"/> Gaussians with fixed, well-separated means (Ben-Yosef and Weinshall 2018, "Gaussian Mixture
/// Generative Adversarial Networks"; Gurumurthy et al. 2017, "DeLiGAN").
/// </summary>
/// <remarks>
/// A generator is a continuous map, so from one connected Gaussian it must draw something on the way from one digit to
/// the next: shapes between two classes, which the classifier doubts. A mixture leaves almost no noise between its
/// modes: with means drawn from N(0, I) in 100 dimensions, two means lie about 14 standard deviations apart along the
/// line that joins them, so the generator can jump from one digit to another where no noise falls. The means are
/// fixed, not learned, and seeded, so a run is reproduced by its seed.
/// </remarks>
public sealed class NoisePrior
{
    private readonly float[] means;
    private readonly int size;

    /// <summary>
    /// A prior over vectors of <paramref name="size"/> values: <paramref name="modes"/> 0 is one standard Gaussian;
    /// 2 or more is a mixture whose means <paramref name="seed"/> draws from N(0, <paramref name="spread"/>² I) and
    /// whose modes have unit variance.
    /// </summary>
    public NoisePrior(int size, int modes, int seed, float spread = 1f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (modes is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), modes,
                "The noise prior's modes are 0 (one standard Gaussian) or at least 2 (a mixture).");
        }
        if (!(spread > 0f && float.IsFinite(spread)))
        {
            throw new ArgumentOutOfRangeException(nameof(spread), spread, "The spread of the mixture's means is a positive number.");
        }
        this.size = size;
        Modes = modes;
        means = new float[modes * size];
        var random = new SeededRandom((ulong)seed);
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = spread * random.NextGaussian();
        }
    }

    /// <summary>Mixture components (0: one standard Gaussian).</summary>
    public int Modes { get; }

    /// <summary>Fills <paramref name="noise"/> (whole vectors) with independent draws from the prior.</summary>
    public void Fill(Span<float> noise, ref SeededRandom random)
    {
        int vectors = CountVectors(noise);
        for (int v = 0; v < vectors; v++)
        {
            Draw(noise.Slice(v * size, size), Modes == 0 ? -1 : random.NextInt(Modes), ref random);
        }
    }

    private int CountVectors(Span<float> noise)
    {
        if (noise.Length % size != 0)
        {
            throw new ArgumentException($"Expected whole noise vectors of {size} values; got {noise.Length} values.", nameof(noise));
        }
        return noise.Length / size;
    }

    private void Draw(Span<float> vector, int mode, ref SeededRandom random)
    {
        ReadOnlySpan<float> mean = mode < 0 ? default : means.AsSpan(mode * size, size);
        for (int i = 0; i < size; i++)
        {
            vector[i] = random.NextGaussian() + (mode < 0 ? 0f : mean[i]);
        }
    }
}
