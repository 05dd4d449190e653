using System.Buffers.Binary;
using System.IO.Compression;
using Generated.Data;

namespace Generated.Runtime.Tests.Data;

/// <summary>Builds IDX files byte by byte, independently of the reader under test.</summary>
internal static class IdxBytes
{
    public static byte[] Build(IdxDataType type, int[] dimensions, byte[] elementBytes)
    {
        var header = new byte[4 + (4 * dimensions.Length)];
        header[2] = (byte)type;
        header[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        return header.Concat(elementBytes).ToArray();
    }

    public static byte[] UnsignedBytes(int[] dimensions, Func<int, byte> value)
    {
        int count = dimensions.Aggregate(1, (a, b) => a * b);
        return Build(IdxDataType.UnsignedByte, dimensions, Enumerable.Range(0, count).Select(value).ToArray());
    }

    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
