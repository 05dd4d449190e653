using System;
using System.Collections.Generic;
using System.Globalization;

namespace Generated.Onnx.Export;

/// <summary>
/// A layer's <see cref="LayerInfo.Config"/> read for export: typed values, and a check that the layer has no argument
/// the exporter does not know (a newer generator's option must not be dropped silently).
/// </summary>
internal sealed class LayerArguments
{
    private readonly LayerInfo _layer;

    public LayerArguments(LayerInfo layer, params string[] known)
    {
        _layer = layer;
        foreach (var key in layer.Config.Keys)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                throw Unsupported($"argument '{key}' = '{layer.Config[key]}'");
            }
        }
    }

    public string Text(string key) => _layer.ConfigValue(key);

    public int Int(string key) => int.Parse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public float Float(string key) => float.Parse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool Bool(string key) => Text(key) == "true";

    /// <summary>A comma-separated list (<c>"3,3"</c>, <c>pads</c>' <c>"top,bottom,left,right"</c>).</summary>
    public int[] Ints(string key, int count)
    {
        var parts = Text(key).Split(',');
        if (parts.Length != count)
        {
            throw new FormatException($"Layer '{_layer.Name}' ({_layer.Kind}): '{key}' = '{Text(key)}' should have {count} values.");
        }
        return Array.ConvertAll(parts, part => int.Parse(part, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    /// <summary>The exception for a layer the exporter cannot write faithfully, naming it and why.</summary>
    public NotSupportedException Unsupported(string what) => OnnxExporter.Unsupported(_layer, what);

    public IReadOnlyDictionary<string, string> Raw => _layer.Config;
}
