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
    private static readonly IReadOnlyDictionary<string, string> NoConfig = new Dictionary<string, string>();

    /// <summary>
    /// The layer's arguments as Keras' <c>get_config()</c> names them, resolved and invariant-culture text: <c>filters</c>
    /// (<c>"32"</c>), <c>kernel_size</c>/<c>strides</c>/<c>pool_size</c>/<c>size</c> (<c>"3,3"</c>), <c>padding</c>
    /// (<c>"same"</c>), <c>pads</c> (the resolved zero padding, <c>"top,bottom,left,right"</c>), <c>activation</c>
    /// (<c>"relu"</c>), <c>epsilon</c>, <c>alpha</c>, ... Tools that translate a network (ONNX export) read it; empty
    /// for a layer without arguments.
    /// </summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = NoConfig;

    /// <summary>The value of <paramref name="key"/> in <see cref="Config"/>, or a clear error naming the layer when it is absent.</summary>
    public string ConfigValue(string key) =>
        Config.TryGetValue(key, out var value) ? value
        : throw new KeyNotFoundException($"Layer '{Name}' ({Kind}) has no '{key}' in its Config (it has: {string.Join(", ", Config.Keys)}).");
}
