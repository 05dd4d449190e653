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
    /// same shape and dtype F32, and no other tensor may be present; otherwise nothing is changed and
    /// a <see cref="WeightFileException"/> lists each problem.
    /// </summary>
    public static void Load(string path, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No weight file at '{path}'. Save one with SaveWeights(path) first.", path);
        }
        using var stream = File.OpenRead(path);
        Load(stream, "'" + path + "'", specs, trainable, state);
    }

    /// <summary>Reads weights from <paramref name="stream"/>; see <see cref="Load(string, ReadOnlySpan{TensorSpec}, Span{float}, Span{float})"/>.</summary>
    public static void Load(Stream stream, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state) =>
        Load(stream, "the stream", specs, trainable, state);

    private static void Load(Stream stream, string source, ReadOnlySpan<TensorSpec> specs, Span<float> trainable, Span<float> state)
    {
        SafeTensorsContent content;
        try
        {
            content = SafeTensors.Read(stream);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new WeightFileException(source, e);
        }

        var problems = new List<string>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            expected.Add(spec.Name);
            var tensor = content.Find(spec.Name);
            var wanted = "[" + string.Join(", ", spec.Shape) + "]";
            if (tensor is null)
            {
                problems.Add($"'{spec.Name}' is missing (expected F32 {wanted}).");
            }
            else if (tensor.DType != SafeTensors.Float32)
            {
                problems.Add($"'{spec.Name}' is {tensor.DType}; expected F32.");
            }
            else if (!tensor.Shape.AsSpan().SequenceEqual(spec.Shape))
            {
                problems.Add($"'{spec.Name}' has shape {tensor.ShapeText}; expected {wanted}.");
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

        foreach (var spec in specs)
        {
            var target = spec.Trainable ? trainable : state;
            content.Find(spec.Name)!.Data.AsSpan().CopyTo(target.Slice(spec.Offset, spec.Length));
        }
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
