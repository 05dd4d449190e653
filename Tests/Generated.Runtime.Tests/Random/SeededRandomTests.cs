namespace Generated.Runtime.Tests.Randomness;

public class SeededRandomTests
{
    [Fact]
    public void SplitMix64MatchesItsPublishedSequence()
    {
        // Vigna's reference splitmix64.c from seed 1234567.
        var state = 1234567UL;
        Assert.Equal(6457827717110365317UL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(3203168211198807973UL, SeededRandom.SplitMix64(ref state));
        Assert.Equal(9817491932198370423UL, SeededRandom.SplitMix64(ref state));
    }

    [Fact]
    public void Xoshiro256StarStarMatchesAnIndependentImplementation()
    {
        // From a separate Python transcription of xoshiro256starstar.c seeded by SplitMix64(42):
        // `/usr/bin/python3 Tests/Fixtures/scripts/make_layer_fixtures.py --xoshiro 42` prints them.
        var random = new SeededRandom(42);
        var expected = new[] { 1546998764402558742UL, 6990951692964543102UL, 12544586762248559009UL, 17057574109182124193UL };
        Assert.Equal(expected, new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64(), random.NextUInt64() });
    }

    [Fact]
    public void SameSeedSameSequenceDifferentSeedDifferentSequence()
    {
        SeededRandom a = new(7), b = new(7), c = new(8);
        var same = 0;
        for (var i = 0; i < 100; i++)
        {
            var value = a.NextUInt64();
            Assert.Equal(value, b.NextUInt64());
            same += value == c.NextUInt64() ? 1 : 0;
        }
        Assert.Equal(0, same);
        Assert.Equal(new SeededRandom(0).NextUInt64(), new SeededRandom().NextUInt64());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(1600)]
    public void NextSinglesIsTheSequenceOfNextSingleAndLeavesTheSameState(int count)
    {
        SeededRandom one = new(11), span = new(11);
        var expected = new float[count];
        for (var i = 0; i < count; i++)
        {
            expected[i] = one.NextSingle();
        }
        var actual = new float[count];
        span.NextSingles(actual);
        Assert.Equal(expected, actual);
        Assert.Equal(one.NextUInt64(), span.NextUInt64()); // both stand after the same draws
    }

    [Fact]
    public void UniformsStayInRangeWithTheRightMoments()
    {
        var random = new SeededRandom(1);
        const int n = 200_000;
        double sum = 0, squares = 0;
        for (var i = 0; i < n; i++)
        {
            var x = random.NextSingle();
            Assert.InRange(x, 0f, 0.99999994f);
            var u = random.NextUniform(-3f, 5f);
            Assert.True(u >= -3f && u < 5f, $"NextUniform(-3, 5) gave {u}");
            sum += x;
            squares += x * (double)x;
        }
        // Mean 1/2 with standard error sqrt(1/12 / n) ~ 6.5e-4; variance 1/12.
        Assert.InRange(sum / n, 0.5 - 5 * 6.5e-4, 0.5 + 5 * 6.5e-4);
        Assert.InRange(squares / n - (sum / n) * (sum / n), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002);
    }

    [Fact]
    public void NextUniformNeverReturnsTheUpperBound()
    {
        // A narrow interval far from zero where low + (high - low) * u rounds up to high for u near 1.
        var random = new SeededRandom(3);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(random.NextUniform(1000f, 1000.001f) < 1000.001f);
        }
    }

    [Fact]
    public void GaussiansHaveMeanZeroVarianceOneAndNormalTails()
    {
        var random = new SeededRandom(2);
        const int n = 200_000;
        double sum = 0, squares = 0;
        var beyondTwo = 0;
        for (var i = 0; i < n; i++)
        {
            double z = random.NextGaussian();
            Assert.True(double.IsFinite(z));
            sum += z;
            squares += z * z;
            beyondTwo += Math.Abs(z) > 2 ? 1 : 0;
        }
        var mean = sum / n;
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(squares / n - mean * mean, 0.98, 1.02);
        // P(|Z| > 2) = 0.0455; binomial standard deviation ~ 4.7e-4 in proportion.
        Assert.InRange(beyondTwo / (double)n, 0.0455 - 0.0025, 0.0455 + 0.0025);
    }

    [Fact]
    public void NextIntIsUniformAndInRange()
    {
        var random = new SeededRandom(4);
        var counts = new int[7];
        const int n = 70_000;
        for (var i = 0; i < n; i++)
        {
            counts[random.NextInt(7)]++;
        }
        // Chi-square with 6 degrees of freedom: 22.5 is the 0.999 quantile.
        var chiSquare = counts.Sum(c => (c - n / 7.0) * (c - n / 7.0) / (n / 7.0));
        Assert.True(chiSquare < 22.5, $"chi-square {chiSquare:F1} for counts {string.Join(", ", counts)}");
        Assert.Equal(0, random.NextInt(1));
        var big = random.NextInt(int.MaxValue);
        Assert.InRange(big, 0, int.MaxValue - 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    [Fact]
    public void NextIntHasNoBiasForBoundsNearTheRange()
    {
        // bound = 1.5 * 2^30 divides 2^32 into 8/3 draws per result. A plain modulo would favour the
        // results below 2^30 (3/4 instead of 2/3 of the draws); multiply-shift without rejection would
        // give every third result 2 draws instead of 3 (1/4 instead of 1/3 with j % 3 == 2).
        const int bound = 3 << 29;
        const int n = 30_000;
        var random = new SeededRandom(5);
        int low = 0, third = 0;
        for (var i = 0; i < n; i++)
        {
            var j = random.NextInt(bound);
            low += j < 1 << 30 ? 1 : 0;
            third += j % 3 == 2 ? 1 : 0;
        }
        Assert.InRange(low / (double)n, 2 / 3.0 - 0.015, 2 / 3.0 + 0.015);
        Assert.InRange(third / (double)n, 1 / 3.0 - 0.015, 1 / 3.0 + 0.015);
    }

    [Fact]
    public void ShuffleIsAPermutationAndIsDeterministic()
    {
        var items = Enumerable.Range(0, 50).ToArray();
        var again = (int[])items.Clone();
        var random = new SeededRandom(6);
        random.Shuffle(items.AsSpan());
        random = new SeededRandom(6);
        random.Shuffle(again.AsSpan());
        Assert.Equal(again, items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
    }

    [Fact]
    public void ShufflePutsEachItemEverywhereEquallyOften()
    {
        var random = new SeededRandom(8);
        var firstPositionCounts = new int[4];
        var items = new int[4];
        for (var i = 0; i < 40_000; i++)
        {
            items[0] = 0; items[1] = 1; items[2] = 2; items[3] = 3;
            random.Shuffle(items.AsSpan());
            firstPositionCounts[items[0]]++;
        }
        Assert.All(firstPositionCounts, c => Assert.InRange(c, 10_000 - 500, 10_000 + 500));
    }
}
