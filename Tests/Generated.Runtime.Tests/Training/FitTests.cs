using System.Globalization;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class FitTests
{
    private const int Features = 6;
    private const int Classes = 4;

    public static TheoryData<string> OptimizerNames() => new(Optimizers.Keys);

    // Learning rates suited to a tiny MLP; Adadelta uses 1.0 (PyTorch's and the paper's) because Keras' 0.001 barely moves in 10 epochs.
    private static readonly Dictionary<string, Func<Optimizer>> Optimizers = new()
    {
        ["sgd"] = () => new SGD(0.1f),
        ["sgd_nesterov"] = () => new SGD(0.05f, momentum: 0.9f, nesterov: true),
        ["adam"] = () => new Adam(0.01f),
        ["adamw"] = () => new AdamW(0.01f),
        ["rmsprop"] = () => new RMSprop(0.01f),
        ["adadelta"] = () => new Adadelta(1f),
    };

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Every_optimizer_learns_a_separable_problem_to_full_accuracy(string name)
    {
        var (x, labels, _) = SyntheticData.Blobs(512, Features, Classes, seed: 1);
        var (xTest, labelsTest, _) = SyntheticData.Blobs(256, Features, Classes, seed: 2);
        var model = new TestMlp(Features, 8, Classes, OutputActivation.Softmax, seed: 3);
        var trainer = model.Compile(Optimizers[name](), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);

        var before = trainer.Evaluate(xTest, labelsTest, verbose: 0);
        var history = trainer.Fit(x, labels, epochs: 10, verbose: 0);
        var (testLoss, testAccuracy) = trainer.Evaluate(xTest, labelsTest, verbose: 0);

        Assert.True(before.Accuracy < 0.7f, $"an untrained model should not already solve it ({before.Accuracy})");
        Assert.True(testAccuracy >= 0.99f, $"{name}: test accuracy {testAccuracy}, loss {testLoss}; history:\n{history}");
        Assert.True(history["accuracy"][^1] >= 0.99f, $"{name}: train accuracy {history["accuracy"][^1]}");
        Assert.True(history["loss"][^1] < history["loss"][0] / 2, $"{name}: loss {history["loss"][0]} -> {history["loss"][^1]}");
    }

    [Fact]
    public void One_hot_targets_with_categorical_crossentropy_and_binary_sigmoid_outputs_train_too()
    {
        var (x, labels, oneHot) = SyntheticData.Blobs(256, Features, Classes, seed: 5);
        var categorical = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new Adam(0.05f), Loss.CategoricalCrossentropy, Metric.Accuracy);
        Assert.True(categorical.Fit(x, oneHot, epochs: 8, verbose: 0)["accuracy"][^1] >= 0.99f);

        // Binary: is the sample in class 0 or 1 (vs 2, 3)? Separable along the first two features.
        var binary = labels.Select(l => l < 2 ? 1f : 0f).ToArray();
        var sigmoid = new TestMlp(Features, 8, 1, OutputActivation.Sigmoid).Compile(new Adam(0.05f), Loss.BinaryCrossentropy, Metric.Accuracy);
        var history = sigmoid.Fit(x, binary, epochs: 8, verbose: 0);
        Assert.True(history["accuracy"][^1] >= 0.99f, history.ToString());

        var logits = new TestMlp(Features, 8, 1, OutputActivation.Linear).Compile(new Adam(0.05f), new BinaryCrossentropy(fromLogits: true), Metric.Accuracy);
        Assert.True(logits.Fit(x, binary, epochs: 8, verbose: 0)["accuracy"][^1] >= 0.99f);
    }

    [Fact]
    public void History_has_keras_keys_one_value_per_epoch_and_validation_split_holds_out_the_last_samples()
    {
        var (x, labels, _) = SyntheticData.Blobs(100, Features, Classes, seed: 7);
        var model = new TestMlp(Features, 8, Classes, OutputActivation.Softmax);
        var trainer = model.Compile(new Adam(0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var history = trainer.Fit(x, labels, epochs: 3, batchSize: 10, verbose: 0, validationSplit: 0.25f);

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.Equal(3, history.Epochs);
        Assert.All(history.Values, values => Assert.Equal(3, values.Count));
        // 75 training samples in batches of 10: 8 steps per epoch, the last one partial.
        Assert.Equal(24, trainer.Optimizer.Iterations);
        // The validation values are those of the last 25 samples, evaluated with the final weights.
        var held = trainer.Evaluate(x.AsSpan(75 * Features), labels.AsSpan(75), batchSize: 10, verbose: 0);
        Assert.Equal(held.Loss, history["val_loss"][^1], 1e-6f);
        Assert.Equal(held.Accuracy, history["val_accuracy"][^1]);
        Assert.Contains("has no 'mae'", Assert.Throws<KeyNotFoundException>(() => history["mae"]).Message);
    }

    [Fact]
    public void Validation_split_rounds_the_training_part_down_like_keras()
    {
        var (x, labels, _) = SyntheticData.Blobs(10, Features, Classes, seed: 7);
        var trainer = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new SGD(), Loss.SparseCategoricalCrossentropy);
        trainer.Fit(x, labels, epochs: 1, batchSize: 2, verbose: 0, validationSplit: 0.25f);
        Assert.Equal(4, trainer.Optimizer.Iterations); // floor(10 * 0.75) = 7 samples -> 4 steps of 2, 2, 2, 1
    }

    [Fact]
    public void Validation_data_accepts_a_tuple_of_integer_labels()
    {
        var (x, labels, _) = SyntheticData.Blobs(64, Features, Classes, seed: 8);
        var (xVal, labelsVal, _) = SyntheticData.Blobs(32, Features, Classes, seed: 9);
        var trainer = new TestMlp(Features, 8, Classes, OutputActivation.Softmax).Compile(new Adam(0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var history = trainer.Fit(x, labels, epochs: 2, verbose: 0, validationData: (xVal, labelsVal));
        Assert.Equal(trainer.Evaluate(xVal, labelsVal, verbose: 0).Loss, history["val_loss"][^1], 1e-6f);
    }

    [Fact]
    public void Same_seed_same_run_and_shuffling_changes_the_batches()
    {
        var (x, labels, _) = SyntheticData.Blobs(64, Features, Classes, seed: 10);
        float[] Run(bool shuffle, int seed)
        {
            var model = new TestMlp(Features, 8, Classes, OutputActivation.Softmax);
            model.Compile(new SGD(0.1f), Loss.SparseCategoricalCrossentropy).Fit(x, labels, epochs: 2, batchSize: 8, verbose: 0, shuffle: shuffle, seed: seed);
            return model.TrainableParameters.ToArray();
        }
        Assert.Equal(Run(true, 1), Run(true, 1));
        Assert.NotEqual(Run(true, 1), Run(true, 2));
        Assert.NotEqual(Run(true, 1), Run(false, 1));
    }

    /// <summary>
    /// Validation labels are a permutation of the true classes, so the better the model fits the training data the worse
    /// val_loss gets: the best epoch is the first, and early stopping must stop after `patience` worse epochs and put the
    /// first epoch's weights (trainable and state) back.
    /// </summary>
    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_weights()
    {
        var (x, labels, _) = SyntheticData.Blobs(256, Features, Classes, seed: 11);
        var (xVal, labelsVal, _) = SyntheticData.Blobs(64, Features, Classes, seed: 12);
        var wrongLabels = labelsVal.Select(l => (l + 1) % Classes).ToArray();
        var model = new TestMlp(Features, 8, Classes, OutputActivation.Softmax);
        var trainer = model.Compile(new Adam(0.02f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var recorder = new WeightRecorder();
        var stopping = new EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true, verbose: 1);
        var output = new StringWriter();

        var history = trainer.Fit(x, labels, epochs: 20, verbose: 0, validationData: (xVal, wrongLabels), callbacks: [recorder, stopping], output: output);

        Assert.Equal(3, history.Epochs);
        Assert.Equal(0, stopping.BestEpoch);
        Assert.Equal(2, stopping.StoppedEpoch);
        Assert.True(history["val_loss"][2] > history["val_loss"][0]);
        Assert.Equal(recorder.Parameters[0], model.TrainableParameters.ToArray());
        Assert.Equal(recorder.State[0], model.State.ToArray());
        Assert.NotEqual(recorder.Parameters[2], model.TrainableParameters.ToArray());
        Assert.Equal(history["val_loss"][0], trainer.Evaluate(xVal, wrongLabels, verbose: 0).Loss, 1e-6f);
        Assert.Equal($"Epoch 3: early stopping{Environment.NewLine}Restoring model weights from the end of the best epoch: 1.{Environment.NewLine}", output.ToString());
    }

    [Fact]
    public void Early_stopping_on_accuracy_maximizes_and_min_delta_counts()
    {
        var stopping = new EarlyStopping(monitor: "accuracy", minDelta: 0.5f, patience: 1);
        var (x, labels, _) = SyntheticData.Blobs(64, Features, Classes, seed: 13);
        var trainer = new TestMlp(Features, 8, Classes, OutputActivation.Softmax).Compile(new Adam(0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
        var history = trainer.Fit(x, labels, epochs: 10, verbose: 0, callbacks: [stopping]);
        // Epoch 1 sets the best; epoch 2 would have to beat it by more than 0.5 accuracy, which it does not (checked first),
        // and patience 1 then stops training after two epochs although ten were asked for.
        Assert.True(history["accuracy"][1] - history["accuracy"][0] <= 0.5f);
        Assert.Equal(2, history.Epochs);
    }

    [Fact]
    public void Monitoring_a_value_that_is_not_logged_is_an_error()
    {
        var (x, labels, _) = SyntheticData.Blobs(16, Features, Classes, seed: 14);
        var trainer = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new SGD(), Loss.SparseCategoricalCrossentropy);
        var e = Assert.Throws<InvalidOperationException>(() => trainer.Fit(x, labels, verbose: 0, callbacks: [new EarlyStopping()]));
        Assert.Contains("'val_loss'", e.Message);
        Assert.Contains("validationSplit", e.Message);
    }

    [Fact]
    public void Model_checkpoint_saves_best_only_with_keras_placeholders()
    {
        var (x, labels, _) = SyntheticData.Blobs(128, Features, Classes, seed: 15);
        var (xVal, labelsVal, _) = SyntheticData.Blobs(64, Features, Classes, seed: 16);
        var wrongLabels = labelsVal.Select(l => (l + 1) % Classes).ToArray();
        var directory = Path.Combine(Path.GetTempPath(), "generated-checkpoint-" + Guid.NewGuid().ToString("N"));
        try
        {
            var model = new TestMlp(Features, 8, Classes, OutputActivation.Softmax);
            var recorder = new WeightRecorder();
            var best = new ModelCheckpoint(Path.Combine(directory, "best.safetensors"), saveBestOnly: true);
            var every = new ModelCheckpoint(Path.Combine(directory, "sub", "w.{epoch:02d}-{val_loss:.2f}.safetensors"));
            var history = model.Compile(new Adam(0.02f), Loss.SparseCategoricalCrossentropy)
                .Fit(x, labels, epochs: 3, verbose: 0, validationData: (xVal, wrongLabels), callbacks: [recorder, best, every]);

            Assert.Single(best.SavedFiles);
            Assert.Equal(3, every.SavedFiles.Count);
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"w.02-{history["val_loss"][1]:F2}.safetensors"), Path.GetFileName(every.SavedFiles[1]));
            Assert.All(every.SavedFiles, f => Assert.True(File.Exists(f), f));

            var restored = new TestMlp(Features, 8, Classes, OutputActivation.Softmax, seed: 99);
            restored.LoadWeights(best.SavedFiles[0]);
            Assert.Equal(recorder.Parameters[0], restored.TrainableParameters.ToArray());
            Assert.Equal(recorder.State[0], restored.State.ToArray());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void Evaluate_deconstructs_like_keras_and_explains_a_missing_accuracy()
    {
        var (x, labels, _) = SyntheticData.Blobs(40, Features, Classes, seed: 17);
        var trainer = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new SGD(), Loss.SparseCategoricalCrossentropy);
        var result = trainer.Evaluate(x, labels, verbose: 0);
        Assert.True(result.Loss > 0);
        Assert.Contains("Metric.Accuracy", Assert.Throws<InvalidOperationException>(() => result.Accuracy).Message);
    }

    [Fact]
    public void Cancellation_stops_between_steps()
    {
        var (x, labels, _) = SyntheticData.Blobs(64, Features, Classes, seed: 18);
        var trainer = new TestMlp(Features, 0, Classes, OutputActivation.Softmax).Compile(new SGD(), Loss.SparseCategoricalCrossentropy);
        using var source = new CancellationTokenSource();
        var canceller = new CancelAfterFirstEpoch(source);
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(x, labels, epochs: 5, verbose: 0, callbacks: [canceller], cancellationToken: source.Token));
        Assert.Equal(2, trainer.Optimizer.Iterations);
    }

    private sealed class CancelAfterFirstEpoch(CancellationTokenSource source) : Callback
    {
        public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs) => source.Cancel();
    }
}

/// <summary>Copies the network's trainable parameters and state at the end of every epoch.</summary>
public sealed class WeightRecorder : Callback
{
    public List<float[]> Parameters { get; } = [];

    public List<float[]> State { get; } = [];

    public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
    {
        Parameters.Add(trainer.Network.TrainableParameters.ToArray());
        State.Add(((TestMlp)trainer.Network).State.ToArray());
    }
}
