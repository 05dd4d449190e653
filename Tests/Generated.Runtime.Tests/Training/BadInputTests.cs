using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class BadInputTests
{
    private const int Features = 3;
    private const int Classes = 2;

    private static (float[] X, int[] Labels) Data(int samples)
    {
        var (x, labels, _) = SyntheticData.Blobs(samples, Features, Classes, seed: 21);
        return (x, labels);
    }

    private static Trainer Compile(Optimizer? optimizer = null) =>
        new TestMlp(Features, 4, Classes, OutputActivation.Softmax).Compile(optimizer ?? new SGD(0.1f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);

    [Fact]
    public void Nan_in_a_batch_names_epoch_step_and_sample()
    {
        var (x, labels) = Data(20);
        x[5 * Features + 1] = float.NaN;
        var trainer = Compile();
        var e = Assert.Throws<NonFiniteTrainingException>(() => trainer.Fit(x, labels, epochs: 3, batchSize: 4, verbose: 0, shuffle: false));
        Assert.Equal((1, 2), (e.Epoch, e.Step));
        Assert.Contains("epoch 1/3, step 2/5", e.Message);
        Assert.Contains("x is NaN at sample 5 of the training data, value 1", e.Message);
    }

    [Fact]
    public void Non_finite_loss_names_epoch_and_step()
    {
        var (x, labels) = Data(20);
        var trainer = Compile();
        var e = Assert.Throws<NonFiniteTrainingException>(() =>
            trainer.Fit(x, labels, epochs: 3, batchSize: 8, verbose: 0, callbacks: [new PoisonWeightsAfterEpoch(0)]));
        Assert.Equal((2, 1), (e.Epoch, e.Step));
        Assert.Contains("The loss is NaN at epoch 2/3, step 1/3", e.Message);
        Assert.Contains("learning rate", e.Message);
    }

    [Fact]
    public void Infinite_target_is_reported_for_train_step_outside_fit()
    {
        var trainer = new TestMlp(Features, 0, 1, OutputActivation.Linear).Compile(new SGD(), Loss.MeanSquaredError);
        var e = Assert.Throws<NonFiniteTrainingException>(() => trainer.TrainStep(new float[2 * Features], [0f, float.PositiveInfinity]));
        Assert.Contains("y is Infinity at sample 1 of the batch, value 0, at optimizer step 1", e.Message);
        Assert.Contains("optimizer step 1", e.Message);
    }

    [Fact]
    public void Overflowing_gradient_with_a_finite_loss_names_the_tensor_and_stops_fit()
    {
        // out is about 0.5 * 2.8e19 = 1.4e19 (the first step barely moves the weight), so the squared error, about 1.9e38, still fits a float, but the kernel's gradient
        // 2 * out * x, about 7.8e38, does not: only the gradient check can catch it.
        var network = new TestMlp(Features, 0, 1, OutputActivation.Linear);
        var parameters = network.TrainableParameters;
        parameters.Clear();
        parameters[0] = 0.5f;
        network.MarkWeightsChanged();
        var trainer = network.Compile(new SGD(), Loss.MeanSquaredError);
        float[] x = [1f, 0f, 0f, 2.8e19f, 0f, 0f];
        var e = Assert.Throws<NonFiniteTrainingException>(() => trainer.Fit(x, [0f, 0f], epochs: 2, batchSize: 1, verbose: 0, shuffle: false));
        Assert.Equal((1, 2), (e.Epoch, e.Step));
        Assert.Contains("The gradient of dense.kernel[0] is Infinity", e.Message);
        Assert.Matches(@"is Infinity at epoch 1/2, step 2/2 although the loss is \d\.\d+E\+38", e.Message);

        trainer.OnNonFinite = NonFiniteAction.Skip;
        var before = network.TrainableParameters.ToArray();
        Assert.True(float.IsNaN(trainer.TrainStep(x.AsSpan(3), [0f])));
        Assert.Equal(before, network.TrainableParameters.ToArray());
    }

    [Fact]
    public void Skip_leaves_weights_unchanged_for_the_bad_batch_and_counts_it()
    {
        var (x, labels) = Data(20);
        x[5 * Features] = float.PositiveInfinity;
        var trainer = Compile();
        trainer.OnNonFinite = NonFiniteAction.Skip;
        var history = trainer.Fit(x, labels, epochs: 2, batchSize: 4, verbose: 0);
        Assert.Equal([1, 1], history.SkippedSteps);
        Assert.Equal(8, trainer.Optimizer.Iterations);
        Assert.True(float.IsFinite(history["loss"][1]));
        Assert.DoesNotContain(trainer.Network.TrainableParameters.ToArray(), v => !float.IsFinite(v));
    }

    [Fact]
    public void Ignore_lets_nan_through_like_keras()
    {
        var (x, labels) = Data(8);
        x[0] = float.NaN;
        var trainer = Compile();
        trainer.OnNonFinite = NonFiniteAction.Ignore;
        var history = trainer.Fit(x, labels, epochs: 1, batchSize: 8, verbose: 0);
        Assert.True(float.IsNaN(history["loss"][0]));
    }

    [Fact]
    public void Lengths_batch_size_and_arguments_are_checked_with_clear_messages()
    {
        var (x, labels) = Data(10);
        var trainer = Compile();
        Assert.Contains("2 values left over", Assert.Throws<ArgumentException>(() => trainer.Fit(x.AsSpan(0, 29), labels, verbose: 0)).Message);
        Assert.Contains("needs 10 values", Assert.Throws<ArgumentException>(() => trainer.Fit(x, labels.AsSpan(0, 9), verbose: 0)).Message);
        Assert.Contains("batchSize must be at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(x, labels, batchSize: 0, verbose: 0)).Message);
        Assert.Contains("epochs", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(x, labels, epochs: 0, verbose: 0)).Message);
        Assert.Contains("verbose", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(x, labels, verbose: 3)).Message);
        Assert.Contains("[0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(x, labels, validationSplit: 1f, verbose: 0)).Message);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => trainer.Fit(x, labels, validationSplit: 0.2f, validationData: (x, labels), verbose: 0)).Message);
        Assert.Contains("both need at least one", Assert.Throws<ArgumentException>(() => trainer.Fit(x.AsSpan(0, Features), labels.AsSpan(0, 1), validationSplit: 0.5f, verbose: 0)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => trainer.Fit(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty, verbose: 0)).Message);
        Assert.Equal(0, trainer.Optimizer.Iterations);
    }

    [Fact]
    public void Labels_out_of_range_are_rejected_before_training()
    {
        var (x, labels) = Data(10);
        labels[7] = 2;
        var trainer = Compile();
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(x, labels, verbose: 0));
        Assert.Contains("target 7 is 2", e.Message);
        Assert.Equal(0, trainer.Optimizer.Iterations);
    }

    [Fact]
    public void One_hot_targets_for_a_sparse_loss_and_labels_for_a_dense_loss_get_a_hint()
    {
        var (x, labels) = Data(10);
        var oneHot = new float[10 * Classes];
        Assert.Contains("one-hot", Assert.Throws<ArgumentException>(() => Compile().Fit(x, oneHot, verbose: 0)).Message);
        var dense = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new SGD(), Loss.CategoricalCrossentropy);
        Assert.Contains("SparseCategoricalCrossentropy", Assert.Throws<ArgumentException>(() => dense.Fit(x, labels, verbose: 0)).Message);
    }

    [Fact]
    public void Metrics_that_cannot_read_the_targets_are_rejected_at_compile()
    {
        var network = new TestMlp(Features, 0, Classes, OutputActivation.Softmax);
        Assert.Contains("Metric.CategoricalAccuracy", Assert.Throws<ArgumentException>(() => network.Compile(new SGD(), Loss.CategoricalCrossentropy, Metric.SparseCategoricalAccuracy)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => network.Compile(new SGD(), Loss.CategoricalCrossentropy, Metric.Accuracy, Metric.Accuracy)).Message);
    }

    [Fact]
    public void The_final_partial_batch_is_trained()
    {
        var (x, labels) = Data(10);
        var trainer = Compile();
        trainer.Fit(x, labels, epochs: 2, batchSize: 4, verbose: 0);
        Assert.Equal(6, trainer.Optimizer.Iterations);
    }

    private sealed class PoisonWeightsAfterEpoch(int epoch) : Callback
    {
        public override void OnEpochEnd(Trainer trainer, int e, IReadOnlyDictionary<string, float> logs)
        {
            if (e == epoch)
            {
                trainer.Network.TrainableParameters.Fill(float.NaN);
            }
        }
    }
}
