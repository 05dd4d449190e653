using Generated.CompilerServices;
using Generated.IO;

namespace Generated.Runtime.Tests.IO;

public class WeightFileTests
{
    private static readonly TensorSpec[] Specs =
    {
        new("conv2d.kernel", new[] { 3, 3, 1, 2 }, true, 0),
        new("conv2d.bias", new[] { 2 }, true, 18),
        new("batch_normalization.moving_mean", new[] { 2 }, false, 0),
    };

    [Fact]
    public void Save_then_load_restores_both_buffers()
    {
        var trainable = Enumerable.Range(0, 20).Select(i => i / 7f).ToArray();
        var state = new[] { 0.5f, -0.5f };
        using var stream = new MemoryStream();
        WeightFile.Save(stream, Specs, trainable, state);

        var loadedTrainable = new float[20];
        var loadedState = new float[2];
        stream.Position = 0;
        WeightFile.Load(stream, Specs, loadedTrainable, loadedState);
        Assert.Equal(trainable, loadedTrainable);
        Assert.Equal(state, loadedState);
    }

    [Fact]
    public void Load_lists_every_mismatch_by_tensor_name_and_changes_nothing()
    {
        var tensors = new[]
        {
            new SafeTensor("conv2d.kernel", new[] { 3, 3, 2, 1 }, new float[18]), // wrong shape
            new SafeTensor("dense.kernel", new[] { 4 }, new float[4]),            // not in the network
            new SafeTensor("batch_normalization.moving_mean", new[] { 2 }, new float[2]),
        };
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors);
        stream.Position = 0;

        var trainable = Enumerable.Repeat(7f, 20).ToArray();
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(stream, Specs, trainable, new float[2]));
        Assert.Contains("'conv2d.kernel' has shape [3, 3, 2, 1]; expected [3, 3, 1, 2].", error.Message);
        Assert.Contains("'conv2d.bias' is missing (expected F32 [2]).", error.Message);
        Assert.Contains("'dense.kernel' (F32 [4]) is not a parameter of this network.", error.Message);
        Assert.Equal(3, error.Problems.Count);
        Assert.All(trainable, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void Load_reports_a_corrupt_file_and_a_missing_file_clearly()
    {
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(new MemoryStream(new byte[] { 1, 2 }), Specs, new float[20], new float[2]));
        Assert.Contains("shorter than the 8-byte header length", error.Message);

        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".safetensors");
        var notFound = Assert.Throws<FileNotFoundException>(() => WeightFile.Load(missing, Specs, new float[20], new float[2]));
        Assert.Contains("SaveWeights", notFound.Message);
    }

    [Fact]
    public void Load_rejects_other_dtypes()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".safetensors");
        var header = "{\"conv2d.kernel\":{\"dtype\":\"F16\",\"shape\":[3,3,1,2],\"data_offsets\":[0,36]},\"conv2d.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[36,44]},\"batch_normalization.moving_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[44,52]}}";
        var json = System.Text.Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 52];
        BitConverter.GetBytes((ulong)json.Length).CopyTo(bytes, 0);
        json.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        try
        {
            var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(path, Specs, new float[20], new float[2]));
            Assert.Contains("'conv2d.kernel' is F16; expected F32.", error.Message);
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
