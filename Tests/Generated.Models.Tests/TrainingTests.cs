using Generated.Tests;
namespace Generated.Models.Tests;

/// <summary>Forward/Backward beyond the PyTorch fixtures: modes, errors, accumulation, allocation, batch growth.</summary>
public class TrainingTests
{
    private static float[] RandomInput(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void Inference_forward_equals_predict()
    {
        var network = new MnistConvnet(2);
        var input = RandomInput(3 * MnistConvnet.InputSize, 1);
        Fixture.AssertClose(network.Predict(input), network.Forward(input, training: false), "Forward(training: false)", 1e-6, 1e-5);
    }

    [Fact]
    public void Dropout_is_active_only_in_training_and_seeded()
    {
        var input = RandomInput(4 * DropoutNet.InputSize, 2);
        var a = new DropoutNet(9);
        var b = new DropoutNet(9);
        var inference = a.Predict(input);
        var trainingA = a.Forward(input, training: true).ToArray();
        var trainingB = b.Forward(input, training: true).ToArray();
        Assert.Equal(trainingA, trainingB);
        Assert.False(inference.AsSpan().SequenceEqual(trainingA));
        Assert.False(a.Forward(input, training: true).SequenceEqual(trainingA)); // a new mask per step
    }

    [Fact]
    public void Backward_matches_finite_differences_in_inference_mode()
    {
        // Dropout off: Forward(training: false) is a deterministic function whose gradient we can probe.
        var network = new DropoutNet(4);
        var input = RandomInput(2 * DropoutNet.InputSize, 3);
        var g = RandomInput(2 * DropoutNet.OutputSize, 5);
        network.Forward(input, training: false);
        var analytic = network.Backward(g).ToArray();
        double Loss(float[] x)
        {
            var y = network.Predict(x);
            return y.Select((v, i) => (double)v * g[i]).Sum();
        }
        const float h = 1e-2f;
        for (var i = 0; i < input.Length; i += 3)
        {
            var plus = (float[])input.Clone();
            var minus = (float[])input.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            // float32 outputs of order 1: central differences with h = 1e-2 are good to ~1e-3 (ReLU kinks aside, none are this close).
            Assert.True(Math.Abs(numeric - analytic[i]) < 2e-3, $"dInput[{i}]: numeric {numeric}, analytic {analytic[i]}");
        }
    }

    [Fact]
    public void Backward_errors_are_clear()
    {
        var network = new ResidualBlock();
        var error = Assert.Throws<InvalidOperationException>(() => network.Backward(new float[4]));
        Assert.Contains("Forward", error.Message);
        network.Forward(new float[2 * ResidualBlock.InputSize], training: true);
        var wrong = Assert.Throws<ArgumentException>(() => network.Backward(new float[4]));
        Assert.Contains("outputGradient has 4 floats", wrong.Message);
        Assert.Contains("needs 8", wrong.Message);
    }

    [Fact]
    public void Backward_through_batch_normalization_in_inference_mode_matches_finite_differences()
    {
        // Keras' training=False inside a trained model (a frozen discriminator, fine-tuning): the moving statistics are
        // constants, and both the input and gamma/beta receive gradients. Predict is the same inference-mode function.
        INetwork network = new Normalized(5);
        var input = RandomInput(3 * Normalized.InputSize, 6);
        var g = RandomInput(3 * Normalized.OutputSize, 7);
        network.Forward(input, training: false);
        var inputGradient = network.Backward(g).ToArray();
        var parameterGradient = network.Gradients.ToArray();
        double Loss(float[] x)
        {
            var y = new float[g.Length];
            network.Predict(x, y);
            return y.Select((v, i) => (double)v * g[i]).Sum();
        }
        const float h = 1e-2f;
        for (var i = 0; i < input.Length; i += 5)
        {
            float[] plus = (float[])input.Clone(), minus = (float[])input.Clone();
            plus[i] += h;
            minus[i] -= h;
            var numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - inputGradient[i]) < 2e-3, $"dInput[{i}]: numeric {numeric}, analytic {inputGradient[i]}");
        }
        // batch_normalization.gamma and .beta follow the 3x3x3x4 convolution kernel (no bias) in the trainable buffer. Each
        // moves 48 pre-activations of the LeakyReLU after it at once, so a smaller step keeps them all off its kink.
        const float parameterStep = 1e-3f;
        for (var p = 108; p < 116; p++)
        {
            var saved = network.TrainableParameters[p];
            network.TrainableParameters[p] = saved + parameterStep;
            var plus = Loss(input);
            network.TrainableParameters[p] = saved - parameterStep;
            var minus = Loss(input);
            network.TrainableParameters[p] = saved;
            var numeric = (plus - minus) / (2 * parameterStep);
            Assert.True(Math.Abs(numeric - parameterGradient[p]) < 2e-3, $"parameter {p}: numeric {numeric}, analytic {parameterGradient[p]}");
        }
        Assert.Contains(parameterGradient.AsSpan(108, 8).ToArray(), v => Math.Abs(v) > 1e-3);
    }

    [Fact]
    public void Backward_adds_to_the_gradients()
    {
        var network = new UNet(3);
        var input = RandomInput(2 * UNet.InputSize, 6);
        var g = RandomInput(2 * UNet.OutputSize, 7);
        network.Forward(input, training: true);
        network.Backward(g);
        var once = network.Gradients.ToArray();
        network.Backward(g);
        Fixture.AssertClose(once.Select(v => 2 * v).ToArray(), network.Gradients, "gradients after two Backward calls", 1e-6, 1e-5);
        Assert.Contains(once, v => v != 0);
    }

    [Fact]
    public void Forward_and_backward_allocate_nothing_after_warm_up()
    {
        var network = new Normalized(1);
        var input = RandomInput(16 * Normalized.InputSize, 8);
        var g = RandomInput(16 * Normalized.OutputSize, 9);
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            network.Forward(input, training: true);
            network.Backward(g);
            network.Forward(input.AsSpan(0, 4 * Normalized.InputSize), training: true); // smaller batches reuse the buffers
            network.Backward(g.AsSpan(0, 4 * Normalized.OutputSize));
        });
    }

    [Fact]
    public void Buffers_grow_with_the_batch_and_results_stay_right()
    {
        var network = new SameStrided(5);
        foreach (var samples in new[] { 2, 5, 1, 5 })
        {
            var input = RandomInput(samples * SameStrided.InputSize, samples);
            Fixture.AssertClose(network.Predict(input), network.Forward(input, training: true), $"batch {samples}", 1e-6, 1e-5);
        }
    }
}
