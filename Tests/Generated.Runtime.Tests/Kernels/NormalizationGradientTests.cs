using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// BatchNormalization's training backward (through the batch statistics), its inference-mode backward (moving
/// statistics as constants) and LayerNormalization's backward, both twins, against central finite differences at <see cref="GradientCheck.SmoothStep"/>. The input gradient of a
/// normalization is a small difference of order-1 terms (it sums to zero over what the statistics cover), so it
/// is judged against a 0.1 floor; its worst error, a few 1e-4, is the h² truncation of the curved normalization,
/// hence 5e-3. The gamma and beta gradients are plain sums over rows of order 1 (floor 1), with errors near 1e-5.
/// </summary>
public class NormalizationGradientTests
{
    private const float Epsilon = 1e-3f;
    private static readonly GradientTolerance InputTolerance = new(5e-3, 0.1);
    private static readonly GradientTolerance ParameterTolerance = new(1e-4, 1);

    /// <summary>Rows (pixels of the batch), channels.</summary>
    public static TheoryData<int, int, Implementation> Shapes()
    {
        var data = new TheoryData<int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(7, 3, implementation);
            data.Add(4, 6, implementation);
            data.Add(5, 9, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BatchNormalization_training_backward_matches_finite_differences(int rows, int channels, Implementation implementation) =>
        BatchNormalization(rows, channels, implementation);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BatchNormalization_inference_backward_matches_finite_differences(int rows, int channels, Implementation implementation) =>
        BatchNormalizationInference(rows, channels, implementation);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LayerNormalization_backward_matches_finite_differences(int rows, int channels, Implementation implementation) =>
        LayerNormalization(rows, channels, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        Shapes().SelectMany(row => BatchNormalization((int)row[0], (int)row[1], (Implementation)row[2])
            .Concat(BatchNormalizationInference((int)row[0], (int)row[1], (Implementation)row[2]))
            .Concat(LayerNormalization((int)row[0], (int)row[1], (Implementation)row[2])));

    private static GradientCheckResult[] BatchNormalization(int rows, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(rows * channels, seed: 40, scale: 2f);
        var gamma = LayerTestData.Uniform(channels, seed: 41);
        var beta = LayerTestData.Uniform(channels, seed: 42);
        var upstream = LayerTestData.Uniform(rows * channels, seed: 43);
        var output = new float[input.Length];
        float[] mean = new float[channels], inverse = new float[channels];
        float[] Forward()
        {
            // Moving statistics are a side effect, not part of the differentiated function.
            if (fast)
            {
                Fast.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, new float[channels], new float[channels], 0.99f, Epsilon, output, mean, inverse);
            }
            else
            {
                Ref.BatchNormalization.ForwardTraining(rows, channels, input, gamma, beta, new float[channels], new float[channels], 0.99f, Epsilon, output, mean, inverse);
            }
            return output;
        }
        var (numericalInput, numericalGamma, numericalBeta) = Numerical(input, gamma, beta, Forward, upstream);
        Forward();
        float[] inputGradient = new float[input.Length], gammaGradient = new float[channels], betaGradient = new float[channels];
        if (fast)
        {
            Fast.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        else
        {
            Ref.BatchNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        return Compare("BatchNormalization", $"{implementation} rows {rows} channels {channels}", (numericalInput, numericalGamma, numericalBeta), (inputGradient, gammaGradient, betaGradient));
    }

    private static GradientCheckResult[] BatchNormalizationInference(int rows, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(rows * channels, seed: 48, scale: 2f);
        var gamma = LayerTestData.Uniform(channels, seed: 49);
        var beta = LayerTestData.Uniform(channels, seed: 50);
        var movingMean = LayerTestData.Uniform(channels, seed: 51);
        var movingVariance = LayerTestData.Uniform(channels, seed: 52).Select(v => 0.5f + Math.Abs(v)).ToArray();
        var upstream = LayerTestData.Uniform(rows * channels, seed: 53);
        var output = new float[input.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, Epsilon, output);
            }
            else
            {
                Ref.BatchNormalization.ForwardInference(rows, channels, input, gamma, beta, movingMean, movingVariance, Epsilon, output);
            }
            return output;
        }
        var (numericalInput, numericalGamma, numericalBeta) = Numerical(input, gamma, beta, Forward, upstream);
        float[] inputGradient = new float[input.Length], gammaGradient = new float[channels], betaGradient = new float[channels];
        if (fast)
        {
            Fast.BatchNormalization.BackwardInference(rows, channels, input, gamma, movingMean, movingVariance, Epsilon, upstream, inputGradient, gammaGradient, betaGradient);
        }
        else
        {
            Ref.BatchNormalization.BackwardInference(rows, channels, input, gamma, movingMean, movingVariance, Epsilon, upstream, inputGradient, gammaGradient, betaGradient);
        }
        return Compare("BatchNormalization (inference)", $"{implementation} rows {rows} channels {channels}", (numericalInput, numericalGamma, numericalBeta), (inputGradient, gammaGradient, betaGradient));
    }

    private static GradientCheckResult[] LayerNormalization(int rows, int channels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(rows * channels, seed: 44, scale: 2f);
        var gamma = LayerTestData.Uniform(channels, seed: 45);
        var beta = LayerTestData.Uniform(channels, seed: 46);
        var upstream = LayerTestData.Uniform(rows * channels, seed: 47);
        var output = new float[input.Length];
        float[] mean = new float[rows], inverse = new float[rows];
        float[] Forward()
        {
            if (fast)
            {
                Fast.LayerNormalization.Forward(rows, channels, input, gamma, beta, Epsilon, output, mean, inverse);
            }
            else
            {
                Ref.LayerNormalization.Forward(rows, channels, input, gamma, beta, Epsilon, output, mean, inverse);
            }
            return output;
        }
        var (numericalInput, numericalGamma, numericalBeta) = Numerical(input, gamma, beta, Forward, upstream);
        Forward();
        float[] inputGradient = new float[input.Length], gammaGradient = new float[channels], betaGradient = new float[channels];
        if (fast)
        {
            Fast.LayerNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        else
        {
            Ref.LayerNormalization.Backward(rows, channels, input, gamma, mean, inverse, upstream, inputGradient, gammaGradient, betaGradient);
        }
        return Compare("LayerNormalization", $"{implementation} rows {rows} channels {channels}", (numericalInput, numericalGamma, numericalBeta), (inputGradient, gammaGradient, betaGradient));
    }

    private static (double[] Input, double[] Gamma, double[] Beta) Numerical(float[] input, float[] gamma, float[] beta, Func<float[]> forward, float[] upstream) =>
        (GradientCheck.Numerical(input, forward, upstream, GradientCheck.SmoothStep),
         GradientCheck.Numerical(gamma, forward, upstream, GradientCheck.SmoothStep),
         GradientCheck.Numerical(beta, forward, upstream, GradientCheck.SmoothStep));

    private static GradientCheckResult[] Compare(string layer, string @case, (double[] Input, double[] Gamma, double[] Beta) numerical, (float[] Input, float[] Gamma, float[] Beta) analytic) =>
    [
        GradientCheck.Compare($"{layer} ∂input", @case, numerical.Input, analytic.Input, InputTolerance),
        GradientCheck.Compare($"{layer} ∂gamma", @case, numerical.Gamma, analytic.Gamma, ParameterTolerance),
        GradientCheck.Compare($"{layer} ∂beta", @case, numerical.Beta, analytic.Beta, ParameterTolerance),
    ];
}
