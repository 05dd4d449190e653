using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Generated.CompilerServices;
using Generated.IO;
using Generated.Models.Tests.Reliability;

namespace Generated.Runtime.Tests.Reliability;

/// <summary>
/// The failures the weight-file campaign found (docs/RELIABILITY.md), one test each: each passed through the reader
/// before the fix (duplicates, overlaps and overflowing shapes were accepted, invalid UTF-8 escaped as an
/// InvalidOperationException, a claimed size was allocated before it was checked, a stream was read to its end,
/// NaN weights loaded silently).
/// </summary>
public class WeightFileRegressionTests
{
    private static readonly TensorSpec[] Specs =
    {
        new("dense.kernel", new[] { 2, 2 }, true, 0),
        new("dense.bias", new[] { 2 }, true, 4),
    };

    private const string Bias = "\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}";
    private const string Kernel = "\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}";

    [Fact]
    public void Duplicate_tensor_names_are_refused_naming_the_tensor()
    {
        var error = Refused("{" + Kernel + "," + Bias + "," + Kernel + "}", 24);
        Assert.Contains("'dense.kernel' appears twice", error.Message);
    }

    [Fact]
    public void Overlapping_byte_ranges_are_refused_naming_both_tensors()
    {
        var error = Refused("{" + Kernel + ",\"dense.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16);
        Assert.Contains("'dense.kernel' (bytes 0..16) and 'dense.bias' (bytes 8..16) overlap", error.Message);
    }

    [Theory]
    [InlineData("dense.k\u00FFernel")]
    [InlineData("F3\u00C0\u00AF")]
    public void Invalid_utf8_in_the_header_is_a_format_error_not_an_invalid_operation(string marked)
    {
        // \u00FF and \u00C0\u00AF stand for the raw bytes 0xFF and 0xC0 0xAF (invalid UTF-8), spliced in below.
        var text = "{" + Kernel.Replace("dense.kernel", marked.StartsWith("dense", StringComparison.Ordinal) ? marked : "dense.kernel")
            .Replace("\"F32\"", marked.StartsWith("F3", StringComparison.Ordinal) ? "\"" + marked + "\"" : "\"F32\"") + "," + Bias + "}";
        var header = text.Select(c => (byte)c).ToArray();
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(new MemoryStream(Make(header, 24)), Specs, new float[6], []));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void Shape_whose_element_count_overflows_is_refused_naming_the_tensor()
    {
        var error = Refused("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536,16],\"data_offsets\":[0,0]}," + Bias.Replace("[16,24]", "[0,8]") + "}", 8);
        Assert.Contains("'dense.kernel' has shape [65536, 65536, 65536, 65536, 16], whose element count overflows", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_claimed_header_length_costs_no_memory_the_file_does_not_hold(bool forwardOnly)
    {
        var bytes = new byte[18];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 99_999_999);
        Stream stream = forwardOnly ? new ForwardOnlyStream(new MemoryStream(bytes)) : new MemoryStream(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(stream));
        Assert.Contains("ends inside its 99999999-byte JSON header", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "a 100 MB claim must not be allocated for an 18-byte file");
    }

    [Fact]
    public void A_claimed_data_range_costs_no_memory_the_stream_does_not_hold()
    {
        var header = Encoding.UTF8.GetBytes("{\"dense.kernel\":{\"dtype\":\"F32\",\"shape\":[400000000],\"data_offsets\":[0,1600000000]}}");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Read(new ForwardOnlyStream(new MemoryStream(Make(header, 16)))));
        Assert.Contains("tensor 'dense.kernel' claims bytes 0..1600000000, but the data section has 16 bytes", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "a 1.6 GB claim must not be allocated for a 16-byte data section");
    }

    [Fact]
    public void A_stream_that_goes_on_after_the_data_section_is_not_read_to_its_end()
    {
        var header = Encoding.UTF8.GetBytes("{" + Kernel + "," + Bias + "}");
        var file = Make(header, 24);
        var clock = Stopwatch.StartNew();
        var trainable = new float[6];
        WeightFile.Load(new EndlessStream(file), Specs, trainable, []);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.All(trainable, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Nan_or_infinite_weights_are_refused_by_default_and_loaded_with_a_warning_when_asked()
    {
        var values = new[] { 1f, float.NaN, 3f, float.PositiveInfinity, 5f, 6f };
        using var stream = new MemoryStream();
        WeightFile.Save(stream, Specs, values, []);
        var file = stream.ToArray();

        var trainable = new[] { 9f, 9f, 9f, 9f, 9f, 9f };
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(new MemoryStream(file), Specs, trainable, []));
        Assert.Contains("'dense.kernel' holds 2 non-finite values (the first, NaN, at index 1)", error.Message);
        Assert.All(trainable, v => Assert.Equal(9f, v));

        var layers = Array.Empty<LayerInfo>();
        var partial = WeightFile.Load(new MemoryStream(file), Specs, layers, trainable, [], WeightLoadOptions.Partial());
        Assert.False(partial.IsComplete);
        Assert.Equal(new[] { "dense.bias" }, partial.Loaded);
        Assert.Equal(9f, trainable[0]);

        var warned = WeightFile.Load(new MemoryStream(file), Specs, layers, trainable, [], new WeightLoadOptions { NonFinite = NonFiniteWeights.Warn });
        Assert.True(warned.IsComplete);
        Assert.Contains(warned.NonFinite, w => w.Contains("'dense.kernel'", StringComparison.Ordinal));
        Assert.True(float.IsNaN(trainable[1]) && float.IsPositiveInfinity(trainable[3]));
    }

    private static WeightFileException Refused(string header, int dataBytes)
    {
        var trainable = new[] { 7f, 7f, 7f, 7f, 7f, 7f };
        var error = Assert.Throws<WeightFileException>(() => WeightFile.Load(new MemoryStream(Make(Encoding.UTF8.GetBytes(header), dataBytes)), Specs, trainable, []));
        Assert.All(trainable, v => Assert.Equal(7f, v));
        return error;
    }

    private static byte[] Make(byte[] header, int dataBytes)
    {
        var bytes = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        return bytes;
    }
}
