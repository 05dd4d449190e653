using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Generated.IO;

public static partial class SafeTensors
{
    /// <summary>The largest data section this reader holds: the longest byte array .NET allocates (netstandard lacks Array.MaxLength).</summary>
    private const int MaxDataBytes = 0x7FFFFFC7;

    /// <summary>Bytes reserved at a time while reading a stream of unknown length, so a claimed size costs memory only as its bytes arrive.</summary>
    private const int ReadBlockBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads every tensor and the metadata from <paramref name="stream"/>: the header, then the data section up to the
    /// last tensor's end (bytes after it are left unread). Every claim of the header (its length, each tensor's dtype,
    /// shape and byte range) is checked before memory is reserved for it, so a corrupt or hostile file fails with a
    /// <see cref="SafeTensorsFormatException"/> naming the tensor, never with an out-of-memory error or a hang.
    /// </summary>
    public static SafeTensorsContent Read(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }
        Span<byte> prefix = stackalloc byte[8];
        if (ReadFully(stream, prefix) < 8)
        {
            throw new SafeTensorsFormatException("it is shorter than the 8-byte header length that starts every safetensors file.");
        }
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
        {
            throw new SafeTensorsFormatException($"its header claims {headerLength} bytes, more than the {MaxHeaderBytes} allowed; the file is corrupt or not safetensors.");
        }
        if (Remaining(stream) is long left && (long)headerLength > left)
        {
            throw new SafeTensorsFormatException($"it ends inside its {headerLength}-byte JSON header ({left} bytes follow the header length).");
        }
        var header = ReadBytes(stream, (int)headerLength, out var headerRead);
        if (headerRead < (int)headerLength)
        {
            throw new SafeTensorsFormatException($"it ends inside its {headerLength}-byte JSON header ({headerRead} bytes follow the header length).");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = ParseHeader(header, metadata);
        long dataLength = 0;
        foreach (var entry in entries)
        {
            if (entry.End > MaxDataBytes)
            {
                throw new SafeTensorsFormatException($"tensor '{entry.Name}' claims bytes {entry.Begin}..{entry.End}, past the {MaxDataBytes} bytes this reader holds (2 GB).");
            }
            dataLength = Math.Max(dataLength, entry.End);
        }
        if (Remaining(stream) is long rest && dataLength > rest)
        {
            throw Truncated(entries, rest);
        }
        var data = ReadBytes(stream, (int)dataLength, out var dataRead);
        if (dataRead < dataLength)
        {
            throw Truncated(entries, dataRead);
        }

        var tensors = new List<SafeTensor>(entries.Count);
        foreach (var entry in entries)
        {
            tensors.Add(entry.DType == Float32
                ? new SafeTensor(entry.Name, entry.DType, entry.Shape, ReadFloats(data.AsSpan((int)entry.Begin, (int)(entry.End - entry.Begin))))
                : new SafeTensor(entry.Name, entry.DType, entry.Shape, null));
        }
        return new SafeTensorsContent(tensors, metadata);
    }

    /// <summary>The header's tensor entries in header order, each checked on its own and against the others (no name twice, no shared bytes).</summary>
    private static List<Entry> ParseHeader(byte[] header, Dictionary<string, string> metadata)
    {
        try
        {
            StrictUtf8.GetCharCount(header);
        }
        catch (DecoderFallbackException e)
        {
            throw new SafeTensorsFormatException($"its header is not valid UTF-8 (byte {e.Index} of the header).", e);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"its header is not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SafeTensorsFormatException("its header is not a JSON object.");
            }
            var entries = new List<Entry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                {
                    throw new SafeTensorsFormatException($"tensor '{property.Name}' appears twice in the header; names must be unique.");
                }
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata);
                    continue;
                }
                entries.Add(ReadEntry(property.Name, property.Value));
            }
            CheckDisjoint(entries);
            return entries;
        }
    }

    private static Entry ReadEntry(string name, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2)
        {
            throw new SafeTensorsFormatException($"the header entry of tensor '{name}' needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\" ([begin, end]).");
        }

        var dtype = dtypeElement.GetString()!;
        var shape = new int[shapeElement.GetArrayLength()];
        var index = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out var value) || value < 0)
            {
                throw new SafeTensorsFormatException($"tensor '{name}' has a shape entry that is not a non-negative integer: {dimension.GetRawText()}.");
            }
            shape[index++] = value;
        }
        var begin = ReadOffset(name, offsetsElement[0]);
        var end = ReadOffset(name, offsetsElement[1]);
        if (begin > end)
        {
            throw new SafeTensorsFormatException($"tensor '{name}' claims bytes {begin}..{end}: its data_offsets run backwards.");
        }

        var size = ElementSize(dtype);
        var count = ElementCount(name, shape, size);
        if (size > 0 && end - begin != count * size)
        {
            throw new SafeTensorsFormatException($"tensor '{name}' ({dtype}, shape [{string.Join(", ", shape)}]) needs {count * size} bytes but its data_offsets span {end - begin}.");
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    /// <summary>The product of <paramref name="shape"/>, refused when it (times the element size) would overflow 64 bits.</summary>
    private static long ElementCount(string name, int[] shape, int elementSize)
    {
        if (Array.IndexOf(shape, 0) >= 0)
        {
            return 0;
        }
        var limit = long.MaxValue / Math.Max(1, elementSize);
        long count = 1;
        foreach (var dimension in shape)
        {
            if (count > limit / dimension)
            {
                throw new SafeTensorsFormatException($"tensor '{name}' has shape [{string.Join(", ", shape)}], whose element count overflows a 64-bit size.");
            }
            count *= dimension;
        }
        return count;
    }

    /// <summary>Refuses two tensors whose byte ranges overlap (the format gives every byte of the data section to one tensor).</summary>
    private static void CheckDisjoint(List<Entry> entries)
    {
        var ordered = entries.FindAll(entry => entry.End > entry.Begin);
        ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, next) = (ordered[i - 1], ordered[i]);
            if (next.Begin < previous.End)
            {
                throw new SafeTensorsFormatException($"tensors '{previous.Name}' (bytes {previous.Begin}..{previous.End}) and '{next.Name}' (bytes {next.Begin}..{next.End}) overlap.");
            }
        }
    }

    /// <summary>The error for a data section of <paramref name="available"/> bytes, naming the first tensor (in header order) past its end.</summary>
    private static SafeTensorsFormatException Truncated(List<Entry> entries, long available)
    {
        var entry = entries.Find(e => e.End > available)!;
        return new SafeTensorsFormatException($"tensor '{entry.Name}' claims bytes {entry.Begin}..{entry.End}, but the data section has {available} bytes (truncated file?).");
    }

    private static long ReadOffset(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value) || value < 0)
        {
            throw new SafeTensorsFormatException($"tensor '{name}' has a data offset that is not a non-negative integer: {element.GetRawText()}.");
        }
        return value;
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SafeTensorsFormatException("its \"__metadata__\" entry is not an object of strings.");
        }
        foreach (var pair in element.EnumerateObject())
        {
            if (pair.Value.ValueKind != JsonValueKind.String)
            {
                throw new SafeTensorsFormatException($"metadata entry '{pair.Name}' is not a string.");
            }
            metadata[pair.Name] = pair.Value.GetString()!;
        }
    }

    private static float[] ReadFloats(ReadOnlySpan<byte> source)
    {
        var values = new float[source.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4));
        }
        return values;
    }

    /// <summary>Bytes left in a seekable stream, or null when the stream cannot say.</summary>
    private static long? Remaining(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return null;
        }
        try
        {
            return Math.Max(0, stream.Length - stream.Position);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> bytes (fewer when the stream ends first; <paramref name="read"/> says how many),
    /// reserved a block at a time so a length the stream does not hold costs no more memory than the bytes it does.
    /// </summary>
    private static byte[] ReadBytes(Stream stream, int count, out int read)
    {
        var known = Remaining(stream) is long left && left >= count;
        var buffer = new byte[known ? count : Math.Min(count, ReadBlockBytes)];
        read = 0;
        while (read < count)
        {
            if (read == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
            }
            var got = ReadFully(stream, buffer.AsSpan(read, buffer.Length - read));
            read += got;
            if (read < buffer.Length)
            {
                break;
            }
        }
        return buffer;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer.Slice(total));
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    /// <summary>One tensor's header entry, checked: its byte range is ordered and matches its dtype and shape.</summary>
    private sealed record Entry(string Name, string DType, int[] Shape, long Begin, long End);
}
