using System.Collections.Generic;
using System.Globalization;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// One layer's arguments as Keras' <c>get_config()</c> names them, as invariant-culture text: what the generated
/// <c>LayerInfo.Config</c> holds, so tools that translate a network (ONNX export) read arguments, not shapes.
/// </summary>
internal sealed class LayerConfig
{
    private readonly List<(string Key, string Value)> _entries = new();

    /// <summary>The entries in the order they were added.</summary>
    public IReadOnlyList<(string Key, string Value)> Entries => _entries;

    public LayerConfig Add(string key, string value)
    {
        _entries.Add((key, value));
        return this;
    }

    public LayerConfig Add(string key, int value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public LayerConfig Add(string key, int first, int second) =>
        Add(key, first.ToString(CultureInfo.InvariantCulture) + "," + second.ToString(CultureInfo.InvariantCulture));

    /// <summary>A float argument as the kernels receive it (rounded to float, round-trip text).</summary>
    public LayerConfig Add(string key, double value) => Add(key, ((float)value).ToString("R", CultureInfo.InvariantCulture));

    public LayerConfig Add(string key, bool value) => Add(key, value ? "true" : "false");

    /// <summary>Keras' activation name: <c>linear</c>, <c>relu</c>, <c>leaky_relu</c>, <c>sigmoid</c>, ...</summary>
    public LayerConfig Add(string key, ActivationKind activation) => Add(key, activation switch
    {
        ActivationKind.LeakyRelu => "leaky_relu",
        _ => activation.ToString().ToLowerInvariant(),
    });

    public LayerConfig Add(string key, PaddingKind padding) => Add(key, padding.ToString().ToLowerInvariant());

    public LayerConfig Add(string key, InterpolationKind interpolation) => Add(key, interpolation.ToString().ToLowerInvariant());

    /// <summary>The resolved zero padding of a window layer, <c>"top,bottom,left,right"</c>.</summary>
    public LayerConfig AddPads(LayerModel layer) => Add("pads", string.Join(",",
        layer.PadTop.ToString(CultureInfo.InvariantCulture), layer.PadBottom.ToString(CultureInfo.InvariantCulture),
        layer.PadLeft.ToString(CultureInfo.InvariantCulture), layer.PadRight.ToString(CultureInfo.InvariantCulture)));
}
