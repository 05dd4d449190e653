using System.Collections.Generic;

namespace Generated;

/// <summary>One layer of a generated network, as its <c>Layers</c> list and <c>Summary</c> describe it.</summary>
/// <param name="Name">The layer's name: its <c>Name</c> or Keras' automatic one (<c>conv2d_1</c>).</param>
/// <param name="Kind">The attribute's name without <c>Attribute</c>, as Keras' class name: <c>Conv2D</c>, <c>MaxPooling2D</c>, ...</param>
/// <param name="InputShape">Shape of one sample of the (first) input.</param>
/// <param name="OutputShape">Shape of one sample of the output.</param>
/// <param name="ParameterCount">Parameters of the layer, trainable or not.</param>
/// <param name="Inputs">Names of the layers it reads (<c>input</c> for the network input); the first is the previous layer.</param>
public sealed record LayerInfo(string Name, string Kind, TensorShape InputShape, TensorShape OutputShape, int ParameterCount, IReadOnlyList<string> Inputs)
{
    /// <summary>Multiply-adds of the layer's convolutions and matrix products per sample (0 for layers without one), as PyTorch's FLOP counter / 2.</summary>
    public long MultiplyAdds { get; init; }

    /// <summary>Floats per sample of the output the layer writes into memory of its own (0 when it shares its input's memory: Flatten, Reshape).</summary>
    public long ActivationFloats { get; init; }
}
