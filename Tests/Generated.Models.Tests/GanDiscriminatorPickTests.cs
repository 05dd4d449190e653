using GanSample;

namespace Generated.Models.Tests;

/// <summary>The GAN sample's drawing with the discriminator's help (<see cref="DiscriminatorPick"/>).</summary>
public class GanDiscriminatorPickTests
{
    [Fact]
    public void The_discriminator_picks_each_digits_best_scored_candidate()
    {
        // 3 digits x 2 candidates: candidate j of digit i is score j * 3 + i.
        float[] scores = [0.2f, 0.9f, 0.5f, 0.7f, 0.1f, 0.5f];
        var chosen = new int[3];
        DiscriminatorPick.Select(scores, 3, 2, chosen);
        Assert.Equal(new[] { 3, 1, 2 }, chosen); // digit 2's tie keeps its first candidate
        DiscriminatorPick.Select(scores, 6, 1, chosen = new int[6]);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, chosen);
        Assert.Throws<ArgumentException>(() => DiscriminatorPick.Select(scores, 4, 2, new int[4]));
    }
}
