using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>
/// Predict reads copies of the Conv2D and Dense kernels packed once per weight change. Every way the network sees
/// weights change must re-pack them (optimizer steps, LoadWeights, writes through a freshly got TrainableParameters,
/// MarkWeightsChanged); <c>Forward(training: false)</c>, which packs on every call, is the reference.
/// </summary>
public class PackedWeightsTests
{
    private static float[] RandomInput(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>Asserts that Predict gives what an unpacked forward pass gives from the current weights.</summary>
    private static void AssertPredictSeesCurrentWeights(MnistConvnet network, float[] input, string when)
    {
        var expected = network.Forward(input, training: false).ToArray();
        var actual = network.Predict(input);
        Fixture.AssertClose(expected, actual, when, 1e-6, 1e-5);
    }

    [Fact]
    public void Writes_through_trainable_parameters_got_after_predict_are_seen()
    {
        var network = new MnistConvnet(1);
        var input = RandomInput(3 * MnistConvnet.InputSize, 2);
        var before = network.Predict(input);
        network.TrainableParameters.Slice(MnistConvnet.TrainableParameterCount - 10, 10).Fill(3f); // dense.bias
        network.TrainableParameters[0] += 0.5f; // conv2d.kernel
        var after = network.Predict(input);
        Assert.NotEqual(before, after);
        AssertPredictSeesCurrentWeights(network, input, "after writing weights");
    }

    [Fact]
    public void Optimizer_steps_are_seen()
    {
        var network = new MnistConvnet(3);
        var input = RandomInput(4 * MnistConvnet.InputSize, 4);
        var targets = new float[4 * MnistConvnet.OutputSize];
        for (var s = 0; s < 4; s++)
        {
            targets[s * MnistConvnet.OutputSize + s] = 1f;
        }
        var trainer = network.Compile(new Adam(learningRate: 0.05f), Loss.CategoricalCrossentropy);
        var before = network.Predict(input);
        trainer.TrainStep(input, targets);
        Assert.NotEqual(before, network.Predict(input));
        AssertPredictSeesCurrentWeights(network, input, "after a training step");
        trainer.TrainStep(input, targets);
        AssertPredictSeesCurrentWeights(network, input, "after a second training step");
    }

    [Fact]
    public void Loading_weights_is_seen()
    {
        var source = new MnistConvnet(5);
        var target = new MnistConvnet(6);
        var input = RandomInput(2 * MnistConvnet.InputSize, 7);
        var expected = source.Predict(input);
        Assert.NotEqual(expected, target.Predict(input)); // packs target's own weights first
        using var file = new MemoryStream();
        source.SaveWeights(file);
        file.Position = 0;
        target.LoadWeights(file);
        Assert.Equal(expected, target.Predict(input));
    }

    [Fact]
    public void A_span_kept_across_predict_needs_mark_weights_changed()
    {
        var network = new MnistConvnet(8);
        var input = RandomInput(2 * MnistConvnet.InputSize, 9);
        var weights = network.TrainableParameters;
        var before = network.Predict(input);

        // The documented rule: a write through a span got before the last Predict is not seen...
        weights.Slice(MnistConvnet.TrainableParameterCount - 10, 10).Fill(2f);
        Assert.Equal(before, network.Predict(input));

        // ...until the network is told.
        network.MarkWeightsChanged();
        Assert.NotEqual(before, network.Predict(input));
        AssertPredictSeesCurrentWeights(network, input, "after MarkWeightsChanged");
    }

    [Fact]
    public void Restoring_the_best_weights_is_seen()
    {
        var network = new MnistConvnet(10);
        var input = RandomInput(8 * MnistConvnet.InputSize, 11);
        var targets = new float[8 * MnistConvnet.OutputSize];
        for (var s = 0; s < 8; s++)
        {
            targets[s * MnistConvnet.OutputSize + s % MnistConvnet.OutputSize] = 1f;
        }
        // After every epoch the callback below spoils the weights (a dense bias that favours class 0) and has Predict
        // pack them; the next epoch's loss is then worse, so EarlyStopping stops and restores epoch 1's weights.
        var trainer = network.Compile(new SGD(learningRate: 0.01f), Loss.CategoricalCrossentropy);
        var stopping = new EarlyStopping(monitor: "loss", patience: 1, restoreBestWeights: true);
        var spoiler = new SpoilAndPredictAfterEachEpoch(network, input);
        trainer.Fit(input, targets, epochs: 6, batchSize: 8, verbose: 0, shuffle: false, callbacks: [stopping, spoiler]);
        Assert.Equal(0, stopping.BestEpoch);
        Assert.Equal(1, stopping.StoppedEpoch);
        var restored = network.Forward(input, training: false).ToArray();
        Assert.NotEqual(spoiler.LastPrediction, restored);
        AssertPredictSeesCurrentWeights(network, input, "after EarlyStopping restored the best weights");
    }

    /// <summary>At every epoch's end writes a large bias for class 0 and runs Predict, so its packed copies hold the spoilt weights.</summary>
    private sealed class SpoilAndPredictAfterEachEpoch(MnistConvnet network, float[] input) : Callback
    {
        public float[] LastPrediction { get; private set; } = [];

        public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
        {
            network.TrainableParameters[MnistConvnet.TrainableParameterCount - MnistConvnet.OutputSize] = 50f; // dense.bias[0]
            LastPrediction = network.Predict(input);
        }
    }
}
