using Generated.Runtime.Tests.Common;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

/// <summary>
/// Every loss's gradient against central finite differences of the loss itself, at
/// <see cref="GradientCheck.SmoothStep"/>, at points away from the clip bounds (probabilities in [0.18, 0.82]) and
/// from the kink of |x| (mean absolute error targets at least 0.05 from the prediction, five steps).
/// </summary>
/// <remarks>
/// A loss is a mean over N positions, so its gradient carries 1/N. Both sides are multiplied by N, which checks the
/// per-position gradient (order 1 and above: 2(p - y), ±1, -y/q, (p - y)/(p(1 - p))), so the floor is 1. The loss
/// value is returned as a float: its rounding, about 6e-8·L per unit of mean, times N over the 2e-2 width of the
/// difference, is a few 1e-4 per position for N = 68; the h² truncation of -log q at q near 0.1 adds as much. The
/// tolerance 2e-3 is tighter than the former <c>2e-3·max(1, |gradient of the mean|)</c> on the unscaled gradient.
/// </remarks>
public class LossGradientTests
{
    private static readonly GradientTolerance Tolerance = new(2e-3, 1);

    private static readonly Dictionary<string, (Loss Loss, bool Probabilities, bool Sparse)> Losses = new()
    {
        ["CategoricalCrossentropy"] = (Loss.CategoricalCrossentropy, true, false),
        ["CategoricalCrossentropy (logits)"] = (new CategoricalCrossentropy(fromLogits: true), false, false),
        ["SparseCategoricalCrossentropy"] = (Loss.SparseCategoricalCrossentropy, true, true),
        ["SparseCategoricalCrossentropy (logits)"] = (new SparseCategoricalCrossentropy(fromLogits: true), false, true),
        ["BinaryCrossentropy"] = (Loss.BinaryCrossentropy, true, false),
        ["BinaryCrossentropy (logits)"] = (new BinaryCrossentropy(fromLogits: true), false, false),
        ["MeanSquaredError"] = (Loss.MeanSquaredError, false, false),
        ["MeanAbsoluteError"] = (Loss.MeanAbsoluteError, false, false),
    };

    /// <summary>Loss name, rows, channels: lengths that exercise every vector tail; one class is no classification.</summary>
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var (name, (_, _, sparse)) in Losses)
        foreach (var (rows, channels) in new[] { (1, 1), (3, 5), (4, 17), (2, 33) })
        {
            if (channels == 1 && (sparse || name.StartsWith("Categorical", StringComparison.Ordinal)))
            {
                continue;
            }
            data.Add(name, rows, channels);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_gradient_matches_finite_differences(string loss, int rows, int channels) => Check(loss, rows, channels);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() => Cases().Select(row => Check((string)row[0], (int)row[1], (int)row[2]));

    private static GradientCheckResult Check(string name, int rows, int channels)
    {
        var (loss, probabilities, sparse) = Losses[name];
        var random = new SeededRandom((ulong)(rows * 100 + channels));
        var n = rows * channels;
        var raw = Enumerable.Range(0, n).Select(_ => random.NextUniform(-1.5f, 1.5f)).ToArray();
        var predictions = !probabilities ? raw
            : loss is BinaryCrossentropy ? raw.Select(v => 1 / (1 + MathF.Exp(-v))).ToArray()
            : raw.Select(v => 0.2f + 0.6f * (v + 1.5f) / 3f).ToArray();
        var targets = sparse
            ? Enumerable.Range(0, rows).Select(_ => (float)random.NextInt(channels)).ToArray()
            : Enumerable.Range(0, n).Select(_ => loss is MeanSquaredError or MeanAbsoluteError ? random.NextUniform(-1, 1) : random.NextInt(2)).ToArray();
        if (loss is MeanAbsoluteError)
        {
            for (var i = 0; i < n; i++)
            {
                if (Math.Abs(predictions[i] - targets[i]) < 5 * GradientCheck.SmoothStep)
                {
                    targets[i] = predictions[i] - 0.1f; // central differences straddling the kink measure neither side
                }
            }
        }
        // The mean is over one position per row for the cross-entropies over classes, per value for the others.
        var positions = loss is CategoricalCrossentropy or SparseCategoricalCrossentropy ? rows : n;
        var scratch = new float[n];
        var analytic = new float[n];
        loss.Compute(predictions, targets, channels, analytic);
        var perPosition = analytic.Select(g => g * positions).ToArray();
        return GradientCheck.Check(name, $"rows {rows} channels {channels}", predictions,
            () => (double)loss.Compute(predictions, targets, channels, scratch) * positions, GradientCheck.SmoothStep, perPosition, Tolerance);
    }
}
