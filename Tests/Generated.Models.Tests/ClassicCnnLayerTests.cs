using Generated.Training;

namespace Generated.Models.Tests;

/// <summary>DepthwiseConv2D with a depth multiplier: Keras' count 3*3*3*2 + 6 + (6*4 + 4) = 88.</summary>
[Network(8, 8, 3)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Padding = Padding.Same, Activation = Activation.Relu)]
[GlobalAveragePooling2D]
[Dense(4, Activation = Activation.Softmax)]
public partial class DepthwiseNet;

/// <summary>SeparableConv2D(64, 3) on 32 channels: Keras' count 3*3*32 + 32*64 + 64 = 2400, then 64*3 + 3.</summary>
[Network(8, 8, 32)]
[SeparableConv2D(64, 3, Activation = Activation.Relu)]
[GlobalAveragePooling2D]
[Dense(3, Activation = Activation.Softmax)]
public partial class SeparableNet;

/// <summary>A grouped convolution with rectangular strides: kernel [3, 3, 2, 8] + 8, output 3x6x8, then 144*2 + 2.</summary>
[Network(6, 6, 4)]
[Conv2D(8, 3, Groups = 2, StridesHeight = 2, Padding = Padding.Same, Activation = Activation.Tanh)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class GroupedNet;

/// <summary>Conv2DTranspose(3, 3, strides 2, Same, output_padding 1): 4x4 to 8x8 as Keras; 3*3*3*2 + 3, then 192*2 + 2.</summary>
[Network(4, 4, 2)]
[Conv2DTranspose(3, 3, Strides = 2, Padding = Padding.Same, OutputPadding = 1, Activation = Activation.Tanh)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class OutputPaddedNet;

/// <summary>Cropping2D(1, 2), MinPooling2D(2, Same), UpSampling2D(2, BedOfNails): no weights; then 1x1 conv 2*2 + 2 and 48*2 + 2.</summary>
[Network(8, 8, 2)]
[Cropping2D(1, 2)]
[MinPooling2D(2, Padding = Padding.Same)]
[UpSampling2D(2, Interpolation = Interpolation.BedOfNails)]
[Conv2D(2, 1, Activation = Activation.Tanh)]
[Flatten]
[Dense(2, Activation = Activation.Softmax)]
public partial class CroppedMinPooledNet;

/// <summary>
/// Every new layer in one network, the twin of Tests/Fixtures/scripts/make_classic_cnn_model_fixture.py (checked in
/// <see cref="PyTorchFixtureTests"/>): output, input gradient and every weight gradient of one training pass.
/// </summary>
[Network(8, 8, 4)]
[Cropping2D(0, 1, 1, 0)]
[DepthwiseConv2D(3, DepthMultiplier = 2, Strides = 2, Padding = Padding.Same, Activation = Activation.Relu)]
[Conv2D(8, 1, Groups = 2, Activation = Activation.Relu)]
[SeparableConv2D(6, 3, Padding = Padding.Same, Activation = Activation.Tanh)]
[Conv2DTranspose(4, 3, Strides = 2, Padding = Padding.Same, OutputPadding = 1)]
[MinPooling2D(2)]
[UpSampling2D(2, Interpolation = Interpolation.BedOfNails)]
[GlobalAveragePooling2D]
[Dense(3)]
public partial class MobileBlock;

/// <summary>
/// The new layers as generated code, compiled by the real build and run: Keras' parameter counts and names, Predict equal
/// to Forward, the whole network's input gradient against finite differences, and a few training steps that lower the loss.
/// </summary>
public class ClassicCnnLayerTests
{
    [Fact]
    public void Parameter_counts_and_weight_names_are_keras()
    {
        Assert.Equal(88, DepthwiseNet.ParameterCount);
        Assert.Equal(2400 + 195, SeparableNet.ParameterCount);
        Assert.Equal(2400, SeparableNet.Layers[0].ParameterCount);
        Assert.Equal(152 + 290, GroupedNet.ParameterCount);
        Assert.Equal(57 + 386, OutputPaddedNet.ParameterCount);
        Assert.Equal(6 + 98, CroppedMinPooledNet.ParameterCount);

        Assert.Equal(["depthwise_conv2d.depthwise_kernel", "depthwise_conv2d.bias", "dense.kernel", "dense.bias"], new DepthwiseNet().ParameterTensors.Select(t => t.Name));
        Assert.Equal([3, 3, 3, 2], new DepthwiseNet().ParameterTensors[0].Shape);
        var separable = new SeparableNet().ParameterTensors;
        Assert.Equal(["separable_conv2d.depthwise_kernel", "separable_conv2d.pointwise_kernel", "separable_conv2d.bias"], separable.Take(3).Select(t => t.Name));
        Assert.Equal([1, 1, 32, 64], separable[1].Shape);
        Assert.Equal([3, 3, 2, 8], new GroupedNet().ParameterTensors[0].Shape);
        Assert.Equal(["cropping2d", "min_pooling2d", "up_sampling2d", "conv2d", "flatten", "dense"], CroppedMinPooledNet.Layers.Select(l => l.Name));
    }

    [Fact]
    public void Output_shapes_follow_keras()
    {
        Assert.Equal(new TensorShape(3, 6, 8), GroupedNet.Layers[0].OutputShape);
        Assert.Equal(new TensorShape(8, 8, 3), OutputPaddedNet.Layers[0].OutputShape);
        Assert.Equal(new TensorShape(6, 4, 2), CroppedMinPooledNet.Layers[0].OutputShape);
        Assert.Equal(new TensorShape(3, 2, 2), CroppedMinPooledNet.Layers[1].OutputShape);
        Assert.Equal(new TensorShape(6, 4, 2), CroppedMinPooledNet.Layers[2].OutputShape);
        Assert.Equal(new TensorShape(8, 8, 6), DepthwiseNet.Layers[0].OutputShape);
    }

    [Fact]
    public void Every_model_predicts_as_it_forwards_and_its_input_gradient_matches_finite_differences()
    {
        Check(new DepthwiseNet(1), DepthwiseNet.InputSize);
        Check(new SeparableNet(2), SeparableNet.InputSize);
        Check(new GroupedNet(3), GroupedNet.InputSize);
        Check(new OutputPaddedNet(4), OutputPaddedNet.InputSize);
        Check(new CroppedMinPooledNet(5), CroppedMinPooledNet.InputSize);
    }

    [Fact]
    public void Every_model_trains_a_few_steps()
    {
        Train(new DepthwiseNet(1), DepthwiseNet.InputSize, 4);
        Train(new SeparableNet(2), SeparableNet.InputSize, 3);
        Train(new GroupedNet(3), GroupedNet.InputSize, 2);
        Train(new OutputPaddedNet(4), OutputPaddedNet.InputSize, 2);
        Train(new CroppedMinPooledNet(5), CroppedMinPooledNet.InputSize, 2);
    }

    private static void Check(INetwork network, int inputSize)
    {
        const int batch = 2;
        var input = Distinct(batch * inputSize, seed: 7);
        var forward = network.Forward(input, training: false).ToArray();
        var predicted = Predict(network, input, forward.Length);
        Fixture.AssertClose(predicted, forward, network.GetType().Name + " Predict vs Forward", 1e-6, 1e-5);

        var upstream = Distinct(forward.Length, seed: 8);
        network.Gradients.Clear();
        network.Forward(input, training: true);
        var gradient = network.Backward(upstream).ToArray();
        // Spot-check 12 inputs with a small step (ReLU, min pooling and softmax are smooth between their kinks).
        const float step = 1e-3f;
        var random = new Random(9);
        for (var k = 0; k < 12; k++)
        {
            var i = random.Next(input.Length);
            var saved = input[i];
            input[i] = saved + step;
            var plus = Dot(Predict(network, input, forward.Length), upstream);
            input[i] = saved - step;
            var minus = Dot(Predict(network, input, forward.Length), upstream);
            input[i] = saved;
            var numerical = (plus - minus) / (2 * step);
            Assert.True(Math.Abs(numerical - gradient[i]) <= 2e-3 + 2e-2 * Math.Abs(numerical),
                $"{network.GetType().Name} input {i}: finite differences {numerical}, backward {gradient[i]}");
        }
    }

    private static void Train(INetwork network, int inputSize, int classes)
    {
        const int samples = 16;
        var x = Distinct(samples * inputSize, seed: 10);
        var y = Enumerable.Range(0, samples).Select(i => i % classes).ToArray();
        var trainer = network.Compile(new Adam(learningRate: 0.01f), Loss.SparseCategoricalCrossentropy);
        var first = trainer.TrainStep(x, y);
        var last = first;
        for (var step = 0; step < 15; step++)
        {
            last = trainer.TrainStep(x, y);
        }
        Assert.True(float.IsFinite(last) && last < first, $"{network.GetType().Name}: loss {first} -> {last}");
    }

    /// <summary>Distinct values in [-1, 1) (no ties in min pooling), shuffled by a seed.</summary>
    private static float[] Distinct(int length, int seed)
    {
        var values = Enumerable.Range(0, length).Select(i => (float)(2.0 * i / length - 1)).ToArray();
        new Random(seed).Shuffle(values);
        return values;
    }

    private static float[] Predict(INetwork network, float[] input, int outputLength)
    {
        var output = new float[outputLength];
        network.Predict(input, output);
        return output;
    }

    private static double Dot(float[] values, float[] weights)
    {
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += (double)values[i] * weights[i];
        }
        return sum;
    }
}
