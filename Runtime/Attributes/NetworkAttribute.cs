using System;

namespace Generated;

/// <summary>
/// Declares a partial class as a neural network whose input is one <c>height x width x channels</c>
/// image per sample (NHWC). The layer attributes that follow, in order, are the layers.
/// </summary>
/// <example>
/// <code>
/// [Network(28, 28, 1)]
/// [Conv2D(32, 3, Activation = Activation.Relu)]
/// [Flatten]
/// [Dense(10, Activation = Activation.Softmax)]
/// public partial class Classifier;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network over <paramref name="height"/> x <paramref name="width"/> x <paramref name="channels"/> inputs.</summary>
    public NetworkAttribute(int height, int width, int channels)
    {
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Declares a network over flat vectors of <paramref name="features"/> values (a Keras <c>Input(shape=(features,))</c>).</summary>
    public NetworkAttribute(int features)
    {
        Features = features;
    }

    /// <summary>Input rows per sample (0 for a flat input).</summary>
    public int Height { get; }

    /// <summary>Input columns per sample (0 for a flat input).</summary>
    public int Width { get; }

    /// <summary>Input channels per sample (0 for a flat input).</summary>
    public int Channels { get; }

    /// <summary>Input length of a flat input (0 for an image input).</summary>
    public int Features { get; }

    /// <summary>Budget: most parameters (Keras' <c>count_params()</c>) the model may have; a larger model is compile error NNG0060. 0: no budget.</summary>
    public long MaxParameters { get; set; }

    /// <summary>Budget: most multiply-adds per sample (the generated <c>MultiplyAddsPerSample</c>); a costlier model is compile error NNG0061. 0: no budget.</summary>
    public long MaxMultiplyAdds { get; set; }

    /// <summary>Budget: most activation bytes per sample (4 x the generated <c>ActivationFloatsPerSample</c>); a larger model is compile error NNG0062. 0: no budget.</summary>
    public long MaxActivationBytes { get; set; }
}
