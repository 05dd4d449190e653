using Generated;

namespace GanSample;

/// <summary>
/// An exponential moving average of a generator's trainable weights, and a second generator of the same class that
/// draws with them: <c>average = decay * average + (1 - decay) * weights</c> after every generator step.
/// </summary>
/// <remarks>
/// The decay warms up as TensorFlow's <c>ExponentialMovingAverage(num_updates=...)</c> does,
/// <c>min(decay, (1 + t) / (10 + t))</c> after t updates, so the random initial weights fade out within the first
/// hundred steps instead of weighing on the first epochs. Batch normalization's moving statistics are no average of the
/// trained generator's: averaged weights give activations of their own, so <see cref="Refresh"/> re-estimates them by
/// running the averaged generator in training mode on fresh noise (BigGAN's "standing statistics").
/// </remarks>
public sealed class GeneratorAverage
{
    // Training-mode batches that settle the moving statistics: momentum 0.9 leaves 0.9^40 (1.5%) of the copied start.
    private const int StatisticsBatches = 40;

    private readonly IGanNetwork trained;
    private readonly IGanNetwork averaged;
    private readonly LabelConditioning conditioning;
    private readonly float[] weights;
    private readonly float decay;
    private readonly NoisePrior prior;
    private SeededRandom random;
    private long updates;

    /// <summary>
    /// Starts the average at <paramref name="trained"/>'s current weights; <paramref name="averaged"/>, a second network
    /// of the same class, draws with the average. <paramref name="seed"/> seeds the noise (and, conditional, the labels)
    /// <see cref="Refresh"/> draws from <paramref name="prior"/>.
    /// </summary>
    public GeneratorAverage(IGanNetwork trained, IGanNetwork averaged, float decay, NoisePrior prior, int seed, LabelConditioning? conditioning = null)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(averaged);
        ArgumentNullException.ThrowIfNull(prior);
        if (averaged.GetType() != trained.GetType() || ReferenceEquals(averaged, trained))
        {
            throw new ArgumentException(
                $"The averaged generator is a second {trained.GetType().Name}; got {(ReferenceEquals(averaged, trained) ? "the trained one itself" : averaged.GetType().Name)}.",
                nameof(averaged));
        }
        if (!(decay > 0f && decay < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The average's decay is in (0, 1).");
        }
        this.trained = trained;
        this.decay = decay;
        this.prior = prior;
        this.averaged = averaged;
        this.conditioning = conditioning ?? LabelConditioning.None;
        weights = trained.TrainableParameters.ToArray();
        random = new SeededRandom((ulong)seed);
    }

    /// <summary>The averaged weights, in the layout of the generator's <see cref="INetwork.TrainableParameters"/>.</summary>
    public ReadOnlySpan<float> Weights => weights;

    /// <summary>Moves the average towards <paramref name="current"/> (the trained generator's weights after a step).</summary>
    public void Update(ReadOnlySpan<float> current)
    {
        if (current.Length != weights.Length)
        {
            throw new ArgumentException($"Expected {weights.Length} generator weights; got {current.Length}.", nameof(current));
        }
        updates++;
        float rate = 1f - Math.Min(decay, (1f + updates) / (10f + updates));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] += rate * (current[i] - weights[i]);
        }
    }

    /// <summary>
    /// Loads the averaged weights into the drawing generator and re-estimates its batch-normalization statistics on
    /// batches of <paramref name="batchSize"/> noise vectors; returns that generator, ready for <c>Predict</c>.
    /// </summary>
    public IGanNetwork Refresh(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 2);
        using (var copy = new MemoryStream())
        {
            trained.SaveWeights(copy); // every tensor, the moving statistics included, as the starting point
            copy.Position = 0;
            averaged.LoadWeights(copy);
        }
        weights.CopyTo(averaged.TrainableParameters);
        int noiseSize = averaged.InputShape.Size - conditioning.Classes;
        var noise = new float[batchSize * noiseSize];
        var labels = new int[conditioning.IsConditional ? batchSize : 0];
        var input = conditioning.GeneratorScratch(batchSize, noiseSize);
        for (int batch = 0; batch < StatisticsBatches; batch++)
        {
            prior.Fill(noise, ref random);
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = random.NextInt(conditioning.Classes);
            }
            averaged.Forward(conditioning.GeneratorInput(noise, labels, input), training: true);
        }
        return averaged;
    }
}
