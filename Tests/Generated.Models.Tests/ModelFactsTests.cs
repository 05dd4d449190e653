using Generated.CompilerServices;

namespace Generated.Models.Tests;

/// <summary>A 2048x2048 map from an 8x8 input: small enough to declare without NNG0108, too large for a batch of 110 in one array.</summary>
[Network(8, 8, 1)]
[UpSampling2D(256)]
[Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
[GlobalAveragePooling2D]
public partial class HugeUpsampler;

/// <summary>The MNIST convnet under budgets it meets exactly (the limits are inclusive).</summary>
[Network(28, 28, 1, MaxParameters = 34_826, MaxMultiplyAdds = 2_440_960, MaxActivationBytes = 151_976)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Flatten]
[Dropout(0.5)]
[Dense(10, Activation = Activation.Softmax)]
public partial class BudgetedMnistConvnet;

/// <summary>The generated facts: constants, per-layer <c>LayerInfo</c> members and the runtime's out-of-memory error.</summary>
public class ModelFactsTests
{
    [Fact]
    public void Constants_and_layer_infos_give_the_facts_pytorch_counts()
    {
        // Tests/Fixtures/models/model_facts.json (PyTorch's FLOP counter): M1, the MNIST convnet, 2,440,960 multiply-adds
        // (conv2d 194,688, conv2d_1 2,230,272, dense 16,000) and 37,994 activation floats.
        Assert.Equal(2_440_960L, MnistConvnet.MultiplyAddsPerSample);
        Assert.Equal(37_994L, MnistConvnet.ActivationFloatsPerSample);
        Assert.Equal(new long[] { 194_688, 0, 2_230_272, 0, 0, 0, 16_000 }, MnistConvnet.Layers.Select(l => l.MultiplyAdds));
        Assert.Equal(new long[] { 21_632, 5_408, 7_744, 1_600, 0, 1_600, 10 }, MnistConvnet.Layers.Select(l => l.ActivationFloats));
        Assert.Equal(MnistConvnet.MultiplyAddsPerSample, BudgetedMnistConvnet.MultiplyAddsPerSample);
        Assert.Contains("\nMultiply-adds per sample: 2,440,960\nActivations per sample: 37,994 floats = 151,976 bytes (148.4 KiB)\n", MnistConvnet.Summary);
    }

    [Fact]
    public void A_network_within_its_budgets_builds_and_runs()
    {
        var network = new BudgetedMnistConvnet(seed: 1);
        var scores = network.Predict(new float[BudgetedMnistConvnet.InputSize]);
        Assert.Equal(1f, scores.Sum(), 1e-5f);
    }

    [Fact]
    public void A_batch_past_what_an_array_holds_is_a_clear_insufficient_memory_error()
    {
        var network = new HugeUpsampler();
        var input = new float[110 * HugeUpsampler.InputSize];
        var error = Assert.Throws<InsufficientMemoryException>(() => network.Forward(input, training: true));
        Assert.IsAssignableFrom<OutOfMemoryException>(error);
        Assert.StartsWith("Network HugeUpsampler cannot allocate its Forward buffer for 110 samples: ", error.Message);
        Assert.Contains("more than the 2,147,483,591 floats one array can hold", error.Message);
        Assert.Contains("Its largest tensor is conv2d's output 2048x2048x4.", error.Message);
        // Nothing was allocated: a smaller batch still works.
        Assert.Equal(HugeUpsampler.OutputSize, network.Forward(new float[HugeUpsampler.InputSize], training: true).Length);
    }

    [Fact]
    public void Workspace_allocation_names_bytes_and_reports_an_exhausted_process()
    {
        var floats = Workspace.Allocate(1_000, 3, "Net", "Predict workspace", "conv2d's output 10x10x10");
        Assert.Equal(3_000, floats.Length);
        var error = Assert.Throws<InsufficientMemoryException>(() => Workspace.Allocate(int.MaxValue, 2, "Net", "Predict workspace", "conv2d's output 10x10x10"));
        Assert.Contains("4,294,967,294 floats (17,179,869,176 bytes, 2,147,483,647 floats per sample)", error.Message);
    }
}
