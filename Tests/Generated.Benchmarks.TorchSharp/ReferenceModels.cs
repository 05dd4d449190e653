using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Generated.Benchmarks.TorchSharp;

/// <summary>
/// The five reference models of docs/PERFORMANCE.md in TorchSharp (NCHW), layer for layer as
/// Tests/Fixtures/scripts/bench_models.py builds them for PyTorch: same layers, Keras' batch-normalization
/// epsilon and momentum, the same losses in PyTorch's fused form on the logits.
/// </summary>
public sealed class ReferenceModel
{
    private ReferenceModel(string name, long[] inputShape, string loss, Sequential body)
    {
        Name = name;
        InputShape = inputShape;
        Loss = loss;
        Body = body;
    }

    /// <summary>M1 to M5.</summary>
    public string Name { get; }

    /// <summary>One sample's shape, C, H, W.</summary>
    public long[] InputShape { get; }

    /// <summary>categorical_crossentropy, binary_crossentropy or mse, as Keras names them.</summary>
    public string Loss { get; }

    /// <summary>The layers up to the logits (the output activation is part of the loss, as in bench_models.py).</summary>
    public Sequential Body { get; }

    /// <summary>Names of the models, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["M1", "M2", "M3", "M4", "M5"];

    /// <summary>Builds <paramref name="name"/> with PyTorch's default initialisation under a fixed seed.</summary>
    public static ReferenceModel Build(string name)
    {
        torch.manual_seed(Names.ToList().IndexOf(name) + 1);
        return name switch
        {
            "M1" => new("M1", [1, 28, 28], "categorical_crossentropy", Sequential(
                ("conv2d", Conv2d(1, 32, 3)), ("conv2d.relu", ReLU()), ("max_pooling2d", MaxPool2d(2)),
                ("conv2d_1", Conv2d(32, 64, 3)), ("conv2d_1.relu", ReLU()), ("max_pooling2d_1", MaxPool2d(2)),
                ("flatten", Flatten()), ("dropout", Dropout(0.5)), ("dense", Linear(5 * 5 * 64, 10)))),
            "M2" => new("M2", [3, 32, 32], "categorical_crossentropy", Sequential(
                ("conv2d", Conv2d(3, 32, 3)), ("conv2d.relu", ReLU()), ("max_pooling2d", MaxPool2d(2)),
                ("conv2d_1", Conv2d(32, 64, 3)), ("conv2d_1.relu", ReLU()), ("max_pooling2d_1", MaxPool2d(2)),
                ("conv2d_2", Conv2d(64, 64, 3)), ("conv2d_2.relu", ReLU()),
                ("flatten", Flatten()), ("dense", Linear(4 * 4 * 64, 64)), ("dense.relu", ReLU()), ("dense_1", Linear(64, 10)))),
            "M3" => new("M3", [1, 28, 28], "binary_crossentropy", Sequential(
                ("conv2d", Conv2d(1, 16, 3, padding: 1)), ("conv2d.relu", ReLU()), ("max_pooling2d", MaxPool2d(2)),
                ("conv2d_1", Conv2d(16, 4, 3, padding: 1)), ("conv2d_1.relu", ReLU()),
                ("up_sampling2d", Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)),
                ("conv2d_2", Conv2d(4, 1, 3, padding: 1)))),
            "M4" => new("M4", [1, 28, 28], "mse", Sequential(
                ("conv2d", Conv2d(1, 10, 5, stride: 2)), ("leaky_re_lu", LeakyReLU(0.02)),
                ("batch_normalization", BatchNorm2d(10, eps: KerasBatchNormEpsilon, momentum: 1 - KerasBatchNormMomentum)),
                ("conv2d_1", Conv2d(10, 10, 3, stride: 2)), ("leaky_re_lu_1", LeakyReLU(0.02)),
                ("batch_normalization_1", BatchNorm2d(10, eps: KerasBatchNormEpsilon, momentum: 1 - KerasBatchNormMomentum)),
                ("flatten", Flatten()), ("dense", Linear(5 * 5 * 10, 10)))),
            "M5" => new("M5", [3, 32, 32], "categorical_crossentropy", Sequential(
                ("conv2d", Conv2d(3, 64, 3, padding: 1)), ("conv2d.relu", ReLU()),
                ("conv2d_1", Conv2d(64, 64, 3, padding: 1)), ("conv2d_1.relu", ReLU()), ("max_pooling2d", MaxPool2d(2)),
                ("conv2d_2", Conv2d(64, 128, 3, padding: 1)), ("conv2d_2.relu", ReLU()),
                ("conv2d_3", Conv2d(128, 128, 3, padding: 1)), ("conv2d_3.relu", ReLU()), ("max_pooling2d_1", MaxPool2d(2)),
                ("flatten", Flatten()), ("dense", Linear(8 * 8 * 128, 10)))),
            _ => throw new ArgumentException($"Unknown model '{name}'; choose from {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>Keras' BatchNormalization epsilon.</summary>
    private const double KerasBatchNormEpsilon = 1e-3;

    /// <summary>Keras' BatchNormalization momentum (PyTorch's momentum is one minus it).</summary>
    private const double KerasBatchNormMomentum = 0.99;

    /// <summary>Random inputs in [0, 1) and targets of the loss's kind, as bench_models.make_batch.</summary>
    public (Tensor X, Tensor Target) MakeBatch(int batch, Generator generator)
    {
        var x = torch.rand([batch, .. InputShape], generator: generator);
        var target = Loss switch
        {
            "categorical_crossentropy" => torch.randint(0, 10, [batch], generator: generator),
            "binary_crossentropy" => x.clone(),
            _ => functional.one_hot(torch.randint(0, 10, [batch], generator: generator), 10).to_type(ScalarType.Float32),
        };
        return (x, target);
    }

    /// <summary>Inference output, the model's output activation included (softmax for M1, M2; sigmoid for M3, M4; M5 is linear).</summary>
    public Tensor Predict(Tensor x)
    {
        var logits = Body.call(x);
        return Name switch
        {
            "M1" or "M2" => functional.softmax(logits, 1),
            "M3" or "M4" => functional.sigmoid(logits),
            _ => logits,
        };
    }

    /// <summary>The declared loss on a batch, in PyTorch's fused form on the logits.</summary>
    public Tensor LossValue(Tensor x, Tensor target)
    {
        var logits = Body.call(x);
        return Loss switch
        {
            "categorical_crossentropy" => functional.cross_entropy(logits, target),
            "binary_crossentropy" => functional.binary_cross_entropy_with_logits(logits, target),
            _ => functional.mse_loss(functional.sigmoid(logits), target),
        };
    }
}
