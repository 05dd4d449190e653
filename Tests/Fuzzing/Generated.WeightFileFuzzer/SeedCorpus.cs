using Generated.IO;
using Generated.Models.Tests.Reliability;

namespace Generated.Fuzzing;

/// <summary>
/// The libFuzzer campaign's seeds: the network's valid file in every mode, a PyTorch-layout twin for the PyTorch mode,
/// and structured mutations of the valid file (the structured campaign's <see cref="WeightFileMutator"/>: truncations,
/// header lengths, UTF-8, JSON, offsets, dtypes, shapes, duplicates, NaN), each with a mode byte in front.
/// </summary>
public static class SeedCorpus
{
    /// <summary>The seed the mutations are drawn with (the structured campaign's).</summary>
    public const int Seed = 20261206;

    /// <summary>Writes the seeds into <paramref name="directory"/>; returns 0 (the process's exit code).</summary>
    public static int Write(string directory, int mutations)
    {
        Directory.CreateDirectory(directory);
        var valid = WeightFileFuzzTarget.ValidFile(11);
        for (var mode = 0; mode < WeightFileFuzzTarget.Modes.Length; mode++)
        {
            File.WriteAllBytes(Path.Combine(directory, $"valid-mode{mode}"), [(byte)mode, .. valid]);
        }
        File.WriteAllBytes(Path.Combine(directory, "pytorch-mode5"), [5, .. PyTorchFile(11)]);
        var random = new Random(Seed);
        for (var i = 0; i < mutations; i++)
        {
            var mutated = WeightFileMutator.Mutate(valid, random);
            var mode = (byte)random.Next(WeightFileFuzzTarget.Modes.Length);
            File.WriteAllBytes(Path.Combine(directory, $"mutation-{i:D5}"), [mode, .. mutated.Bytes]);
        }
        Console.WriteLine($"{WeightFileFuzzTarget.Modes.Length + 1 + mutations} seeds in {directory}.");
        return 0;
    }

    /// <summary>
    /// The network's tensors under PyTorch's module names and layouts (<c>m0.weight</c> OIHW, <c>m1.running_mean</c>, ...),
    /// modules in layer order: the shapes <c>WeightLoadOptions.PyTorch()</c> expects (the values are not converted; a seed
    /// needs the structure only).
    /// </summary>
    public static byte[] PyTorchFile(int seed)
    {
        var network = new FuzzedNetwork(seed);
        var modules = new List<string>();
        var tensors = new List<SafeTensor>();
        foreach (var view in network.ParameterTensors)
        {
            var layer = view.Name[..view.Name.LastIndexOf('.')];
            var suffix = view.Name[(layer.Length + 1)..];
            if (!modules.Contains(layer))
            {
                modules.Add(layer);
            }
            var shape = view.Shape.ToArray();
            int[] torchShape = (suffix, shape.Length) switch
            {
                ("depthwise_kernel", 4) => [shape[2] * shape[3], 1, shape[0], shape[1]],
                ("kernel", 4) => [shape[3], shape[2], shape[0], shape[1]],
                ("kernel", 2) => [shape[1], shape[0]],
                _ => shape,
            };
            var torchSuffix = suffix switch
            {
                "kernel" or "gamma" or "depthwise_kernel" or "alpha" => "weight",
                "beta" => "bias",
                "moving_mean" => "running_mean",
                "moving_variance" => "running_var",
                _ => suffix,
            };
            tensors.Add(new SafeTensor($"m{modules.IndexOf(layer)}.{torchSuffix}", torchShape, view.Span.ToArray()));
        }
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors);
        return stream.ToArray();
    }
}
