using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Generated.IO;

namespace Generated.Onnx.Import;

/// <summary>Renders the translated layers as C# (one attribute per layer, the ONNX nodes in a comment) and names the weights as the generator names layers.</summary>
internal static class DeclarationWriter
{
    public static ImportedNetwork Write(GraphTranslator translator, ImportOptions options, string sourceName, string producer)
    {
        var layers = translator.Layers;
        AssignNames(layers);
        var text = new StringBuilder();
        text.AppendLine($"// Imported by generated-import from {sourceName} ({producer}).");
        text.AppendLine($"// Weights: {options.ClassName}.safetensors (HWIO kernels, Dense [in, out], Keras names); load them with LoadWeights.");
        text.AppendLine(translator.Input.IsImage
            ? "// Input: NHWC (the ONNX model's NCHW input transposed); the comment after each layer names the ONNX nodes it replaces."
            : "// The comment after each layer names the ONNX nodes it replaces.");
        text.AppendLine("using Generated;");
        text.AppendLine();
        if (options.Namespace is { } ns)
        {
            text.AppendLine($"namespace {ns};");
            text.AppendLine();
        }
        text.AppendLine($"/// <summary>A network imported from {Escape(sourceName)}.</summary>");
        var input = translator.Input;
        text.AppendLine(input.IsImage ? $"[Network({input.Height}, {input.Width}, {input.Channels})]" : $"[Network({input.Channels})]");
        for (var index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            var arguments = new List<string>(layer.Positional);
            arguments.InsertRange(0, MergeArguments(layer, index == 0 ? null : layers[index - 1]));
            arguments.AddRange(layer.Named);
            if (layer.ReadsOther)
            {
                arguments.Add($"Input = {Quote(NameOf(layer.InputFrom))}");
            }
            if (layer.ExplicitName is not null)
            {
                arguments.Add($"Name = {Quote(layer.ExplicitName)}");
            }
            var attribute = arguments.Count == 0 ? $"[{layer.Kind}]" : $"[{layer.Kind}({string.Join(", ", arguments)})]";
            text.AppendLine($"{attribute} // {layer.Origin}");
        }
        text.AppendLine($"public partial class {options.ClassName};");

        var weights = new List<SafeTensor>();
        foreach (var layer in layers)
        {
            foreach (var (suffix, shape, values) in layer.Tensors)
            {
                weights.Add(new SafeTensor(layer.Name + "." + suffix, shape, values));
            }
        }
        return new ImportedNetwork(options.ClassName, text.ToString(), weights, translator.Output.IsImage);
    }

    /// <summary>
    /// A merge's names: one (the previous layer merged with it) when the previous layer is its first input and it has two,
    /// else every input by name (<c>"input"</c> for the network input).
    /// </summary>
    private static IEnumerable<string> MergeArguments(ImportedLayer layer, ImportedLayer? previous)
    {
        if (layer.MergeInputs.Count == 0)
        {
            return Enumerable.Empty<string>();
        }
        return layer.MergeInputs.Count == 2 && layer.MergeInputs[0] == previous && previous is not null
            ? new[] { Quote(NameOf(layer.MergeInputs[1])) }
            : layer.MergeInputs.Select(input => Quote(NameOf(input)));
    }

    private static string NameOf(ImportedLayer? layer) => layer?.Name ?? "input";

    /// <summary>The layers merges and <c>Input</c> name get explicit names (<c>skip</c>, <c>skip_1</c>); every other layer Keras' automatic name, counted per kind as the generator counts.</summary>
    private static void AssignNames(IReadOnlyList<ImportedLayer> layers)
    {
        var targets = new List<ImportedLayer>();
        for (var index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            var named = layer.MergeInputs.Count == 2 && layer.MergeInputs[0] == (index == 0 ? null : layers[index - 1]) && index > 0
                ? layer.MergeInputs.Skip(1) : layer.MergeInputs;
            foreach (var target in named.Append(layer.ReadsOther ? layer.InputFrom : null))
            {
                if (target is not null && !targets.Contains(target))
                {
                    targets.Add(target);
                }
            }
        }
        for (var i = 0; i < targets.Count; i++)
        {
            targets[i].ExplicitName = i == 0 ? "skip" : "skip_" + i.ToString(CultureInfo.InvariantCulture);
        }
        var counters = new Dictionary<string, int>();
        foreach (var layer in layers)
        {
            if (layer.ExplicitName is { } name)
            {
                layer.Name = name;
                continue;
            }
            counters.TryGetValue(layer.Kind, out var count);
            counters[layer.Kind] = count + 1;
            layer.Name = count == 0 ? layer.Prefix : layer.Prefix + "_" + count.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
