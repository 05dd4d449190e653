using System.Buffers.Binary;
using Generated.Data;
using Generated.Models.Tests.Reliability;

namespace Generated.Runtime.Tests.Data;

public class IdxReaderTests
{
    private static readonly int[] ImageDims = { 3, 2, 4 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_unsigned_byte_images_plain_and_gzip(bool gzip)
    {
        byte[] file = IdxBytes.UnsignedBytes(ImageDims, i => (byte)(i * 10));
        using var folder = new TempDirectory();
        string path = folder.File(gzip ? "images.idx.gz" : "images.idx");
        File.WriteAllBytes(path, gzip ? IdxBytes.Gzip(file) : file);

        IdxArray array = IdxReader.Read(path);

        Assert.Equal(IdxDataType.UnsignedByte, array.DataType);
        Assert.Equal(ImageDims, array.Dimensions);
        Assert.Equal(24, array.Length);
        Assert.Equal("3x2x4", array.DimensionsText);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (float)(byte)(i * 10)), array.ToSingleArray());
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (int)(byte)(i * 10)), array.ToInt32Array());
    }

    [Fact]
    public void Gzip_is_detected_by_content_not_by_name()
    {
        byte[] file = IdxBytes.UnsignedBytes(new[] { 5 }, i => (byte)i);
        using var folder = new TempDirectory();
        string path = folder.File("labels-without-extension");
        File.WriteAllBytes(path, IdxBytes.Gzip(file));

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, IdxReader.Read(path).ToInt32Array());
    }

    [Fact]
    public void Multi_byte_types_are_big_endian()
    {
        var ints = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(ints, -7);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4), 70000);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(8), 1);
        IdxArray intArray = IdxReader.Read(new MemoryStream(IdxBytes.Build(IdxDataType.Int32, new[] { 3 }, ints)), "ints");
        Assert.Equal(new[] { -7, 70000, 1 }, intArray.ToInt32Array());

        var floats = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(floats, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(floats.AsSpan(4), -0.25f);
        IdxArray floatArray = IdxReader.Read(new MemoryStream(IdxBytes.Build(IdxDataType.Single, new[] { 1, 2 }, floats)), "floats");
        Assert.Equal(new[] { 1.5f, -0.25f }, floatArray.ToSingleArray());
        InvalidOperationException notIntegers = Assert.Throws<InvalidOperationException>(() => floatArray.ToInt32Array());
        Assert.Contains("Single", notIntegers.Message);

        var shorts = new byte[4];
        BinaryPrimitives.WriteInt16BigEndian(shorts, -300);
        BinaryPrimitives.WriteInt16BigEndian(shorts.AsSpan(2), 300);
        Assert.Equal(new[] { -300f, 300f }, IdxReader.Read(new MemoryStream(IdxBytes.Build(IdxDataType.Int16, new[] { 2 }, shorts)), "shorts").ToSingleArray());

        var doubles = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, 2.5);
        Assert.Equal(new[] { 2.5f }, IdxReader.Read(new MemoryStream(IdxBytes.Build(IdxDataType.Double, new[] { 1 }, doubles)), "doubles").ToSingleArray());

        Assert.Equal(new[] { -1f, 127f }, IdxReader.Read(new MemoryStream(IdxBytes.Build(IdxDataType.SignedByte, new[] { 2 }, new byte[] { 0xFF, 0x7F })), "sbytes").ToSingleArray());
    }

    [Fact]
    public void Non_seekable_streams_are_read_too()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.UnsignedBytes(new[] { 2, 2 }, i => (byte)(i + 1)));
        using var pipe = new TrickleStream(new MemoryStream(gz), maxRead: 3);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, IdxReader.Read(pipe, "pipe").ToSingleArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_names_file_and_expected_and_actual_sizes(bool gzip)
    {
        byte[] file = IdxBytes.UnsignedBytes(ImageDims, i => (byte)i);
        byte[] truncated = file.AsSpan(0, file.Length - 5).ToArray(); // 16 header + 24 data, keep 35
        using var folder = new TempDirectory();
        string path = folder.File("cut.idx");
        File.WriteAllBytes(path, gzip ? IdxBytes.Gzip(truncated) : truncated);

        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("3x2x4", error.Message);
        Assert.Contains("40 bytes", error.Message);
        Assert.Contains("holds 35", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes_are_reported_not_ignored(bool gzip)
    {
        byte[] file = IdxBytes.UnsignedBytes(ImageDims, i => (byte)i).Concat(new byte[3]).ToArray();
        byte[] content = gzip ? IdxBytes.Gzip(file) : file;

        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(content), "long.idx"));

        Assert.Contains("'long.idx' has extra bytes", error.Message);
        Assert.Contains("should hold 40 bytes", error.Message);
        Assert.Contains("holds 43", error.Message);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        byte[] file = IdxBytes.UnsignedBytes(ImageDims, i => (byte)i).AsSpan(0, 9).ToArray();
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(file), "head.idx"));
        Assert.Contains("3 dimensions", error.Message);
        Assert.Contains("16 bytes long", error.Message);
        Assert.Contains("after 9 bytes", error.Message);

        IdxFormatException tiny = Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(new byte[] { 0, 0 }), "tiny.idx"));
        Assert.Contains("fewer than the 4-byte IDX magic", tiny.Message);
    }

    [Fact]
    public void Bad_magic_unknown_type_and_zero_rank_are_rejected()
    {
        byte[] png = { 0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0 };
        Assert.Contains("starts with bytes 89 50", Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(png), "x.png")).Message);

        byte[] unknownType = { 0, 0, 0x0A, 1, 0, 0, 0, 0 };
        Assert.Contains("unknown IDX element type 0x0a", Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(unknownType), "t")).Message);

        byte[] zeroRank = { 0, 0, 0x08, 0 };
        Assert.Contains("0 dimensions", Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(zeroRank), "r")).Message);
    }

    [Fact]
    public void Header_claiming_an_impossible_size_fails_before_allocating()
    {
        byte[] huge = IdxBytes.Build(IdxDataType.Double, new[] { 100_000, 100_000 }, new byte[16]);
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(huge), "huge"));
        Assert.Contains("probably corrupt", error.Message);

        // Plausible-looking but far larger than the gzip content: detected as truncation after reading.
        byte[] claimsMore = IdxBytes.Gzip(IdxBytes.Build(IdxDataType.UnsignedByte, new[] { 60_000, 28, 28 }, new byte[100]));
        IdxFormatException truncated = Assert.Throws<IdxFormatException>(() => IdxReader.Read(new MemoryStream(claimsMore), "claims"));
        Assert.Contains("truncated", truncated.Message);
        Assert.Contains("47,040,016", truncated.Message);
    }

    [Fact]
    public void Damaged_gzip_is_reported_with_the_file_name()
    {
        byte[] gz = IdxBytes.Gzip(IdxBytes.UnsignedBytes(new[] { 64, 64 }, i => (byte)(i * 7)));
        for (int i = 12; i < gz.Length - 8; i += 3)
        {
            gz[i] ^= 0x5A; // scramble the deflate stream, keep the gzip header
        }

        using var folder = new TempDirectory();
        string path = folder.File("damaged.gz");
        File.WriteAllBytes(path, gz);

        IdxFormatException error = Assert.Throws<IdxFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        using var folder = new TempDirectory();
        string path = folder.File("absent");
        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => IdxReader.Read(path));
        Assert.Contains(path, error.Message);
    }
}
