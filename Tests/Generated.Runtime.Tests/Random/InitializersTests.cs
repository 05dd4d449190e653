namespace Generated.Runtime.Tests.Randomness;

public class InitializersTests
{
    [Fact]
    public void GlorotUniformStaysWithinTheLimitWithUniformVariance()
    {
        // Conv2D(32, 3) on 16 channels: fanIn = 3*3*16, fanOut = 3*3*32.
        const int fanIn = 144, fanOut = 288;
        var values = new float[3 * 3 * 16 * 32 * 4];
        var random = new SeededRandom(0);
        Initializers.GlorotUniform(values, fanIn, fanOut, ref random);
        var limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        Assert.All(values, v => Assert.True(Math.Abs(v) <= limit, $"{v} outside +-{limit}"));
        var (mean, variance) = Moments(values);
        var expectedVariance = limit * limit / 3; // uniform on [-l, l]
        Assert.InRange(mean, -5 * Math.Sqrt(expectedVariance / values.Length), 5 * Math.Sqrt(expectedVariance / values.Length));
        Assert.InRange(variance / expectedVariance, 0.95, 1.05);
        Assert.True(values.Max() > 0.95 * limit && values.Min() < -0.95 * limit, "values should fill the interval");
    }

    [Fact]
    public void SameSeedGivesSameWeights()
    {
        float[] a = new float[100], b = new float[100], c = new float[100];
        SeededRandom ra = new(11), rb = new(11), rc = new(12);
        Initializers.GlorotUniform(a, 10, 10, ref ra);
        Initializers.GlorotUniform(b, 10, 10, ref rb);
        Initializers.GlorotUniform(c, 10, 10, ref rc);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedNormalsHaveTheKerasVarianceAndCut(bool he)
    {
        const int fanIn = 50, fanOut = 30;
        var values = new float[60_000];
        var random = new SeededRandom(13);
        double targetVariance;
        if (he)
        {
            Initializers.HeNormal(values, fanIn, ref random);
            targetVariance = 2.0 / fanIn;
        }
        else
        {
            Initializers.GlorotNormal(values, fanIn, fanOut, ref random);
            targetVariance = 2.0 / (fanIn + fanOut);
        }
        // Keras scales the deviation so that the truncated distribution has the target variance; the
        // cut lies at two deviations of the untruncated normal.
        var cut = 2 * Math.Sqrt(targetVariance) / 0.87962566103423978;
        Assert.All(values, v => Assert.True(Math.Abs(v) <= cut * 1.000001));
        var (mean, variance) = Moments(values);
        Assert.InRange(mean, -5 * Math.Sqrt(targetVariance / values.Length), 5 * Math.Sqrt(targetVariance / values.Length));
        Assert.InRange(variance / targetVariance, 0.97, 1.03);
    }

    [Fact]
    public void HeUniformUsesTheFanIn()
    {
        var values = new float[20_000];
        var random = new SeededRandom(14);
        Initializers.HeUniform(values, 24, ref random);
        var limit = Math.Sqrt(6.0 / 24);
        Assert.All(values, v => Assert.True(Math.Abs(v) <= limit));
        Assert.InRange(Moments(values).Variance / (limit * limit / 3), 0.95, 1.05);
    }

    [Fact]
    public void ConstantsFill()
    {
        var values = new float[9];
        Initializers.Ones(values);
        Assert.All(values, v => Assert.Equal(1f, v));
        Initializers.Zeros(values);
        Assert.All(values, v => Assert.Equal(0f, v));
        Initializers.Constant(values, 0.5f);
        Assert.All(values, v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void NonPositiveFansAreRejected()
    {
        var random = new SeededRandom(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.GlorotUniform(new float[4], 0, 3, ref random));
        Assert.Equal("fanIn", error.ParamName);
        Assert.Contains("KH*KW*IC", error.Message);
    }

    private static (double Mean, double Variance) Moments(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return (mean, values.Average(v => (v - mean) * (v - mean)));
    }
}
