using Generated.IO;
using Generated.Training;

namespace Generated.Models.Tests;

[Network(6, 6, 2)]
[Conv2D(4, 3, Activation = Activation.Relu)]
[BatchNormalization(Trainable = false)]
[Flatten]
[Dense(6, Activation = Activation.Tanh, Trainable = false)]
[Dense(3)]
public partial class PartlyFrozen;

[Network(6, 6, 2)]
[Conv2D(4, 3, Activation = Activation.Relu)]
[BatchNormalization]
[Flatten]
[Dense(6, Activation = Activation.Tanh)]
[Dense(3)]
public partial class NothingFrozen;

[Network(6, 6, 2)]
[Conv2D(4, 3, Activation = Activation.Relu)]
[BatchNormalization]
[Flatten]
[Dense(6, Activation = Activation.Tanh)]
[Dense(5)]
public partial class NewHead;

/// <summary>Keras' <c>trainable</c>: frozen layers keep their weights, pass gradients on, count as non-trainable; partial loading.</summary>
public sealed class TransferLearningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("generated-transfer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static float[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void Summary_counts_frozen_weights_as_non_trainable_as_keras_does()
    {
        // conv 4*3*3*2+4 = 76; batch normalization 4 gamma + 4 beta (frozen) + 8 moving; dense 64*6+6 = 390 (frozen); dense_1 21.
        Assert.Equal(76 + 16 + 390 + 21, PartlyFrozen.ParameterCount);
        Assert.Contains("Trainable params: 97\n", PartlyFrozen.Summary);
        Assert.Contains("Non-trainable params: 406\n", PartlyFrozen.Summary);
        Assert.Contains("Trainable params: 495\n", NothingFrozen.Summary);
        // The buffer layout does not depend on freezing.
        Assert.Equal(NothingFrozen.TrainableParameterCount, PartlyFrozen.TrainableParameterCount);
    }

    [Fact]
    public void Trainable_flags_come_from_the_attributes_and_change_at_run_time()
    {
        var network = new PartlyFrozen();
        Assert.True(network.IsTrainable("conv2d"));
        Assert.False(network.IsTrainable("batch_normalization"));
        Assert.False(network.IsTrainable("dense"));
        network.SetTrainable("dense", true);
        Assert.True(network.IsTrainable("dense"));
        var error = Assert.Throws<ArgumentException>(() => network.SetTrainable("dense_7", false));
        Assert.Contains("conv2d, batch_normalization, flatten, dense, dense_1", error.Message);
    }

    /// <summary>
    /// One SGD step with a frozen middle: the frozen tensors do not move, and every other tensor moves exactly as in the same
    /// network with nothing frozen (gradients still flow through the frozen Dense to the convolution), once batch
    /// normalization is in inference mode in both.
    /// </summary>
    [Fact]
    public void Frozen_layers_keep_their_weights_and_the_rest_trains_as_without_freezing()
    {
        var x = Values(8 * PartlyFrozen.InputSize, 1);
        var y = Values(8 * 3, 2);
        var frozen = new PartlyFrozen(5);
        var reference = new NothingFrozen(5);
        var movingMean = frozen.BatchNormalizationMovingMean.Span.ToArray();
        // Both normalize with their moving statistics: freezing batch normalization means inference mode, as in Keras 2.1+.
        reference.SetTrainable("batch_normalization", false);
        var frozenTrainer = frozen.Compile(new SGD(0.1f, momentum: 0.9f) { WeightDecay = 0.01f }, Loss.MeanSquaredError);
        var referenceTrainer = reference.Compile(new SGD(0.1f, momentum: 0.9f) { WeightDecay = 0.01f }, Loss.MeanSquaredError);
        var before = frozen.ParameterTensors.Select(t => t.Span.ToArray()).ToArray();

        // One step: the reference's Dense then still has the frozen one's weights, so the gradient reaching the convolution is the same.
        frozenTrainer.TrainStep(x, y);
        referenceTrainer.TrainStep(x, y);
        var trainedOnce = frozen.ParameterTensors.Select(t => t.Span.ToArray()).ToArray();
        for (var i = 0; i < before.Length; i++)
        {
            if (!IsFrozen(frozen.ParameterTensors[i]))
            {
                Fixture.AssertClose(reference.ParameterTensors[i].Span, trainedOnce[i], frozen.ParameterTensors[i].Name, 1e-6, 1e-5);
            }
        }
        // More steps, with momentum and weight decay: frozen tensors still do not move.
        frozenTrainer.TrainStep(x, y);
        frozenTrainer.TrainStep(x, y);

        for (var i = 0; i < before.Length; i++)
        {
            var tensor = frozen.ParameterTensors[i];
            if (IsFrozen(tensor))
            {
                Assert.True(before[i].AsSpan().SequenceEqual(tensor.Span), tensor.Name + " is frozen but moved");
            }
            else
            {
                Assert.False(before[i].AsSpan().SequenceEqual(tensor.Span), tensor.Name + " did not train");
            }
        }
        Assert.Equal(movingMean, frozen.BatchNormalizationMovingMean.Span.ToArray());
    }

    private static bool IsFrozen(ParameterView tensor) => tensor.Name.StartsWith("batch_normalization.", StringComparison.Ordinal) || tensor.Name.StartsWith("dense.", StringComparison.Ordinal);

    [Fact]
    public void Frozen_batch_normalization_uses_moving_statistics_while_training()
    {
        var network = new PartlyFrozen(2);
        var x = Values(4 * PartlyFrozen.InputSize, 3);
        var inference = network.Forward(x, training: false).ToArray();
        Assert.Equal(inference, network.Forward(x, training: true).ToArray());
        network.SetTrainable("batch_normalization", true);
        Assert.NotEqual(inference, network.Forward(x, training: true).ToArray());
    }

    /// <summary>A training step skips the backward work of layers with nothing trainable in or before them, so their gradients stay zero.</summary>
    [Fact]
    public void Accumulate_gradients_skips_layers_with_nothing_trainable_upstream_but_backward_computes_all()
    {
        var network = new NothingFrozen(2);
        var x = Values(4 * NothingFrozen.InputSize, 3);
        var outputGradient = Values(4 * 3, 4);
        network.SetTrainable("conv2d", false);
        network.SetTrainable("batch_normalization", false);
        network.Forward(x, training: true);
        network.Gradients.Clear();
        network.AccumulateGradients(outputGradient);
        var convolution = network.ParameterTensors.Where(t => t.Trainable).Take(2).Sum(t => t.Length) + 8; // conv2d kernel, bias, gamma, beta
        Assert.All(network.Gradients[..convolution].ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(network.Gradients[convolution..].ToArray(), g => g != 0f);

        var all = new NothingFrozen(2);
        all.SetTrainable("batch_normalization", false);
        all.Forward(x, training: true);
        var frozenInputGradient = network.Backward(outputGradient).ToArray();
        Fixture.AssertClose(all.Backward(outputGradient), frozenInputGradient, "input gradient", 1e-6, 1e-5);
    }

    [Fact]
    public void Non_strict_load_takes_the_body_and_reports_the_new_head()
    {
        var trained = new NothingFrozen(7);
        var path = Path.Combine(_directory, "body.safetensors");
        trained.SaveWeights(path);

        var network = new NewHead(1);
        var head = network.Dense1Kernel.Span.ToArray();
        Assert.Throws<WeightFileException>(() => network.LoadWeights(path));
        var report = network.LoadWeights(path, strict: false);
        Assert.Equal(8, report.Loaded.Count); // conv2d (2), batch_normalization (4), dense (2)
        Assert.Equal(new[] { "'dense_1.kernel' has shape [6, 3]; expected [6, 5].", "'dense_1.bias' has shape [3]; expected [5]." }, report.ShapeMismatches);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Equal(trained.Conv2dKernel.Span.ToArray(), network.Conv2dKernel.Span.ToArray());
        Assert.Equal(trained.BatchNormalizationMovingVariance.Span.ToArray(), network.BatchNormalizationMovingVariance.Span.ToArray());
        Assert.Equal(head, network.Dense1Kernel.Span.ToArray());
    }
}
