using Generated.Runtime.Tests.Common;
using Fast = Generated.Kernels;
using Ref = Generated.Kernels.Reference;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>
/// The backward passes the generator emits for Add (the upstream gradient copied to every input), Concatenate
/// (<c>Merge.SliceChannels</c> at each input's channel offset) and Dropout (<c>Dropout.Backward</c> with the forward's
/// mask), both twins, against central finite differences of the forward kernels. All three are linear in each
/// input (<see cref="GradientCheck.LinearStep"/>); Dropout re-seeds its generator for every forward so the mask
/// is the same fixed mask the backward uses. Gradients are upstream values in [-1, 1], possibly scaled by
/// <c>1/(1 - rate)</c>: the floor is 0.1. The only error
/// is float rounding (measured at most a few 1e-6), hence 5e-5.
/// </summary>
public class MergeAndDropoutGradientTests
{
    private static readonly GradientTolerance Tolerance = new(5e-5, 0.1);

    /// <summary>Pixels and the channels of the two inputs.</summary>
    public static TheoryData<int, int, int, Implementation> MergeShapes()
    {
        var data = new TheoryData<int, int, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(1, 1, 1, implementation);
            data.Add(7, 3, 5, implementation);
            data.Add(5, 17, 9, implementation);
        }
        return data;
    }

    /// <summary>Rate and length.</summary>
    public static TheoryData<float, int, Implementation> DropoutCases()
    {
        var data = new TheoryData<float, int, Implementation>();
        foreach (var implementation in Enum.GetValues<Implementation>())
        {
            data.Add(0f, 9, implementation);
            data.Add(0.5f, 37, implementation);
            data.Add(0.3f, 41, implementation);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MergeShapes))]
    public void Add_backward_matches_finite_differences(int pixels, int firstChannels, int secondChannels, Implementation implementation) =>
        Add(pixels * (firstChannels + secondChannels), implementation);

    [Theory]
    [MemberData(nameof(MergeShapes))]
    public void Concatenate_backward_matches_finite_differences(int pixels, int firstChannels, int secondChannels, Implementation implementation) =>
        Concatenate(pixels, firstChannels, secondChannels, implementation);

    [Theory]
    [MemberData(nameof(DropoutCases))]
    public void Dropout_backward_matches_finite_differences(float rate, int length, Implementation implementation) =>
        Dropout(rate, length, implementation);

    /// <summary>Every case above, for the report.</summary>
    public static IEnumerable<GradientCheckResult> All() =>
        MergeShapes().SelectMany(row => Add((int)row[0] * ((int)row[1] + (int)row[2]), (Implementation)row[3])
                .Concat(Concatenate((int)row[0], (int)row[1], (int)row[2], (Implementation)row[3])))
            .Concat(DropoutCases().Select(row => Dropout((float)row[0], (int)row[1], (Implementation)row[2])));

    private static GradientCheckResult[] Add(int length, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var a = LayerTestData.Uniform(length, seed: 80);
        var b = LayerTestData.Uniform(length, seed: 81);
        var upstream = LayerTestData.Uniform(length, seed: 82);
        var output = new float[length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.Merge.Add(a, b, output);
            }
            else
            {
                Ref.Merge.Add(a, b, output);
            }
            return output;
        }
        // The generated backward: the first reader copies dY, a second reader of the same tensor adds dY into it.
        var firstGradient = (float[])upstream.Clone();
        var secondGradient = new float[length];
        if (fast)
        {
            Fast.Merge.Add(secondGradient, upstream, secondGradient);
        }
        else
        {
            Ref.Merge.Add(secondGradient, upstream, secondGradient);
        }
        var @case = $"{implementation} length {length}";
        return
        [
            GradientCheck.Compare("Add ∂first", @case, GradientCheck.Numerical(a, Forward, upstream, GradientCheck.LinearStep), firstGradient, Tolerance),
            GradientCheck.Compare("Add ∂second", @case, GradientCheck.Numerical(b, Forward, upstream, GradientCheck.LinearStep), secondGradient, Tolerance),
        ];
    }

    private static GradientCheckResult[] Concatenate(int pixels, int firstChannels, int secondChannels, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var outputChannels = firstChannels + secondChannels;
        var first = LayerTestData.Uniform(pixels * firstChannels, seed: 83);
        var second = LayerTestData.Uniform(pixels * secondChannels, seed: 84);
        var upstream = LayerTestData.Uniform(pixels * outputChannels, seed: 85);
        var output = new float[upstream.Length];
        float[] Forward()
        {
            if (fast)
            {
                Fast.Merge.CopyChannels(pixels, first, firstChannels, output, outputChannels, 0);
                Fast.Merge.CopyChannels(pixels, second, secondChannels, output, outputChannels, firstChannels);
            }
            else
            {
                Ref.Merge.CopyChannels(pixels, first, firstChannels, output, outputChannels, 0);
                Ref.Merge.CopyChannels(pixels, second, secondChannels, output, outputChannels, firstChannels);
            }
            return output;
        }
        float[] firstGradient = new float[first.Length], secondGradient = new float[second.Length];
        if (fast)
        {
            Fast.Merge.SliceChannels(pixels, upstream, outputChannels, 0, firstGradient, firstChannels);
            Fast.Merge.SliceChannels(pixels, upstream, outputChannels, firstChannels, secondGradient, secondChannels);
        }
        else
        {
            Ref.Merge.SliceChannels(pixels, upstream, outputChannels, 0, firstGradient, firstChannels);
            Ref.Merge.SliceChannels(pixels, upstream, outputChannels, firstChannels, secondGradient, secondChannels);
        }
        var @case = $"{implementation} pixels {pixels} channels {firstChannels} + {secondChannels}";
        return
        [
            GradientCheck.Compare("Concatenate ∂first", @case, GradientCheck.Numerical(first, Forward, upstream, GradientCheck.LinearStep), firstGradient, Tolerance),
            GradientCheck.Compare("Concatenate ∂second", @case, GradientCheck.Numerical(second, Forward, upstream, GradientCheck.LinearStep), secondGradient, Tolerance),
        ];
    }

    private static GradientCheckResult Dropout(float rate, int length, Implementation implementation)
    {
        var fast = implementation == Implementation.Fast;
        var input = LayerTestData.Uniform(length, seed: 86);
        var upstream = LayerTestData.Uniform(length, seed: 87);
        float[] mask = new float[length], output = new float[length];
        float[] Forward()
        {
            var random = new SeededRandom(7);
            if (fast)
            {
                Fast.Dropout.Forward(rate, ref random, input, mask, output);
            }
            else
            {
                Ref.Dropout.Forward(rate, ref random, input, mask, output);
            }
            return output;
        }
        var numerical = GradientCheck.Numerical(input, Forward, upstream, GradientCheck.LinearStep);
        Forward();
        var gradient = new float[length];
        if (fast)
        {
            Fast.Dropout.Backward(mask, upstream, gradient);
        }
        else
        {
            Ref.Dropout.Backward(mask, upstream, gradient);
        }
        return GradientCheck.Compare("Dropout ∂input", $"{implementation} rate {rate} length {length}", numerical, gradient, Tolerance);
    }
}
