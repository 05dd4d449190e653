namespace Generated.Models.Tests;

/// <summary>Keras' <c>ReLU(6.)</c> layer (MobileNetV2's) as <c>[ReLU(6)]</c>: the <c>Relu6</c> kernels, forward and backward.</summary>
public partial class ClippedReluTests
{
    [Network(1, 1, 4)]
    [ReLU(6, Name = "clipped")]
    public partial class ClippedRelu;

    [Network(1, 1, 4)]
    [ReLU]
    public partial class PlainRelu;

    [Fact]
    public void Relu_with_max_value_6_clips_as_keras_relu6()
    {
        var output = new float[4];
        new ClippedRelu().Predict(new[] { -1f, 3f, 6.5f, 100f }, output);
        Assert.Equal(new[] { 0f, 3f, 6f, 6f }, output);

        new PlainRelu().Predict(new[] { -1f, 3f, 6.5f, 100f }, output);
        Assert.Equal(new[] { 0f, 3f, 6.5f, 100f }, output);
        Assert.Equal("re_lu", PlainRelu.Layers[0].Name);
    }

    [Fact]
    public void Gradient_passes_only_between_0_and_6()
    {
        var network = new ClippedRelu();
        var output = network.Forward(new[] { -1f, 3f, 6.5f, 5.9f }, training: true).ToArray();
        Assert.Equal(new[] { 0f, 3f, 6f, 5.9f }, output);
        var inputGradient = network.Backward(new[] { 1f, 2f, 3f, 4f }).ToArray();
        Assert.Equal(new[] { 0f, 2f, 0f, 4f }, inputGradient);
    }
}
