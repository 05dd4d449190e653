using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using Generated.IO;

namespace Generated.CompilerServices;

/// <summary>
/// Saves and loads a network's parameters as safetensors, one float32 tensor per parameter under
/// Keras' names. Generated <c>SaveWeights</c>/<c>LoadWeights</c> call this with their tensor table.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class WeightFile
{
    /// <summary>Metadata key recording the format, so other tools can recognize the file.</summary>
    public const string FormatKey = "format";

    /// <summary>Writes every tensor of <paramref name="specs"/> to <paramref name="path"/> (atomically).</summary>
    public static void Save(string path, ReadOnlySpan<TensorSpec> specs, ReadOnlySpan<float> trainable, ReadOnlySpan<float> state) =>
        SafeTensors.Write(path, Collect(specs, trainable, state), Metadata());

    /// <summary>Writes every tensor of <paramref name="specs"/> to <paramref name="stream"/>.</summary>
    public static void Save(Stream stream, ReadOnlySpan<TensorSpec> specs, ReadOnlySpan<float> trainable, ReadOnlySpan<float> state) =>
        SafeTensors.Write(stream, Collect(specs, trainable, state), Metadata());

    /// <summary>
    /// Reads <paramref name="path"/> into the buffers. Every expected tensor must be present with the
    /// same shape and dtype F32 and finite values, and no other tensor may be present; otherwise nothing is changed and
    /// a <see cref="WeightFileException"/> lists each problem.
    /// </summary>
    public static void Load(string path, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state) =>
        Load(path, specs, trainable, state, null);

    /// <summary>Reads weights from <paramref name="stream"/>; see <see cref="Load(string, ReadOnlySpan{TensorSpec}, Span{float}, Span{float})"/>.</summary>
    public static void Load(Stream stream, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state) =>
        Load(stream, specs, trainable, state, null);

    /// <summary>
    /// <see cref="Load(string, ReadOnlySpan{TensorSpec}, Span{float}, Span{float})"/> that writes the buffers inside
    /// <paramref name="version"/>'s write window, so threads predicting meanwhile see the old weights or the new ones.
    /// </summary>
    public static void Load(string path, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state, WeightVersion? version)
    {
        using var stream = OpenFile(path, " Save one with SaveWeights(path) first.");
        Load(stream, "'" + path + "'", specs, trainable, state, version);
    }

    /// <summary>Reads weights from <paramref name="stream"/>; see <see cref="Load(string, ReadOnlySpan{TensorSpec}, Span{float}, Span{float}, WeightVersion)"/>.</summary>
    public static void Load(Stream stream, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state, WeightVersion? version) =>
        Load(stream, "the stream", specs, trainable, state, version);

    private static void Load(Stream stream, string source, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state, WeightVersion? version)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }
        CheckBuffers(specs, trainable, state);
        var content = ReadContent(stream, source);

        var problems = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var values = new float[specs.Length][];
        for (var i = 0; i < specs.Length; i++)
        {
            var spec = specs[i];
            expected.Add(spec.Name);
            var tensor = content.Find(spec.Name);
            var wanted = "[" + string.Join(", ", spec.Shape) + "]";
            if (tensor is null)
            {
                problems.Add($"'{spec.Name}' is missing (expected F32 {wanted}).");
            }
            else if (tensor.DType != SafeTensors.Float32 || tensor.Data is null)
            {
                problems.Add($"'{spec.Name}' is {tensor.DType}; expected F32.");
            }
            else if (!tensor.Shape.AsSpan().SequenceEqual(spec.Shape))
            {
                problems.Add($"'{spec.Name}' has shape {tensor.ShapeText}; expected {wanted}.");
            }
            else if (NonFiniteProblem(spec.Name, tensor.Data) is { } nonFinite)
            {
                problems.Add(nonFinite + " Load it with WeightLoadOptions { NonFinite = NonFiniteWeights.Warn } to accept them.");
            }
            else
            {
                values[i] = tensor.Data;
            }
        }
        foreach (var tensor in content.Tensors)
        {
            if (!expected.Contains(tensor.Name))
            {
                problems.Add($"'{tensor.Name}' ({tensor.DType} {tensor.ShapeText}) is not a parameter of this network.");
            }
        }
        if (problems.Count > 0)
        {
            throw new WeightFileException(source, problems);
        }

        // Everything is checked: only now do the buffers change, all of them, inside the version's write window.
        version?.BeginWrite();
        try
        {
            for (var i = 0; i < specs.Length; i++)
            {
                var spec = specs[i];
                values[i].AsSpan().CopyTo((spec.Trainable ? trainable : state).Slice(spec.Offset, spec.Length));
            }
        }
        finally
        {
            version?.EndWrite();
        }
    }

    /// <summary>The file at <paramref name="path"/>, opened for reading, or a <see cref="FileNotFoundException"/> ending in <paramref name="hint"/>.</summary>
    private static FileStream OpenFile(string path, string hint)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No weight file at '{path}'.{hint}", path);
        }
        return File.OpenRead(path);
    }

    /// <summary>The parsed file, its format errors (and I/O errors of the stream) as a <see cref="WeightFileException"/> naming <paramref name="source"/>.</summary>
    private static SafeTensorsContent ReadContent(Stream stream, string source)
    {
        try
        {
            return SafeTensors.Read(stream);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new WeightFileException(source, e);
        }
    }

    /// <summary>Refuses a tensor table that does not fit its buffers (a bug of the caller, found before anything is written).</summary>
    private static void CheckBuffers(ReadOnlySpan<TensorSpec> specs, ReadOnlySpan<float> trainable, ReadOnlySpan<float> state)
    {
        foreach (var spec in specs)
        {
            var length = spec.Trainable ? trainable.Length : state.Length;
            if (spec.Offset < 0 || (long)spec.Offset + spec.Length > length)
            {
                throw new ArgumentException($"Tensor '{spec.Name}' spans {spec.Offset}..{(long)spec.Offset + spec.Length} but its buffer has {length} floats.", nameof(specs));
            }
        }
    }

    /// <summary>Null when every value is finite, else a sentence naming <paramref name="name"/>, the count and the first NaN or infinity.</summary>
    internal static string? NonFiniteProblem(string name, float[] values)
    {
        var count = 0;
        var first = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]) || float.IsInfinity(values[i]))
            {
                count++;
                first = first < 0 ? i : first;
            }
        }
        if (count == 0)
        {
            return null;
        }
        var value = values[first];
        var text = float.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
        return $"'{name}' holds {count} non-finite value{(count == 1 ? "" : "s")} (the first, {text}, at index {first}); the file was probably saved from a diverged training.";
    }

    private static List<SafeTensor> Collect(ReadOnlySpan<TensorSpec> specs, ReadOnlySpan<float> trainable, ReadOnlySpan<float> state)
    {
        var tensors = new List<SafeTensor>(specs.Length);
        foreach (var spec in specs)
        {
            var source = spec.Trainable ? trainable : state;
            if (spec.Offset < 0 || spec.Offset + spec.Length > source.Length)
            {
                throw new ArgumentException($"Tensor '{spec.Name}' spans {spec.Offset}..{spec.Offset + spec.Length} but its buffer has {source.Length} floats.", nameof(specs));
            }
            tensors.Add(new SafeTensor(spec.Name, spec.Shape, source.Slice(spec.Offset, spec.Length).ToArray()));
        }
        return tensors;
    }

    // "tf": the tensors use Keras/TensorFlow layouts (HWIO kernels), which is what readers should assume.
    private static Dictionary<string, string> Metadata() => new() { [FormatKey] = "tf", ["layout"] = "keras" };
}
