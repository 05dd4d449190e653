using Generated.Kernels;
using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>
/// Predict's batch-1 plan (direct convolutions with the 2x2 max pool in their store, generated PredictSampleCore):
/// one sample at a time against PyTorch and against the batched GEMM plan, at every vector width, split across threads
/// or not, following weight changes, allocation-free on every thread.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class BatchOnePlanTests
{
    /// <summary>The M1 and M2 networks with the fixtures' formula weights, and fixture models whose Conv2D layers take the plan or not.</summary>
    private static readonly Dictionary<string, Func<INetwork>> Networks = new()
    {
        [nameof(MnistConvnet)] = () => Filled(new MnistConvnet()),
        [nameof(TutorialCnn)] = () => Filled(new TutorialCnn()),
        [nameof(UNet)] = () => Loaded(new UNet()),
        [nameof(ResidualBlock)] = () => Loaded(new ResidualBlock()),
        [nameof(MaxUnpooling)] = () => Loaded(new MaxUnpooling()),
    };

    public static TheoryData<string> Models => new(Networks.Keys);

    [Theory]
    [MemberData(nameof(Models))]
    public void One_sample_at_a_time_matches_pytorch_and_the_batched_plan_at_every_width(string model)
    {
        var expected = Fixture.Expected(model);
        var input = expected.Get("input");
        var reference = expected.Get("output");
        foreach (var width in KernelOptionsScope.Widths)
        {
            using var settings = new KernelOptionsScope(width: width);
            var network = Networks[model]();
            var batched = new float[reference.Length];
            Predict(network, input, batched);
            var samples = input.Length / InputSize(network);
            var outputSize = reference.Length / samples;
            var single = new float[reference.Length];
            for (var s = 0; s < samples; s++)
            {
                Predict(network, input.AsSpan(s * InputSize(network), InputSize(network)), single.AsSpan(s * outputSize, outputSize));
            }
            Fixture.AssertClose(reference, single, $"{model} one at a time at {width} bits");
            Fixture.AssertClose(batched, single, $"{model} one at a time vs batched at {width} bits", 1e-5, 1e-4);
        }
    }

    [Fact]
    public void Splitting_one_sample_across_threads_gives_the_same_bits()
    {
        foreach (var model in new[] { nameof(MnistConvnet), nameof(TutorialCnn) })
        {
            var network = Networks[model]();
            var input = Fixture.Expected(model).Get("input").AsSpan(0, InputSize(network)).ToArray();
            var alone = new float[OutputSize(network)];
            var split = new float[OutputSize(network)];
            using (new KernelOptionsScope(threads: 1, split: false))
            {
                Predict(network, input, alone);
            }
            using (new KernelOptionsScope(threads: 2, split: true))
            {
                for (var repeat = 0; repeat < 5; repeat++)
                {
                    Predict(network, input, split);
                    Assert.Equal(alone, split);
                }
            }
        }
    }

    [Fact]
    public void The_batch_one_plan_follows_weight_changes()
    {
        var network = new MnistConvnet(3);
        var input = Fixture.Expected(nameof(MnistConvnet)).Get("input").AsSpan(0, MnistConvnet.InputSize).ToArray();
        var before = network.Predict(input);
        // Writing through a span kept from an earlier get is invisible until MarkWeightsChanged.
        var weights = network.TrainableParameters;
        for (var i = 0; i < 288; i++)
        {
            weights[i] *= -1f;
        }
        network.MarkWeightsChanged();
        var after = network.Predict(input);
        Assert.NotEqual(before, after);
        var fresh = new MnistConvnet(3);
        weights.CopyTo(fresh.TrainableParameters);
        Assert.Equal(fresh.Predict(input), after);
        // And the batched plan sees the same weights.
        var twice = network.Predict([.. input, .. input]);
        Fixture.AssertClose(after, twice.AsSpan(0, MnistConvnet.OutputSize), "batched after the change", 1e-5, 1e-4);
    }

    [Fact]
    public void Batch_one_allocates_nothing_on_any_thread_split_or_not()
    {
        var mnist = new MnistConvnet(1);
        var tutorial = new TutorialCnn(2);
        var mnistInput = Fixture.Expected(nameof(MnistConvnet)).Get("input").AsSpan(0, MnistConvnet.InputSize).ToArray();
        var tutorialInput = Fixture.Expected(nameof(TutorialCnn)).Get("input").AsSpan(0, TutorialCnn.InputSize).ToArray();
        var mnistOutput = new float[MnistConvnet.OutputSize];
        var tutorialOutput = new float[TutorialCnn.OutputSize];
        foreach (var split in new[] { false, true })
        {
            using var settings = new KernelOptionsScope(threads: 2, split: split);
            AllocationMeter.AssertNoneInProcess(() =>
            {
                mnist.Predict(mnistInput, mnistOutput);
                tutorial.Predict(tutorialInput, tutorialOutput);
            });
        }
    }

    private static INetwork Filled(INetwork network)
    {
        FormulaWeights.Fill(network);
        return network;
    }

    private static INetwork Loaded(INetwork network)
    {
        network.LoadWeights(Fixture.Weights(network.GetType().Name));
        return network;
    }

    private static int InputSize(INetwork network) => network.InputShape.Size;

    private static int OutputSize(INetwork network) => network.OutputShape.Size;

    private static void Predict(INetwork network, ReadOnlySpan<float> input, Span<float> output)
    {
        switch (network)
        {
            case MnistConvnet m:
                m.Predict(input, output);
                break;
            case TutorialCnn t:
                t.Predict(input, output);
                break;
            case UNet u:
                u.Predict(input, output);
                break;
            case ResidualBlock r:
                r.Predict(input, output);
                break;
            case MaxUnpooling p:
                p.Predict(input, output);
                break;
            default:
                throw new ArgumentException($"no Predict for {network.GetType().Name}", nameof(network));
        }
    }
}
