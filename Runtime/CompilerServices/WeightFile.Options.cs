using System;
using System.Collections.Generic;
using System.IO;
using Generated.IO;

namespace Generated.CompilerServices;

public static partial class WeightFile
{
    /// <summary>
    /// Reads <paramref name="path"/> as <paramref name="options"/> say (format, layer map, strictness, non-finite values) into
    /// the buffers and reports what was loaded. Strict: any problem throws a <see cref="WeightFileException"/> and nothing is changed.
    /// </summary>
    public static WeightLoadReport Load(string path, ReadOnlySpan<TensorSpec> specs, IReadOnlyList<LayerInfo> layers, Span<float> trainable, Span<float> state, WeightLoadOptions options) =>
        Load(path, specs, layers, trainable, state, options, null);

    /// <summary>Reads weights from <paramref name="stream"/>; see <see cref="Load(string, ReadOnlySpan{TensorSpec}, IReadOnlyList{LayerInfo}, Span{float}, Span{float}, WeightLoadOptions)"/>.</summary>
    public static WeightLoadReport Load(Stream stream, ReadOnlySpan<TensorSpec> specs, IReadOnlyList<LayerInfo> layers, Span<float> trainable, Span<float> state, WeightLoadOptions options) =>
        Load(stream, specs, layers, trainable, state, options, null);

    /// <summary>
    /// <see cref="Load(string, ReadOnlySpan{TensorSpec}, IReadOnlyList{LayerInfo}, Span{float}, Span{float}, WeightLoadOptions)"/> that writes
    /// the buffers inside <paramref name="version"/>'s write window, so threads predicting meanwhile see the old weights or the new ones.
    /// </summary>
    public static WeightLoadReport Load(string path, ReadOnlySpan<TensorSpec> specs, IReadOnlyList<LayerInfo> layers, Span<float> trainable, Span<float> state, WeightLoadOptions options, WeightVersion? version)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }
        using var stream = OpenFile(path, "");
        return Load(stream, "'" + path + "'", specs, layers, trainable, state, options, version);
    }

    /// <summary>Reads weights from <paramref name="stream"/>; see <see cref="Load(string, ReadOnlySpan{TensorSpec}, IReadOnlyList{LayerInfo}, Span{float}, Span{float}, WeightLoadOptions, WeightVersion)"/>.</summary>
    public static WeightLoadReport Load(Stream stream, ReadOnlySpan<TensorSpec> specs, IReadOnlyList<LayerInfo> layers, Span<float> trainable, Span<float> state, WeightLoadOptions options, WeightVersion? version) =>
        Load(stream, "the stream", specs, layers, trainable, state, options, version);

    private static WeightLoadReport Load(Stream stream, string source, ReadOnlySpan<TensorSpec> specs, IReadOnlyList<LayerInfo> layers, Span<float> trainable, Span<float> state, WeightLoadOptions options, WeightVersion? version)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }
        CheckBuffers(specs, trainable, state);
        var content = ReadContent(stream, source);

        var pytorch = options.Format == WeightFormat.PyTorch;
        var prefixes = FilePrefixes(source, specs, content, options);
        var loaded = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<string>();
        var nonFinite = new List<string>();
        var warn = options.NonFinite == NonFiniteWeights.Warn;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<(TensorSpec Spec, float[] Values)>();
        foreach (var spec in specs)
        {
            var (layer, suffix) = Split(spec.Name);
            var ours = $"{spec.Name} [{string.Join(", ", spec.Shape)}]";
            if (!prefixes.TryGetValue(layer, out var prefix))
            {
                missing.Add($"'{spec.Name}' is missing: no module of the file is mapped to layer '{layer}' (add it to WeightLoadOptions.LayerMap).");
                continue;
            }
            var fileName = prefix + "." + (pytorch ? PyTorchLayout.Suffix(suffix) : suffix);
            var fileShape = pytorch ? PyTorchLayout.Shape(suffix, spec.Shape) : spec.Shape;
            var wanted = "[" + string.Join(", ", fileShape) + "]";
            var tensor = content.Find(fileName);
            if (tensor is null)
            {
                missing.Add(fileName == spec.Name
                    ? $"'{spec.Name}' is missing (expected F32 {wanted})."
                    : $"'{fileName}' is missing (expected F32 {wanted}{(pytorch ? " in PyTorch's layout" : "")} for {ours}).");
                continue;
            }
            used.Add(fileName);
            if (tensor.DType != SafeTensors.Float32 || tensor.Data is null)
            {
                mismatched.Add($"'{fileName}' is {tensor.DType}; {ours} needs F32.");
            }
            else if (!tensor.Shape.AsSpan().SequenceEqual(fileShape))
            {
                mismatched.Add(fileName == spec.Name
                    ? $"'{spec.Name}' has shape {tensor.ShapeText}; expected {wanted}."
                    : $"'{fileName}' has shape {tensor.ShapeText}; {ours} needs {wanted}{(pytorch ? " in PyTorch's layout" : "")}.");
            }
            else if (!warn && NonFiniteProblem(fileName, tensor.Data) is { } rejected)
            {
                nonFinite.Add(rejected); // left as it was
            }
            else
            {
                if (warn && NonFiniteProblem(fileName, tensor.Data) is { } warning)
                {
                    nonFinite.Add(warning + " Loaded anyway (NonFiniteWeights.Warn).");
                }
                var values = tensor.Data;
                if (pytorch)
                {
                    // Converted now, before anything is written, so a failure leaves the weights as they were.
                    var flattened = suffix == "kernel" && spec.Shape.Length == 2 ? PyTorchLayout.FlattenedInput(layers, layer) : null;
                    values = new float[spec.Length];
                    PyTorchLayout.Convert(suffix, spec.Shape, tensor.Data, values, flattened);
                }
                matches.Add((spec, values));
                loaded.Add(fileName == spec.Name ? spec.Name : $"{spec.Name} <- {fileName}");
            }
        }
        var unexpected = new List<string>();
        foreach (var tensor in content.Tensors)
        {
            if (!used.Contains(tensor.Name) && !(pytorch && tensor.Name.EndsWith("." + PyTorchLayout.BatchesTracked, StringComparison.Ordinal)))
            {
                unexpected.Add($"'{tensor.Name}' ({tensor.DType} {tensor.ShapeText}) is not a parameter of this network.");
            }
        }

        var report = new WeightLoadReport(loaded, missing, unexpected, mismatched, nonFinite, warn);
        if (options.Strict && !report.IsComplete)
        {
            throw new WeightFileException(source, report.Problems);
        }
        version?.BeginWrite();
        try
        {
            foreach (var (spec, values) in matches)
            {
                values.AsSpan().CopyTo((spec.Trainable ? trainable : state).Slice(spec.Offset, spec.Length));
            }
        }
        finally
        {
            version?.EndWrite();
        }
        return report;
    }

    /// <summary>Layer name to the prefix its tensors have in the file (see <see cref="WeightLoadOptions.LayerMap"/>).</summary>
    private static Dictionary<string, string> FilePrefixes(string source, ReadOnlySpan<TensorSpec> specs, SafeTensorsContent content, WeightLoadOptions options)
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
        var layers = new List<string>();
        foreach (var spec in specs)
        {
            var layer = Split(spec.Name).Layer;
            if (!layers.Contains(layer))
            {
                layers.Add(layer);
            }
        }
        if (options.LayerMap is { } map)
        {
            foreach (var pair in map)
            {
                if (!layers.Contains(pair.Key))
                {
                    throw new ArgumentException($"WeightLoadOptions.LayerMap names layer '{pair.Key}', which has no weights in this network; layers with weights: {string.Join(", ", layers)}.", nameof(options));
                }
            }
            foreach (var layer in layers)
            {
                if (map.TryGetValue(layer, out var prefix))
                {
                    prefixes[layer] = prefix;
                }
                else if (options.Format == WeightFormat.Keras)
                {
                    prefixes[layer] = layer;
                }
            }
            return prefixes;
        }
        if (options.Format == WeightFormat.Keras)
        {
            foreach (var layer in layers)
            {
                prefixes[layer] = layer;
            }
            return prefixes;
        }

        // PyTorch by order: the file's modules in header order, paired with the layers that have weights.
        var modules = new List<string>();
        foreach (var tensor in content.Tensors)
        {
            var (module, suffix) = Split(tensor.Name);
            if (suffix != PyTorchLayout.BatchesTracked && !modules.Contains(module))
            {
                modules.Add(module);
            }
        }
        if (modules.Count != layers.Count && options.Strict)
        {
            throw new WeightFileException(source, new[]
            {
                $"Pairing by order needs one module per layer with weights, but the file has {modules.Count} modules ({string.Join(", ", modules)}) " +
                $"and the network {layers.Count} layers with weights ({string.Join(", ", layers)}). Give WeightLoadOptions.LayerMap, or set Strict = false to pair the first {Math.Min(modules.Count, layers.Count)}.",
            });
        }
        for (var i = 0; i < Math.Min(modules.Count, layers.Count); i++)
        {
            prefixes[layers[i]] = modules[i];
        }
        return prefixes;
    }

    /// <summary><c>features.0.weight</c> to (<c>features.0</c>, <c>weight</c>); a name without a dot is all suffix.</summary>
    private static (string Layer, string Suffix) Split(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? ("", name) : (name.Substring(0, dot), name.Substring(dot + 1));
    }
}
