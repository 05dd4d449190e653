using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Generated.IO;

/// <summary>
/// Reads and writes the safetensors format (https://huggingface.co/docs/safetensors): an 8-byte
/// little-endian header length, a UTF-8 JSON header mapping each tensor name to its dtype, shape and
/// byte range, an optional <c>__metadata__</c> map of strings, then the raw little-endian data.
/// Reflection-free (System.Text.Json's document and writer), so it trims and AOT-compiles.
/// </summary>
public static class SafeTensors
{
    /// <summary>The dtype string of 32-bit floats.</summary>
    public const string Float32 = "F32";

    /// <summary>Headers larger than this are rejected as corrupt (the reference implementation's limit).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Reads every tensor and the metadata of the file at <paramref name="path"/>.</summary>
    public static SafeTensorsContent Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (SafeTensorsFormatException e)
        {
            throw new SafeTensorsFormatException($"'{path}' is not a valid safetensors file: {e.Message}", e);
        }
    }

    /// <summary>Reads every tensor and the metadata from <paramref name="stream"/> (read to its end).</summary>
    public static SafeTensorsContent Read(Stream stream)
    {
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

        var header = new byte[headerLength];
        if (ReadFully(stream, header) < header.Length)
        {
            throw new SafeTensorsFormatException($"it ends inside its {headerLength}-byte JSON header.");
        }
        using var data = new MemoryStream();
        stream.CopyTo(data);
        var bytes = data.GetBuffer().AsSpan(0, (int)data.Length);

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
            var tensors = new List<SafeTensor>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata);
                    continue;
                }
                tensors.Add(ReadTensor(property.Name, property.Value, bytes));
            }
            return new SafeTensorsContent(tensors, metadata);
        }
    }

    /// <summary>Writes <paramref name="tensors"/> (float32) and optional string <paramref name="metadata"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var headerBuffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerBuffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var pair in metadata)
                {
                    json.WriteString(pair.Key, pair.Value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                if (tensor.Data is null || tensor.DType != Float32)
                {
                    throw new ArgumentException($"Tensor '{tensor.Name}' is {tensor.DType}; only F32 tensors with data can be written.", nameof(tensors));
                }
                if (tensor.Name == MetadataKey || !names.Add(tensor.Name))
                {
                    throw new ArgumentException($"Tensor name '{tensor.Name}' is reserved or used twice; names must be unique.", nameof(tensors));
                }
                var length = tensor.ElementCount * sizeof(float);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", Float32);
                json.WriteStartArray("shape");
                foreach (var dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }
            json.WriteEndObject();
        }

        // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padding = (int)((8 - headerBuffer.Length % 8) % 8);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)(headerBuffer.Length + padding));
        stream.Write(prefix);
        stream.Write(headerBuffer.GetBuffer(), 0, (int)headerBuffer.Length);
        for (var i = 0; i < padding; i++)
        {
            stream.WriteByte((byte)' ');
        }
        foreach (var tensor in tensors)
        {
            WriteFloats(stream, tensor.Data!);
        }
    }

    /// <summary>Writes the file at <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public static void Write(string path, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Write(stream, tensors, metadata);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static SafeTensor ReadTensor(string name, JsonElement entry, ReadOnlySpan<byte> data)
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
        long count = 1;
        var index = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt32(out var value) || value < 0)
            {
                throw new SafeTensorsFormatException($"tensor '{name}' has a shape entry that is not a non-negative integer: {dimension.GetRawText()}.");
            }
            shape[index++] = value;
            count *= value;
        }

        var begin = ReadOffset(name, offsetsElement[0]);
        var end = ReadOffset(name, offsetsElement[1]);
        if (begin > end || end > data.Length)
        {
            throw new SafeTensorsFormatException($"tensor '{name}' claims bytes {begin}..{end}, but the data section has {data.Length} bytes (truncated file?).");
        }
        var size = ElementSize(dtype);
        if (size > 0 && end - begin != count * size)
        {
            throw new SafeTensorsFormatException($"tensor '{name}' ({dtype}, shape [{string.Join(", ", shape)}]) needs {count * size} bytes but its data_offsets span {end - begin}.");
        }
        if (dtype != Float32)
        {
            return new SafeTensor(name, dtype, shape, null);
        }
        var values = new float[count];
        var source = data.Slice((int)begin, (int)(end - begin));
        if (BitConverter.IsLittleEndian)
        {
            source.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4));
            }
        }
        return new SafeTensor(name, dtype, shape, values);
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

    /// <summary>Bytes per element of a safetensors dtype, or 0 when unknown.</summary>
    private static int ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => 0,
    };

    private static void WriteFloats(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        Span<byte> buffer = stackalloc byte[4];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
            stream.Write(buffer);
        }
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
}
