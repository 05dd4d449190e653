using Generated.IO;

namespace Generated.Models.Tests;

/// <summary>SaveWeights/LoadWeights: round trips, and errors that name the tensor and the mismatch.</summary>
public sealed class WeightsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("generated-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string TempFile(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Save_then_load_round_trips_every_tensor()
    {
        var source = new Normalized(1);
        // Move the moving statistics off their initial values so the state buffer round-trip is visible.
        source.Forward(Enumerable.Range(0, 4 * Normalized.InputSize).Select(i => MathF.Sin(i)).ToArray(), training: true);
        var path = TempFile("normalized.safetensors");
        source.SaveWeights(path);

        var target = new Normalized(2);
        target.LoadWeights(path);
        foreach (var (expected, actual) in source.ParameterTensors.Zip(target.ParameterTensors))
        {
            Assert.True(expected.Span.SequenceEqual(actual.Span), expected.Name);
        }
        Assert.False(target.BatchNormalizationMovingMean.Span.ToArray().All(v => v == 0));

        using var stream = new MemoryStream();
        source.SaveWeights(stream);
        stream.Position = 0;
        var fromStream = new Normalized(3);
        fromStream.LoadWeights(stream);
        Assert.True(source.TrainableParameters.SequenceEqual(fromStream.TrainableParameters));
    }

    [Fact]
    public void Saved_file_uses_keras_names_and_layouts()
    {
        var path = TempFile("unet.safetensors");
        new UNet().SaveWeights(path);
        var content = SafeTensors.Read(path);
        Assert.Equal(new[] { 2, 2, 4, 12 }, content.Find("conv2d_transpose.kernel")!.Shape);
        Assert.Equal(new[] { 3, 3, 2, 4 }, content.Find("down.kernel")!.Shape);
        Assert.Equal(8, content.Tensors.Count);
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        var path = Rewrite(tensors => tensors.Where(t => t.Name != "dense.bias").ToList());
        var network = new ResidualBlock(4);
        var before = network.TrainableParameters.ToArray();
        var error = Assert.Throws<WeightFileException>(() => network.LoadWeights(path));
        Assert.Contains("dense.bias", error.Message);
        Assert.True(before.AsSpan().SequenceEqual(network.TrainableParameters), "a failed load must leave the weights as they were");
    }

    [Fact]
    public void Wrong_shape_names_the_tensor_and_both_shapes()
    {
        var path = Rewrite(tensors => tensors.Select(t => t.Name == "conv2d.kernel" ? new SafeTensor(t.Name, new[] { 3, 3, 16, 4 }, t.Data!) : t).ToList());
        var error = Assert.Throws<WeightFileException>(() => new ResidualBlock().LoadWeights(path));
        Assert.Contains("conv2d.kernel", error.Message);
        Assert.Contains("[3, 3, 8, 8]", error.Message);
        Assert.Contains("[3, 3, 16, 4]", error.Message);
    }

    [Fact]
    public void Corrupt_file_is_reported()
    {
        var path = TempFile("corrupt.safetensors");
        var bytes = File.ReadAllBytes(Fixture.Weights(nameof(ResidualBlock)));
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray()); // truncated data
        Assert.Throws<WeightFileException>(() => new ResidualBlock().LoadWeights(path));
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Throws<WeightFileException>(() => new ResidualBlock().LoadWeights(path));
    }

    private string Rewrite(Func<IReadOnlyList<SafeTensor>, IReadOnlyList<SafeTensor>> edit)
    {
        var content = SafeTensors.Read(Fixture.Weights(nameof(ResidualBlock)));
        var path = TempFile(Guid.NewGuid().ToString("N") + ".safetensors");
        SafeTensors.Write(path, edit(content.Tensors));
        return path;
    }
}
