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
public static partial class SafeTensors
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

    /// <summary>Bytes per element of a safetensors dtype, or 0 when unknown.</summary>
    internal static int ElementSize(string dtype) => dtype switch
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
}
