using System.Buffers.Binary;
using System.Text;
using Generated.IO;

namespace Generated.Runtime.Tests.IO;

public class SafeTensorsTests
{
    [Fact]
    public void Round_trip_keeps_names_shapes_values_and_metadata()
    {
        var kernel = new SafeTensor("conv2d.kernel", new[] { 2, 2, 1, 3 }, Enumerable.Range(0, 12).Select(i => i * 0.5f - 2).ToArray());
        var bias = new SafeTensor("conv2d.bias", new[] { 3 }, new[] { 1f, -1f, float.Epsilon });
        using var stream = new MemoryStream();
        SafeTensors.Write(stream, new[] { kernel, bias }, new Dictionary<string, string> { ["k"] = "v" });

        // The data section starts 8-byte aligned, as the reference writer guarantees.
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(stream.ToArray()) % 8);

        stream.Position = 0;
        var content = SafeTensors.Read(stream);
        Assert.Equal(new[] { "conv2d.kernel", "conv2d.bias" }, content.Tensors.Select(t => t.Name));
        Assert.Equal(kernel.Shape, content.Tensors[0].Shape);
        Assert.Equal(kernel.Data, content.Get("conv2d.kernel"));
        Assert.Equal(bias.Data, content.Get("conv2d.bias"));
        Assert.Equal("v", content.Metadata["k"]);
    }

    [Fact]
    public void Reads_a_file_written_by_python()
    {
        var content = SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "io", "python_written.safetensors"));
        Assert.Equal(new[] { 2, 3 }, content.Find("dense.kernel")!.Shape);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f }, content.Get("dense.kernel"));
        Assert.Equal(new[] { -1.5f, 0f, 2.25f }, content.Get("dense.bias"));
        Assert.Equal("{\"units\": 3}", content.Metadata["config"]);
    }

    [Theory]
    [InlineData("short", "shorter than the 8-byte header length")]
    [InlineData("huge-header", "more than the 100000000 allowed")]
    [InlineData("header-cut", "ends inside its")]
    [InlineData("not-json", "not valid JSON")]
    [InlineData("not-object", "not a JSON object")]
    [InlineData("missing-field", "needs \"dtype\"")]
    [InlineData("beyond-data", "truncated file?")]
    [InlineData("wrong-size", "needs 8 bytes but its data_offsets span 4")]
    [InlineData("negative-dim", "not a non-negative integer")]
    public void Corrupt_files_fail_with_a_message_that_says_what_is_wrong(string corruption, string expected)
    {
        var bytes = corruption switch
        {
            "short" => new byte[] { 1, 2, 3 },
            "huge-header" => BitConverter.GetBytes(ulong.MaxValue / 2),
            "header-cut" => File(200, "{}"),
            "not-json" => File(null, "{\"a\": "),
            "not-object" => File(null, "[1, 2]"),
            "missing-field" => File(null, "{\"a\": {\"dtype\": \"F32\"}}"),
            "beyond-data" => File(null, "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}"),
            "wrong-size" => File(null, "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", 4),
            "negative-dim" => File(null, "{\"a\": {\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 4]}}", 4),
            _ => throw new ArgumentOutOfRangeException(nameof(corruption)),
        };
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new MemoryStream(bytes)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Writer_rejects_duplicate_names_and_wrong_lengths()
    {
        Assert.Throws<ArgumentException>(() => new SafeTensor("x", new[] { 2, 2 }, new float[3]));
        var tensor = new SafeTensor("x", new[] { 1 }, new float[1]);
        var error = Assert.Throws<ArgumentException>(() => SafeTensors.Write(new MemoryStream(), new[] { tensor, tensor }));
        Assert.Contains("'x'", error.Message);
    }

    /// <summary>A file with the given JSON header, an optional wrong header length, and some data bytes.</summary>
    private static byte[] File(int? claimedLength, string header, int dataBytes = 0)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)(claimedLength ?? json.Length));
        json.CopyTo(bytes, 8);
        return bytes;
    }
}
