using Generated.Training;
using Fast = Generated.Training.OptimizerKernels;
using Scalar = Generated.Training.Reference.OptimizerKernels;

namespace Generated.Runtime.Tests.Training;

/// <summary>The vectorized update kernels against their scalar twins, bit for bit, for every length up to several vector widths.</summary>
public class OptimizerKernelTests
{
    private static readonly int[] Lengths = Enumerable.Range(0, 70).ToArray();

    private static float[] Random(int length, ulong seed, float scale = 1f)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, length).Select(_ => scale * random.NextGaussian()).ToArray();
    }

    private static void Compare(int stateCount, Action<float[], float[], float[][]> fast, Action<float[], float[], float[][]> scalar)
    {
        foreach (var n in Lengths)
        {
            var p1 = Random(n, 1);
            var p2 = (float[])p1.Clone();
            var s1 = Enumerable.Range(0, stateCount).Select(_ => new float[n]).ToArray();
            var s2 = Enumerable.Range(0, stateCount).Select(_ => new float[n]).ToArray();
            for (var step = 0; step < 3; step++)
            {
                var g = Random(n, (ulong)(10 + step), 1 + step);
                fast(p1, g, s1);
                scalar(p2, g, s2);
            }
            Assert.Equal(p2, p1);
            for (var s = 0; s < stateCount; s++)
            {
                Assert.Equal(s2[s], s1[s]);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_momentum(bool nesterov) =>
        Compare(1, (p, g, s) => Fast.SgdMomentum(p, g, s[0], 0.05f, 0.9f, nesterov), (p, g, s) => Scalar.SgdMomentum(p, g, s[0], 0.05f, 0.9f, nesterov));

    [Fact]
    public void Adam() =>
        Compare(2, (p, g, s) => Fast.Adam(p, g, s[0], s[1], 0.003f, 0.9f, 0.999f, 1e-7f), (p, g, s) => Scalar.Adam(p, g, s[0], s[1], 0.003f, 0.9f, 0.999f, 1e-7f));

    [Theory]
    [InlineData(false, 0f)]
    [InlineData(true, 0f)]
    [InlineData(false, 0.9f)]
    [InlineData(true, 0.9f)]
    public void RmsProp(bool centered, float momentum) =>
        Compare(3,
            (p, g, s) => Fast.RmsProp(p, g, s[0], centered ? s[1] : Span<float>.Empty, momentum > 0 ? s[2] : Span<float>.Empty, 0.01f, 0.9f, momentum, 1e-7f),
            (p, g, s) => Scalar.RmsProp(p, g, s[0], centered ? s[1] : Span<float>.Empty, momentum > 0 ? s[2] : Span<float>.Empty, 0.01f, 0.9f, momentum, 1e-7f));

    [Fact]
    public void Adadelta() =>
        Compare(2, (p, g, s) => Fast.Adadelta(p, g, s[0], s[1], 1f, 0.95f, 1e-7f), (p, g, s) => Scalar.Adadelta(p, g, s[0], s[1], 1f, 0.95f, 1e-7f));
}
