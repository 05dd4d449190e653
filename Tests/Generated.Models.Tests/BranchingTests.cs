namespace Generated.Models.Tests;

/// <summary>
/// Branching networks compiled by the real build (BranchingModels.cs): Keras' functional summary, the inputs each layer
/// reads, a layer nothing reads left out of every pass, and AccumulateGradients on a branching network.
/// Forward values and gradients against PyTorch are in <see cref="PyTorchFixtureTests"/>.
/// </summary>
public class BranchingTests
{
    [Fact]
    public void Summary_of_a_branching_model_has_keras_functional_connections()
    {
        // Keras 2's functional layout: 98 wide, columns ending at 33%, 55%, 67% (cut fields end in a space).
        static string Fit(string field, int width) => (field.Length >= width ? field[..(width - 1)] : field).PadRight(width);
        static string Row(string layer, string shape, string parameters, string connected) =>
            Fit(layer, 32) + Fit(shape, 21) + Fit(parameters, 12) + connected.PadRight(33);
        var underline = new string('_', 98);
        var expected = string.Join("\n",
            "Model: \"projection_residual\"",
            underline,
            Row("Layer (type)", "Output Shape", "Param #", "Connected to"),
            new string('=', 98),
            Row("input (InputLayer)", "[(None, 8, 8, 3)]", "0", ""), underline,
            Row("stem (Conv2D)", "(None, 8, 8, 4)", "112", "input[0][0]"), underline,
            Row("branch_a (Conv2D)", "(None, 4, 4, 6)", "222", "stem[0][0]"), underline,
            Row("branch_b (Conv2D)", "(None, 4, 4, 6)", "330", "branch_a[0][0]"), underline,
            Row("shortcut (Conv2D)", "(None, 4, 4, 6)", "30", "stem[0][0]"), underline,
            Row("add (Add)", "(None, 4, 4, 6)", "0", "shortcut[0][0]"),
            Row("", "", "", "branch_b[0][0]"), underline,
            Row("re_lu (ReLU)", "(None, 4, 4, 6)", "0", "add[0][0]"), underline,
            Row("global_average_pooling2d (GlobalAveragePooling2D)", "(None, 6)", "0", "re_lu[0][0]"), underline,
            Row("dense (Dense)", "(None, 3)", "21", "global_average_pooling2d[0][0]"),
            new string('=', 98),
            "Total params: 715",
            "Trainable params: 715",
            "Non-trainable params: 0",
            underline);
        var actual = ProjectionResidual.Summary; // a constant: compared as the value under test
        // Keras' table exactly, then the model facts below it (ModelFactsTests checks their layout):
        // 3*3*3*4 * 8*8 + 3*3*4*6 * 4*4 + 3*3*6*6 * 4*4 + 4*6 * 4*4 + 6*3 = 15,954 multiply-adds.
        Assert.StartsWith(expected + "\nMultiply-adds per sample: 15,954\nActivations per sample: ", actual);
        Assert.Contains("global_average_pooling2d (Globa ", actual);
    }

    [Fact]
    public void Layers_name_the_inputs_they_read()
    {
        Assert.Equal(new[] { "stem" }, ProjectionResidual.Layers[3].Inputs);
        Assert.Equal(new[] { "shortcut", "branch_b" }, ProjectionResidual.Layers[4].Inputs);
        Assert.Equal(new[] { "input" }, InceptionBranches.Layers[3].Inputs);
        Assert.Equal(new[] { "b1", "b2", "b3" }, InceptionBranches.Layers[5].Inputs);
        Assert.Equal(new TensorShape(6, 6, 9), InceptionBranches.Layers[5].OutputShape);
        Assert.Equal(new[] { "a", "mul" }, Merges.Layers[4].Inputs);
        Assert.Equal(new[] { "max", "a" }, Merges.Layers[6].Inputs);
        Assert.Equal("Subtract", Merges.Layers[4].Kind);
        Assert.Equal(new[] { "conv2d" }, MaxUnpooling.Layers[3].Inputs);
        Assert.Equal(new TensorShape(4, 6, 3), MaxUnpooling.Layers[3].OutputShape);
    }

    [Fact]
    public void A_layer_nothing_reads_changes_no_output_and_gets_no_gradient()
    {
        var unread = new UnreadBranch(seed: 5);
        var read = new ReadBranch(seed: 6);
        Assert.Equal(ReadBranch.ParameterCount + 3 * 4 + 4, UnreadBranch.ParameterCount);
        Assert.Contains(unread.ParameterTensors, t => t.Name == "unread.kernel");
        CopyWeightsByName(unread, read);

        const int batch = 3;
        var input = Uniform(batch * ReadBranch.InputSize, seed: 7);
        var upstream = Uniform(batch * ReadBranch.OutputSize, seed: 8);
        Assert.Equal(read.Predict(input), unread.Predict(input));
        Assert.Equal(read.Forward(input, training: true).ToArray(), unread.Forward(input, training: true).ToArray());
        Assert.Equal(read.Backward(upstream).ToArray(), unread.Backward(upstream).ToArray());

        var offsets = Offsets(read);
        var offset = 0;
        foreach (var tensor in unread.ParameterTensors)
        {
            var gradient = unread.Gradients.Slice(offset, tensor.Length).ToArray();
            if (tensor.Name.StartsWith("unread", StringComparison.Ordinal))
            {
                Assert.All(gradient, g => Assert.Equal(0f, g));
            }
            else
            {
                Assert.Equal(read.Gradients.Slice(offsets[tensor.Name], tensor.Length).ToArray(), gradient);
            }
            offset += tensor.Length;
        }
    }

    [Fact]
    public void Accumulate_gradients_on_a_branching_model_equals_backward()
    {
        var network = new ProjectionResidual(seed: 2);
        const int batch = 2;
        var input = Uniform(batch * ProjectionResidual.InputSize, seed: 3);
        var upstream = Uniform(batch * ProjectionResidual.OutputSize, seed: 4);
        network.Forward(input, training: true);
        network.Backward(upstream);
        var viaBackward = network.Gradients.ToArray();
        network.Gradients.Clear();
        network.Forward(input, training: true);
        network.AccumulateGradients(upstream);
        Assert.Equal(viaBackward, network.Gradients.ToArray());
        Assert.Contains(viaBackward, g => g != 0);
    }

    [Fact]
    public void Max_unpooling_predict_equals_forward_and_zeros_the_other_cells()
    {
        var network = new MaxUnpooling(seed: 1);
        const int batch = 4;
        var input = Uniform(batch * MaxUnpooling.InputSize, seed: 9);
        Assert.Equal(network.Predict(input), network.Forward(input, training: false).ToArray());
        Assert.Equal(network.Predict(input), network.Forward(input, training: true).ToArray());
    }

    private static void CopyWeightsByName(INetwork target, INetwork source)
    {
        var offsets = Offsets(source);
        var sourceValues = source.TrainableParameters.ToArray();
        var targetValues = target.TrainableParameters;
        var offset = 0;
        foreach (var tensor in target.ParameterTensors)
        {
            if (offsets.TryGetValue(tensor.Name, out var at))
            {
                sourceValues.AsSpan(at, tensor.Length).CopyTo(targetValues.Slice(offset, tensor.Length));
            }
            offset += tensor.Length;
        }
        target.MarkWeightsChanged();
    }

    private static Dictionary<string, int> Offsets(INetwork network)
    {
        var offsets = new Dictionary<string, int>();
        var offset = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            offsets[tensor.Name] = offset;
            offset += tensor.Length;
        }
        return offsets;
    }

    private static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }
}
