namespace Generated.Models.Tests;

/// <summary>DESIGN.md's reference results and Keras' counts and summary, through generated networks.</summary>
public class ReferenceResultTests
{
    private static readonly float[] OneToNine = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

    [Fact]
    public void Valid_2x2_ones_kernel_on_3x3_image()
    {
        var network = new ValidOnes();
        network.TrainableParameters.Fill(1f); // the whole buffer is the 2x2x1x1 kernel (no bias)
        Assert.Equal(4, ValidOnes.TrainableParameterCount);
        Assert.Equal(new float[] { 12, 16, 24, 28 }, network.Predict(OneToNine));
    }

    [Fact]
    public void Same_2x2_ones_kernel_on_3x3_image_pads_bottom_right()
    {
        var network = new SameOnes();
        network.TrainableParameters.Fill(1f);
        Assert.Equal(new float[] { 12, 16, 9, 24, 28, 15, 15, 17, 9 }, network.Predict(OneToNine));
    }

    [Fact]
    public void Parameter_counts_match_keras()
    {
        Assert.Equal(122_570, TutorialCnn.ParameterCount);
        Assert.Equal(122_570, TutorialCnn.TrainableParameterCount);
        Assert.Equal(34_826, MnistConvnet.ParameterCount);
        // conv 108 + BN 4*4 (8 of them moving statistics) + dense 520 + LN 16 + dense 27
        Assert.Equal(687, Normalized.ParameterCount);
        Assert.Equal(679, Normalized.TrainableParameterCount);
        Assert.Equal(Normalized.TrainableParameterCount, new Normalized().TrainableParameters.Length);
        Assert.Equal(122_570, ((INetwork)new TutorialCnn()).ParameterCount);
    }

    [Fact]
    public void Shapes_and_sizes()
    {
        Assert.Equal(new TensorShape(32, 32, 3), TutorialCnn.InputShape);
        Assert.Equal(new TensorShape(10), TutorialCnn.OutputShape);
        Assert.Equal(3072, TutorialCnn.InputSize);
        Assert.Equal(10, TutorialCnn.OutputSize);
        Assert.Equal(new TensorShape(16, 16, 1), UNet.OutputShape);
        Assert.Equal(256, UNet.OutputSize);
        INetwork network = new UNet();
        Assert.Equal(UNet.InputShape, network.InputShape);
        Assert.Equal(UNet.OutputShape, network.OutputShape);
        Assert.Equal(1, Zoo.Tiny.OutputSize);
    }

    [Fact]
    public void Summary_is_laid_out_like_keras()
    {
        string Row(string layer, string shape, string parameters) => (layer.PadRight(29) + shape.PadRight(26) + parameters).PadRight(65);
        var underline = new string('_', 65);
        var expected = string.Join("\n",
            "Model: \"tutorial_cnn\"",
            underline,
            Row("Layer (type)", "Output Shape", "Param #"),
            new string('=', 65),
            Row("conv2d (Conv2D)", "(None, 30, 30, 32)", "896"), underline,
            Row("max_pooling2d (MaxPooling2D)", "(None, 15, 15, 32)", "0"), underline,
            Row("conv2d_1 (Conv2D)", "(None, 13, 13, 64)", "18496"), underline,
            Row("max_pooling2d_1 (MaxPooling2", "(None, 6, 6, 64)", "0"), underline,
            Row("conv2d_2 (Conv2D)", "(None, 4, 4, 64)", "36928"), underline,
            Row("flatten (Flatten)", "(None, 1024)", "0"), underline,
            Row("dense (Dense)", "(None, 64)", "65600"), underline,
            Row("dense_1 (Dense)", "(None, 10)", "650"),
            new string('=', 65),
            "Total params: 122,570",
            "Trainable params: 122,570",
            "Non-trainable params: 0",
            underline,
            // Below Keras' block, in its style: the compile-time facts (hand-counted: 30*30*32*27 + 13*13*64*288 + 4*4*64*576 + 1024*64 + 64*10).
            "Multiply-adds per sample: 4,548,608",
            "Activations per sample: 50,218 floats = 200,872 bytes (196.2 KiB)",
            underline);
        var actual = TutorialCnn.Summary; // a constant: compared as the value under test
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Summary_of_a_graph_has_connections_and_non_trainable_counts()
    {
        Assert.Contains("add (Add)                       (None, 8, 8, 8)      0           conv2d_1[0][0]", ResidualBlock.Summary);
        Assert.Contains("\n                                                                 stem[0][0]", ResidualBlock.Summary);
        Assert.Contains("Total params: 687\nTrainable params: 679\nNon-trainable params: 8\n" + new string('_', 65) + "\nMultiply-adds per sample: ", Normalized.Summary);
    }

    [Fact]
    public void Layers_and_parameter_tensors_describe_the_network()
    {
        Assert.Equal(8, TutorialCnn.Layers.Count);
        var pooling = TutorialCnn.Layers[3];
        Assert.Equal(("max_pooling2d_1", "MaxPooling2D", new TensorShape(13, 13, 64), new TensorShape(6, 6, 64), 0),
            (pooling.Name, pooling.Kind, pooling.InputShape, pooling.OutputShape, pooling.ParameterCount));
        Assert.Equal(new[] { "conv2d_1", "stem" }, ResidualBlock.Layers[3].Inputs);
        Assert.Equal(new[] { "input" }, ResidualBlock.Layers[0].Inputs);

        var network = new Normalized();
        Assert.Equal(
            new[] { "conv2d.kernel", "batch_normalization.gamma", "batch_normalization.beta", "batch_normalization.moving_mean",
                "batch_normalization.moving_variance", "dense.kernel", "dense.bias", "layer_normalization.gamma", "layer_normalization.beta",
                "dense_1.kernel", "dense_1.bias" },
            network.ParameterTensors.Select(t => t.Name));
        Assert.Equal(new[] { 3, 3, 3, 4 }, network.Conv2dKernel.Shape.ToArray());
        Assert.False(network.BatchNormalizationMovingVariance.Trainable);
        Assert.All(network.BatchNormalizationMovingVariance.Span.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(network.BatchNormalizationGamma.Span.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(network.Dense1Bias.Span.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(new[] { 2, 2, 4, 12 }, new UNet().Conv2dTransposeKernel.Shape.ToArray()); // Keras: [kh, kw, out, in]
    }

    [Fact]
    public void Glorot_initialization_is_seeded_and_bounded()
    {
        var a = new TutorialCnn(7);
        var b = new TutorialCnn(7);
        var c = new TutorialCnn(8);
        Assert.True(a.TrainableParameters.SequenceEqual(b.TrainableParameters));
        Assert.False(a.TrainableParameters.SequenceEqual(c.TrainableParameters));
        Assert.True(new TutorialCnn().TrainableParameters.SequenceEqual(new TutorialCnn(0).TrainableParameters));
        var limit = Math.Sqrt(6.0 / (9 * 3 + 9 * 32)); // conv2d: fan in 3x3x3, fan out 3x3x32
        var kernel = a.Conv2dKernel.Span;
        Assert.All(kernel.ToArray(), v => Assert.InRange(v, -limit, limit));
        Assert.True(kernel.ToArray().Max() > 0.8 * limit && kernel.ToArray().Min() < -0.8 * limit, "values should fill the Glorot range");
        Assert.All(a.Conv2dBias.Span.ToArray(), v => Assert.Equal(0f, v));
    }
}
