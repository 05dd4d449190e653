using Generated.Kernels;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The preprocessing, augmentation, spatial dropout, group normalization and PReLU kernels: fast against reference on
/// shapes whose channels straddle the vector widths, GELU's erf against a double reference (a measured bound), and the
/// augmentation draws (identity, exact flips, ranges, seeding).
/// </summary>
public class PreprocessingKernelTests
{
    private const double Absolute = 2e-6, Relative = 2e-6;

    public static TheoryData<int> Channels() => new(LayerTestData.Channels);

    [Fact]
    public void Gelu_erf_is_within_its_measured_bound_of_a_double_reference()
    {
        // Every float step of 1/512 over [-12, 12], both paths (vector body and scalar tail: 24577 values).
        var x = Enumerable.Range(-6144, 12289).Select(i => i / 512f).ToArray();
        var fast = new float[x.Length];
        Fast.Activations.Forward(Activation.Gelu, 0f, 1, x, fast);
        double worstPhi = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var exact = x[i] * Ref.Activations.Phi(x[i]);
            // The error of x*Φ(x) divided by |x| is Φ's error: A&S 7.1.26 guarantees 0.75e-7 on Φ, float rounding adds a few ulp.
            var phiError = Math.Abs(fast[i] - exact) / Math.Max(Math.Abs(x[i]), 1);
            worstPhi = Math.Max(worstPhi, phiError);
        }
        Assert.True(worstPhi < 2.5e-7, $"Φ error {worstPhi:G3}");

        // The double reference itself against known values (Abramowitz & Stegun table 7.1, and erf(3) from its series).
        Assert.Equal(0.5204998778130465, Ref.Activations.Erf(0.5), 14);
        Assert.Equal(0.8427007929497149, Ref.Activations.Erf(1), 14);
        Assert.Equal(0.9953222650189527, Ref.Activations.Erf(2), 14);
        Assert.Equal(0.9999779095030014, Ref.Activations.Erf(3), 14);
        Assert.Equal(-0.9999999845827421, Ref.Activations.Erf(-4), 14);
    }

    [Fact]
    public void New_activations_have_keras_values()
    {
        float[] x = [-4f, -1f, 0f, 1f, 2.5f, 7f];
        float[] y = new float[x.Length];
        Fast.Activations.Forward(Activation.Relu6, 0f, 1, x, y);
        Assert.Equal([0f, 0f, 0f, 1f, 2.5f, 6f], y);
        Fast.Activations.Forward(Activation.HardSwish, 0f, 1, x, y);
        Assert.Equal([0f, -1f / 3f, 0f, 2f / 3f, 2.5f * 5.5f / 6f, 7f], y);
        Fast.Activations.Forward(Activation.Selu, 0f, 1, x, y);
        Assert.Equal(1.0507009873554805 * 2.5, y[4], 5);
        Assert.Equal(1.0507009873554805 * 1.6732632423543772 * (Math.Exp(-1) - 1), y[1], 6);
        Fast.Activations.Forward(Activation.Gelu, 0f, 1, x, y);
        Assert.Equal(0.8413447460685429, y[3], 6); // Φ(1)
        Assert.Equal(-0.15865525393145707, y[1], 6); // -Φ(-1)
        Assert.Equal(0f, y[2]);
    }

    [Theory]
    [MemberData(nameof(Channels))]
    public void Fast_kernels_match_the_reference(int channels)
    {
        const int batch = 3, height = 4, width = 5;
        var pixels = height * width;
        var size = batch * pixels * channels;
        var input = LayerTestData.Uniform(size, seed: channels, scale: 2f);
        var upstream = LayerTestData.Uniform(size, seed: channels + 1);
        var mean = LayerTestData.Uniform(channels, seed: 3);
        var variance = LayerTestData.Uniform(channels, seed: 4).Select(v => v * v + 0.1f).ToArray();
        variance[0] = 0f; // divides by Keras' epsilon, not by zero

        Same((o, g) => { Fast.Rescaling.Forward(0.5f, 1f, input, o); Fast.Rescaling.Backward(0.5f, upstream, g); },
             (o, g) => { Ref.Rescaling.Forward(0.5f, 1f, input, o); Ref.Rescaling.Backward(0.5f, upstream, g); }, size, "Rescaling");
        Same((o, g) => { Fast.Normalization.Forward(batch * pixels, channels, input, mean, variance, o); Fast.Normalization.Backward(batch * pixels, channels, variance, upstream, g); },
             (o, g) => { Ref.Normalization.Forward(batch * pixels, channels, input, mean, variance, o); Ref.Normalization.Backward(batch * pixels, channels, variance, upstream, g); }, size, "Normalization");

        var geometry = new PReLUGeometry(height, width, channels, true, true, false);
        var alpha = LayerTestData.Uniform(geometry.AlphaSize, seed: 5);
        float[] fastAlpha = new float[alpha.Length], refAlpha = new float[alpha.Length];
        Same((o, g) => { Fast.PReLU.Forward(geometry, batch, input, alpha, o); Fast.PReLU.Backward(geometry, batch, input, alpha, upstream, g, fastAlpha); },
             (o, g) => { Ref.PReLU.Forward(geometry, batch, input, alpha, o); Ref.PReLU.Backward(geometry, batch, input, alpha, upstream, g, refAlpha); }, size, "PReLU");
        LayerTestData.AssertClose(refAlpha, fastAlpha, 1e-5, 1e-5, "PReLU alpha gradient");

        float[] fastMask = new float[batch * channels], refMask = new float[batch * channels];
        Same((o, g) => { var r = new SeededRandom(8); Fast.SpatialDropout2D.Forward(batch, pixels, channels, 0.3f, ref r, input, fastMask, o); Fast.SpatialDropout2D.Backward(batch, pixels, channels, fastMask, upstream, g); },
             (o, g) => { var r = new SeededRandom(8); Ref.SpatialDropout2D.Forward(batch, pixels, channels, 0.3f, ref r, input, refMask, o); Ref.SpatialDropout2D.Backward(batch, pixels, channels, refMask, upstream, g); }, size, "SpatialDropout2D");
        Assert.Equal(refMask, fastMask);

        foreach (var groups in Enumerable.Range(1, channels).Where(g => channels % g == 0))
        {
            var gamma = LayerTestData.Uniform(channels, seed: 6);
            var beta = LayerTestData.Uniform(channels, seed: 7);
            float[] fm = new float[batch * groups], fi = new float[batch * groups], rm = new float[batch * groups], ri = new float[batch * groups];
            float[] fg = new float[channels], fb = new float[channels], rg = new float[channels], rb = new float[channels];
            Same((o, g) => { Fast.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, o, fm, fi); Fast.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, fm, fi, upstream, g, fg, fb); },
                 (o, g) => { Ref.GroupNormalization.Forward(batch, pixels, channels, groups, input, gamma, beta, 1e-3f, o, rm, ri); Ref.GroupNormalization.Backward(batch, pixels, channels, groups, input, gamma, rm, ri, upstream, g, rg, rb); },
                 size, $"GroupNormalization {groups} groups", 2e-5, 2e-4);
            LayerTestData.AssertClose(rg, fg, 1e-4, 1e-4, "gamma gradient");
            LayerTestData.AssertClose(rb, fb, 1e-4, 1e-4, "beta gradient");
        }

        foreach (var fill in Enum.GetValues<FillMode>())
        {
            var transforms = new float[batch * ImageTransform.ParametersPerSample];
            var random = new SeededRandom((ulong)channels);
            RandomTransforms.Rotation(0.5f, batch, height, width, ref random, transforms);
            Same((o, g) => { Fast.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, o); Fast.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, g); },
                 (o, g) => { Ref.ImageTransform.Forward(batch, height, width, channels, fill, transforms, input, o); Ref.ImageTransform.Backward(batch, height, width, channels, fill, transforms, upstream, g); },
                 size, $"ImageTransform {fill}", 1e-5, 1e-5);
        }
    }

    [Fact]
    public void Identity_transforms_copy_exactly_and_flips_mirror_exactly()
    {
        const int batch = 4, height = 3, width = 5, channels = 2;
        var input = LayerTestData.Uniform(batch * height * width * channels, seed: 9);
        var transforms = new float[batch * ImageTransform.ParametersPerSample];
        var output = new float[input.Length];
        RandomTransforms.Identity(batch, transforms);
        Fast.ImageTransform.Forward(batch, height, width, channels, FillMode.Reflect, transforms, input, output);
        Assert.Equal(input, output);

        foreach (var mode in Enum.GetValues<FlipMode>())
        {
            var random = new SeededRandom(4);
            RandomTransforms.Flip(mode, batch, height, width, ref random, transforms);
            Fast.ImageTransform.Forward(batch, height, width, channels, FillMode.Reflect, transforms, input, output);
            for (var n = 0; n < batch; n++)
            {
                var t = transforms.AsSpan(n * 6, 6);
                bool horizontal = t[0] < 0, vertical = t[4] < 0;
                Assert.True(mode != FlipMode.Vertical || !horizontal);
                Assert.True(mode != FlipMode.Horizontal || !vertical);
                for (var y = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++)
                {
                    var sourceY = vertical ? height - 1 - y : y;
                    var sourceX = horizontal ? width - 1 - x : x;
                    Assert.Equal(input[((n * height + sourceY) * width + sourceX) * channels + c], output[((n * height + y) * width + x) * channels + c]);
                }
            }
        }
    }

    [Fact]
    public void Draws_stay_in_range_and_repeat_with_the_seed()
    {
        const int batch = 200, height = 10, width = 20;
        var first = new float[batch * 6];
        var second = new float[batch * 6];
        var a = new SeededRandom(12);
        var b = new SeededRandom(12);
        RandomTransforms.Translation(0.2f, 0.1f, batch, height, width, ref a, first);
        RandomTransforms.Translation(0.2f, 0.1f, batch, height, width, ref b, second);
        Assert.Equal(first, second);
        for (var n = 0; n < batch; n++)
        {
            Assert.InRange(first[n * 6 + 2], -2f, 2f);   // columns: 0.1 * 20
            Assert.InRange(first[n * 6 + 5], -2f, 2f);   // rows: 0.2 * 10
        }
        Assert.Contains(first.Where((_, i) => i % 6 == 5), v => Math.Abs(v) > 1.5f);

        RandomTransforms.Rotation(0.25f, batch, height, width, ref a, first);
        for (var n = 0; n < batch; n++)
        {
            // cos θ ≥ 0 for |θ| ≤ π/2, and the centre maps to itself.
            Assert.True(first[n * 6] >= -1e-6f);
            var cx = first[n * 6] * 9.5f + first[n * 6 + 1] * 4.5f + first[n * 6 + 2];
            var cy = first[n * 6 + 3] * 9.5f + first[n * 6 + 4] * 4.5f + first[n * 6 + 5];
            Assert.Equal(9.5f, cx, 3);
            Assert.Equal(4.5f, cy, 3);
        }

        RandomTransforms.Zoom(0.3f, null, batch, height, width, ref a, first);
        for (var n = 0; n < batch; n++)
        {
            Assert.Equal(first[n * 6], first[n * 6 + 4]); // aspect kept
            Assert.InRange(first[n * 6], 0.7f, 1.3f);
        }
        var coins = new float[batch * 6];
        RandomTransforms.Flip(FlipMode.Horizontal, batch, height, width, ref a, coins);
        var flipped = Enumerable.Range(0, batch).Count(n => coins[n * 6] < 0);
        Assert.InRange(flipped, 70, 130); // a fair coin, 200 tosses
        Assert.Throws<ArgumentOutOfRangeException>(() => { var r = new SeededRandom(0); RandomTransforms.Rotation(1.5f, 1, 2, 2, ref r, new float[6]); });
    }

    [Fact]
    public void Reflect_wrap_nearest_and_constant_index_as_keras()
    {
        // Keras 3's fixers on a row of 4: reflect d c b a | a b c d | d c b a.
        Assert.Equal([1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0], Enumerable.Range(-2, 11).Select(i => ImageTransform.Fix(i, 4, FillMode.Reflect)));
        Assert.Equal([2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0], Enumerable.Range(-2, 11).Select(i => ImageTransform.Fix(i, 4, FillMode.Wrap)));
        Assert.Equal([0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3], Enumerable.Range(-2, 11).Select(i => ImageTransform.Fix(i, 4, FillMode.Nearest)));
        Assert.Equal([-1, -1, 0, 1, 2, 3, -1, -1, -1, -1, -1], Enumerable.Range(-2, 11).Select(i => ImageTransform.Fix(i, 4, FillMode.Constant)));
    }

    [Fact]
    public void Adapt_computes_keras_mean_and_population_variance()
    {
        float[] data = [0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6]; // Keras' docstring example: rows of 3 features
        float[] mean = new float[3], variance = new float[3], output = new float[3];
        Fast.Normalization.Adapt(3, data, mean, variance);
        Assert.Equal([1f, 8f, 5f], mean);
        Assert.Equal([1f, 1f, 1f], variance);
        Fast.Normalization.Forward(1, 3, [0, 7, 4], mean, variance, output);
        Assert.Equal([-1f, -1f, -1f], output);
        Assert.Throws<ArgumentException>(() => Fast.Normalization.Adapt(3, data.AsSpan(1).ToArray(), mean, variance));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Fast.GroupNormalization.Forward(1, 1, 6, 4, new float[6], new float[6], new float[6], 1e-3f, new float[6], default, default));
        Assert.Throws<ArgumentException>(() => Fast.PReLU.Forward(new PReLUGeometry(2, 2, 3, true, true, false), 1, new float[12], new float[4], new float[12]));
        Assert.Throws<ArgumentException>(() => Fast.ImageTransform.Forward(1, 2, 2, 1, FillMode.Reflect, new float[5], new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fast.ImageTransform.Forward(1, 2, 2, 1, (FillMode)7, new float[6], new float[4], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => { var r = new SeededRandom(0); Fast.SpatialDropout2D.Forward(1, 1, 1, 1f, ref r, new float[1], new float[1], new float[1]); });
    }

    private static void Same(Action<float[], float[]> fast, Action<float[], float[]> reference, int size, string what, double absolute = Absolute, double relative = Relative)
    {
        float[] fastOutput = new float[size], fastGradient = new float[size], refOutput = new float[size], refGradient = new float[size];
        fast(fastOutput, fastGradient);
        reference(refOutput, refGradient);
        LayerTestData.AssertClose(refOutput, fastOutput, absolute, relative, what + " output");
        LayerTestData.AssertClose(refGradient, fastGradient, absolute, relative, what + " input gradient");
    }
}
