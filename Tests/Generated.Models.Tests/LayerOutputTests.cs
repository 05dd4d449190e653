namespace Generated.Models.Tests;

/// <summary><see cref="MnistConvnet"/> cut after <c>conv2d_1</c>: same layer names, so its output is the full network's <c>conv2d_1</c>.</summary>
[Network(28, 28, 1)]
[Conv2D(32, 3, Activation = Activation.Relu)]
[MaxPooling2D(2)]
[Conv2D(64, 3, Activation = Activation.Relu)]
public partial class MnistConvnetUpToConv2d1;

/// <summary>The generated <c>LayerOutput(name)</c>: a layer's output from the last Forward, without allocating.</summary>
public class LayerOutputTests
{
    private const int Batch = 3;

    [Fact]
    public void Output_of_an_inner_layer_equals_the_truncated_networks_prediction()
    {
        var full = new MnistConvnet(seed: 5);
        var truncated = new MnistConvnetUpToConv2d1();
        Assert.Equal(full.ParameterTensors.Take(4).Select(t => t.Name), truncated.ParameterTensors.Select(t => t.Name));
        full.TrainableParameters[..truncated.TrainableParameters.Length].CopyTo(truncated.TrainableParameters);
        var input = Digits(Batch);

        full.Forward(input, training: false);
        var expected = truncated.Predict(input);

        var actual = full.LayerOutput("conv2d_1").ToArray();
        Assert.Equal(Batch * 11 * 11 * 64, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Every_layer_has_its_shape_times_the_batch_and_the_last_is_forwards_output()
    {
        var network = new MnistConvnet(seed: 1);
        var input = Digits(Batch);
        var output = network.Forward(input, training: false).ToArray();

        foreach (var layer in MnistConvnet.Layers)
        {
            Assert.Equal(Batch * layer.OutputShape.Size, network.LayerOutput(layer.Name).Length);
        }
        Assert.Equal(output, network.LayerOutput("dense").ToArray());
        Assert.Equal(network.LayerOutput("max_pooling2d_1").ToArray(), network.LayerOutput("flatten").ToArray()); // Flatten is free
        Assert.Equal(network.LayerOutput("max_pooling2d_1").ToArray(), network.LayerOutput("dropout").ToArray()); // identity at inference

        // A smaller batch afterwards: the outputs are that batch's, in the same buffer.
        network.Forward(input.AsSpan(0, MnistConvnet.InputSize), training: false);
        Assert.Equal(11 * 11 * 64, network.LayerOutput("conv2d_1").Length);
    }

    [Fact]
    public void Outputs_follow_a_graph_and_backward_leaves_them()
    {
        var network = new ResidualBlock(seed: 2);
        var input = new float[Batch * ResidualBlock.InputSize];
        var random = new SeededRandom(4);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = random.NextUniform(-1f, 1f);
        }
        var output = network.Forward(input, training: true).ToArray();
        var stem = network.LayerOutput("stem").ToArray();
        network.Backward(new float[output.Length].Select(_ => 1f).ToArray());

        Assert.Equal(output, network.LayerOutput(ResidualBlock.Layers[^1].Name).ToArray());
        Assert.Equal(stem, network.LayerOutput("stem").ToArray());
        Assert.All(stem, value => Assert.True(value >= 0f)); // the stem's ReLU
    }

    [Fact]
    public void Unknown_names_unread_layers_and_a_missing_forward_throw_saying_what_to_do()
    {
        var network = new MnistConvnet(seed: 1);
        network.Predict(Digits(1));
        var noForward = Assert.Throws<InvalidOperationException>(() => network.LayerOutput("conv2d").Length);
        Assert.Contains("call Forward(input, training: false) first", noForward.Message);

        network.Forward(Digits(1), training: false);
        var unknown = Assert.Throws<ArgumentException>(() => network.LayerOutput("conv2d_9").Length);
        Assert.Contains("No layer is named 'conv2d_9'", unknown.Message);
        Assert.Contains("conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, flatten, dropout, dense", unknown.Message);
        Assert.Equal("name", unknown.ParamName);

        var branch = new UnreadBranch(seed: 1);
        branch.Forward(new float[UnreadBranch.InputSize], training: false);
        var unread = Assert.Throws<InvalidOperationException>(() => branch.LayerOutput("unread").Length);
        Assert.Contains("Layer 'unread' feeds nothing the network's output depends on", unread.Message);
        Assert.Equal(UnreadBranch.OutputSize, branch.LayerOutput("dense").Length);
    }

    [Fact]
    public void Reading_outputs_allocates_nothing()
    {
        var network = new MnistConvnet(seed: 1);
        network.Forward(Digits(Batch), training: false);
        var names = MnistConvnet.Layers.Select(layer => layer.Name).ToArray();
        float sum = 0;
        foreach (var name in names)
        {
            sum += network.LayerOutput(name)[0]; // warm-up: JIT
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var repeat = 0; repeat < 100; repeat++)
        {
            foreach (var name in names)
            {
                sum += network.LayerOutput(name)[0];
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(sum));
    }

    // Deterministic digit-like inputs in [0, 1]: a blob whose position depends on the sample.
    private static float[] Digits(int count)
    {
        var input = new float[count * MnistConvnet.InputSize];
        for (var s = 0; s < count; s++)
        {
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    var dx = x - (10 + (3 * s));
                    var dy = y - 14;
                    input[(s * 784) + (y * 28) + x] = MathF.Exp(-((dx * dx) + (dy * dy)) / 20f);
                }
            }
        }
        return input;
    }
}
