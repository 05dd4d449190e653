using Generated.IO;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

// The M4-like twin of make_pytorch_state_dicts.py's StridedNormalized: strided Same convolutions, batch normalization,
// a transposed convolution, Flatten -> Dense, layer normalization.
[Network(12, 12, 3)]
[Conv2D(8, 3, Strides = 2, Padding = Padding.Same, UseBias = false, Name = "stem")]
[BatchNormalization(Name = "bn")]
[LeakyReLU(0.1)]
[Conv2D(16, 3, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu, Name = "down")]
[Conv2DTranspose(4, 2, Strides = 2, Activation = Activation.Relu, Name = "up")]
[Flatten]
[Dense(16, Name = "fc1")]
[LayerNormalization(Name = "norm")]
[Dense(5, Activation = Activation.Softmax, Name = "fc2")]
public partial class StridedNormalizedTwin;

/// <summary>
/// <c>LoadWeights(path, WeightLoadOptions.PyTorch())</c> against real PyTorch (Tests/Fixtures/pytorch, made by
/// make_pytorch_state_dicts.py): state_dicts with PyTorch's layouts load, and the network predicts what PyTorch computed.
/// </summary>
public sealed class PyTorchWeightsTests(ITestOutputHelper output)
{
    private static string PyTorchFixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch", name);

    private float MaxError(INetwork network, string model)
    {
        var expected = SafeTensors.Read(PyTorchFixture(model + ".expected.safetensors"));
        var input = expected.Get("input");
        var wanted = expected.Get("output");
        var actual = new float[wanted.Length];
        network.Predict(input, actual);
        var error = wanted.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{model}: max |PyTorch - Predict| = {error:E2} over {wanted.Length} outputs");
        return error;
    }

    [Fact]
    public void Mnist_convnet_state_dict_loads_by_order_and_predicts_like_pytorch()
    {
        var network = new MnistConvnet(3);
        var report = network.LoadWeights(PyTorchFixture("MnistConvnet.state_dict.safetensors"), WeightLoadOptions.PyTorch());
        Assert.True(report.IsComplete, report.ToString());
        Assert.Contains("dense.kernel <- fc.weight", report.Loaded);
        Assert.True(MaxError(network, "MnistConvnet") <= 1e-4f);
    }

    [Fact]
    public void Strided_normalized_state_dict_loads_by_explicit_map_and_predicts_like_pytorch()
    {
        var network = new StridedNormalizedTwin(3);
        var map = new Dictionary<string, string>
        {
            ["stem"] = "stem", ["bn"] = "bn", ["down"] = "down", ["up"] = "up", ["fc1"] = "fc1", ["norm"] = "norm", ["fc2"] = "fc2",
        };
        var report = network.LoadWeights(PyTorchFixture("StridedNormalized.state_dict.safetensors"), WeightLoadOptions.PyTorch(map));
        Assert.True(report.IsComplete, report.ToString()); // bn.num_batches_tracked (I64) is ignored, not unexpected
        Assert.True(MaxError(network, "StridedNormalized") <= 1e-4f);

        var byOrder = new StridedNormalizedTwin(4);
        byOrder.LoadWeights(PyTorchFixture("StridedNormalized.state_dict.safetensors"), WeightLoadOptions.PyTorch());
        Assert.True(MaxError(byOrder, "StridedNormalized") <= 1e-4f);
    }

    /// <summary>The NCHW-to-NHWC reordering of the first Linear after Flatten is what makes the match: without it the outputs are far off.</summary>
    [Fact]
    public void Dense_after_flatten_needs_the_nchw_column_order()
    {
        var stateDict = SafeTensors.Read(PyTorchFixture("MnistConvnet.state_dict.safetensors"));
        var fc = stateDict.Get("fc.weight"); // [10, 1600]
        var transposedOnly = new float[fc.Length];
        for (var o = 0; o < 10; o++)
        {
            for (var i = 0; i < 1600; i++)
            {
                transposedOnly[i * 10 + o] = fc[o * 1600 + i];
            }
        }
        var network = new MnistConvnet(3);
        network.LoadWeights(PyTorchFixture("MnistConvnet.state_dict.safetensors"), WeightLoadOptions.PyTorch());
        transposedOnly.CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(network.DenseKernel.Span), network.DenseKernel.Length));
        network.MarkWeightsChanged();
        Assert.True(MaxError(network, "MnistConvnet") > 1e-2f);
    }

    [Fact]
    public void Shape_mismatch_names_the_tensor_and_both_shapes_and_changes_nothing()
    {
        var network = new MnistConvnet(3);
        var before = network.TrainableParameters.ToArray();
        var map = new Dictionary<string, string> { ["conv2d"] = "stem", ["conv2d_1"] = "down", ["dense"] = "fc2" };
        var error = Assert.Throws<WeightFileException>(() =>
            network.LoadWeights(PyTorchFixture("StridedNormalized.state_dict.safetensors"), WeightLoadOptions.PyTorch(map)));
        Assert.Contains("'stem.weight' has shape [8, 3, 3, 3]; conv2d.kernel [3, 3, 1, 32] needs [32, 1, 3, 3] in PyTorch's layout", error.Message);
        Assert.Contains("'fc2.weight' has shape [5, 16]; dense.kernel [1600, 10] needs [10, 1600]", error.Message);
        Assert.Contains("'stem.bias' is missing", error.Message);
        Assert.Contains("'bn.running_mean' (F32 [8]) is not a parameter of this network", error.Message);
        Assert.Equal(before, network.TrainableParameters.ToArray());
    }

    [Fact]
    public void Pairing_by_order_with_another_module_count_says_both_lists()
    {
        var network = new MnistConvnet(3);
        var error = Assert.Throws<WeightFileException>(() =>
            network.LoadWeights(PyTorchFixture("StridedNormalized.state_dict.safetensors"), WeightLoadOptions.PyTorch()));
        Assert.Contains("the file has 7 modules (stem, bn, down, up, fc1, norm, fc2) and the network 3 layers with weights (conv2d, conv2d_1, dense)", error.Message);
    }

    [Fact]
    public void Layer_map_naming_an_unknown_layer_is_an_argument_error()
    {
        var network = new MnistConvnet(3);
        var error = Assert.Throws<ArgumentException>(() => network.LoadWeights(PyTorchFixture("MnistConvnet.state_dict.safetensors"),
            WeightLoadOptions.PyTorch(new Dictionary<string, string> { ["conv"] = "conv1" })));
        Assert.Contains("'conv'", error.Message);
    }

    [Fact]
    public void Non_strict_pytorch_load_takes_what_matches_and_reports_the_rest()
    {
        var network = new MnistConvnet(3);
        var initialDense = network.DenseKernel.Span.ToArray();
        var map = new Dictionary<string, string> { ["conv2d"] = "conv1", ["conv2d_1"] = "conv2", ["dense"] = "head" };
        var report = network.LoadWeights(PyTorchFixture("MnistConvnet.state_dict.safetensors"), WeightLoadOptions.PyTorch(map) with { Strict = false });
        Assert.Equal(4, report.Loaded.Count);
        Assert.Equal(2, report.Missing.Count);
        Assert.Equal(2, report.Unexpected.Count); // fc.weight, fc.bias
        Assert.False(report.IsComplete);
        Assert.Equal(initialDense, network.DenseKernel.Span.ToArray());
        var conv1 = SafeTensors.Read(PyTorchFixture("MnistConvnet.state_dict.safetensors")).Get("conv1.weight"); // [32, 1, 3, 3]
        Assert.Equal(conv1[1 * 9 + 0 * 3 + 2], network.Conv2dKernel.Span[(0 * 3 + 2) * 32 + 1]); // OIHW [1, 0, 0, 2] -> HWIO [0, 2, 0, 1]
    }
}
