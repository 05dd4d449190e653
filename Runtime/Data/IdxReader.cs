using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Generated.Data;

/// <summary>
/// Reads IDX files (the format of MNIST and Fashion-MNIST), plain or gzip-compressed: a magic number
/// <c>00 00 type rank</c>, <c>rank</c> big-endian 32-bit dimensions, then the elements.
/// </summary>
/// <remarks>
/// Compression is detected from the content (gzip's <c>1f 8b</c> signature), not from the file name.
/// Every inconsistency (bad magic, unknown type, too few or too many bytes) throws an
/// <see cref="IdxFormatException"/> that names the file and the expected and actual sizes.
/// </remarks>
public static class IdxReader
{
    // Data is read in pieces of at most this size, so a corrupt header that claims gigabytes costs
    // nothing until the bytes actually arrive.
    private const int ChunkSize = 1 << 22;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IdxFormatException">The file is not a complete, well-formed IDX file.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The IDX file '{path}' does not exist.", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads one IDX array from <paramref name="stream"/> to its end; <paramref name="sourceName"/>
    /// names it in error messages. Non-seekable streams are buffered in memory first.
    /// </summary>
    /// <exception cref="IdxFormatException">The stream does not hold exactly one well-formed IDX array.</exception>
    public static IdxArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            stream = buffered;
        }

        long start = stream.Position;
        Span<byte> signature = stackalloc byte[2];
        int signatureLength = ReadFully(stream, signature);
        stream.Position = start;
        bool gzip = signatureLength == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        if (!gzip)
        {
            return ReadUncompressed(stream, sourceName, stream.Length - start);
        }

        try
        {
            using var decompressed = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return ReadUncompressed(decompressed, sourceName, availableBytes: -1);
        }
        catch (InvalidDataException exception)
        {
            throw new IdxFormatException(
                sourceName,
                $"'{sourceName}' starts like a gzip file but cannot be decompressed ({exception.Message}). The download is probably damaged: delete the file and fetch it again.",
                exception);
        }
    }

    // availableBytes is the exact remaining length for plain seekable input, or -1 when it is only
    // known after reading (gzip).
    private static IdxArray ReadUncompressed(Stream stream, string source, long availableBytes)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = ReadFully(stream, magic);
        if (got < 4)
        {
            throw new IdxFormatException(source, $"'{source}' is truncated: it has {got} bytes, fewer than the 4-byte IDX magic number.");
        }

        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new IdxFormatException(
                source,
                string.Create(CultureInfo.InvariantCulture, $"'{source}' is not an IDX file: it starts with bytes {magic[0]:x2} {magic[1]:x2}, but an IDX file starts with 00 00 (only plain and gzip-compressed IDX files are read)."));
        }

        var dataType = (IdxDataType)magic[2];
        if (!Enum.IsDefined(dataType))
        {
            throw new IdxFormatException(
                source,
                string.Create(CultureInfo.InvariantCulture, $"'{source}' declares the unknown IDX element type 0x{magic[2]:x2}; IDX defines 0x08 (ubyte), 0x09 (sbyte), 0x0b (int16), 0x0c (int32), 0x0d (float32) and 0x0e (float64)."));
        }

        int rank = magic[3];
        if (rank == 0)
        {
            throw new IdxFormatException(source, $"'{source}' declares 0 dimensions; an IDX array has at least one.");
        }

        int headerSize = 4 + (4 * rank);
        Span<byte> dimensionBytes = stackalloc byte[4 * rank];
        got = ReadFully(stream, dimensionBytes);
        if (got < dimensionBytes.Length)
        {
            throw new IdxFormatException(
                source,
                string.Create(CultureInfo.InvariantCulture, $"'{source}' is truncated: its header declares {rank} dimensions and so is {headerSize} bytes long, but the file ends after {4 + got} bytes."));
        }

        var dimensions = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++)
        {
            uint dimension = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes.Slice(4 * i));
            if (dimension > int.MaxValue)
            {
                throw new IdxFormatException(
                    source,
                    string.Create(CultureInfo.InvariantCulture, $"'{source}' declares dimension {i} as {dimension}, more than the largest array this reader supports ({int.MaxValue}); the header is probably corrupt."));
            }

            dimensions[i] = (int)dimension;
            length *= dimension;
            if (length > Array.MaxLength)
            {
                throw new IdxFormatException(
                    source,
                    string.Create(CultureInfo.InvariantCulture, $"'{source}' declares dimensions {IdxArray.FormatDimensions(dimensions.AsSpan(0, i + 1))}..., more elements than one array can hold ({Array.MaxLength}); the header is probably corrupt."));
            }
        }

        int elementSize = IdxArray.ElementSize(dataType);
        long dataBytes = length * elementSize;
        string shape = IdxArray.FormatDimensions(dimensions);
        if (dataBytes > Array.MaxLength)
        {
            throw new IdxFormatException(
                source,
                string.Create(CultureInfo.InvariantCulture, $"'{source}' declares {shape} {dataType} elements, {dataBytes:N0} bytes, more than one array can hold; the header is probably corrupt."));
        }

        if (availableBytes >= 0 && availableBytes != headerSize + dataBytes)
        {
            throw SizeMismatch(source, shape, dataType, headerSize, dataBytes, availableBytes);
        }

        // A plain file's size was checked above, so its buffer can be allocated at once.
        byte[] data = ReadData(stream, (int)dataBytes, trustedLength: availableBytes >= 0, out int dataRead);
        if (dataRead < dataBytes)
        {
            throw SizeMismatch(source, shape, dataType, headerSize, dataBytes, headerSize + dataRead);
        }

        if (availableBytes < 0)
        {
            // Compressed input: the length is only known now. Count what follows the declared data.
            long trailing = CountRemaining(stream);
            if (trailing > 0)
            {
                throw SizeMismatch(source, shape, dataType, headerSize, dataBytes, headerSize + dataBytes + trailing);
            }
        }

        return new IdxArray(dataType, dimensions, data, length);
    }

    private static IdxFormatException SizeMismatch(string source, string shape, IdxDataType dataType, int headerSize, long dataBytes, long actualBytes)
    {
        long expected = headerSize + dataBytes;
        string what = actualBytes < expected
            ? "is truncated"
            : "has extra bytes after its data";
        return new IdxFormatException(
            source,
            string.Create(CultureInfo.InvariantCulture, $"'{source}' {what}: its header declares {shape} {dataType} elements, so it should hold {expected:N0} bytes ({headerSize} header + {dataBytes:N0} data), but it holds {actualBytes:N0}. Delete the file and fetch it again."));
    }

    // Reads up to `count` bytes; unless the length is already verified, the buffer grows as data
    // arrives instead of trusting the header.
    private static byte[] ReadData(Stream stream, int count, bool trustedLength, out int read)
    {
        byte[] buffer = GC.AllocateUninitializedArray<byte>(trustedLength ? count : Math.Min(count, ChunkSize));
        read = 0;
        while (read < count)
        {
            if (read == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, Math.Max((long)buffer.Length * 2, ChunkSize)));
            }

            int n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return buffer;
    }

    private static long CountRemaining(Stream stream)
    {
        var scratch = new byte[4096];
        long total = 0;
        int n;
        while ((n = stream.Read(scratch, 0, scratch.Length)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer.Slice(total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
