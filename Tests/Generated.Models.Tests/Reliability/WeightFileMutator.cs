using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Generated.Models.Tests.Reliability;

/// <summary>
/// One mutated weight file: its bytes, what was done (for the failure report), the tensor a failure must name (null when
/// the mutation touches no one tensor), whether every load must fail, and whether the change is a NaN or infinity
/// (which <see cref="Generated.IO.NonFiniteWeights.Warn"/> loads).
/// </summary>
internal sealed record MutatedFile(byte[] Bytes, string Description, string? Tensor, bool MustFail, bool NonFinite = false)
{
    public MutatedFile(byte[] bytes, string description, string? tensor) : this(bytes, description, tensor, tensor is not null) { }
}

/// <summary>
/// Structured mutations of a valid safetensors file (docs/RELIABILITY.md, weight-file fuzzing): the file is split into
/// its header (JSON) and data section, and each case changes one thing a hostile or damaged file could get wrong —
/// truncation, the header length, UTF-8, JSON, one tensor's offsets, dtype or shape, duplicated, missing or extra
/// tensors, NaN/infinity values, random byte flips — and reassembles the bytes.
/// </summary>
internal static class WeightFileMutator
{
    /// <summary>The mutation kinds, each drawn equally often.</summary>
    public const int Kinds = 14;

    public static MutatedFile Mutate(byte[] valid, Random random)
    {
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);
        var header = JsonNode.Parse(valid.AsSpan(8, headerLength))!.AsObject();
        var data = valid.AsSpan(8 + headerLength).ToArray();
        var names = header.Select(p => p.Key).Where(k => k != "__metadata__").ToArray();
        var name = names[random.Next(names.Length)];
        var entry = header[name]!.AsObject();
        var begin = (long)entry["data_offsets"]![0]!;
        var end = (long)entry["data_offsets"]![1]!;

        switch (random.Next(Kinds))
        {
            case 0:
            {
                // Truncated anywhere; a cut inside the data section must name the first tensor it cuts.
                var length = random.Next(valid.Length);
                var cutTensor = length > 8 + headerLength ? FirstCut(header, names, length - 8 - headerLength) : null;
                return new(valid.AsSpan(0, length).ToArray(), $"truncated to {length} of {valid.Length} bytes", cutTensor, MustFail: true);
            }
            case 1:
            {
                ulong[] claims = [(ulong)headerLength + 1 + (ulong)random.Next(1 << 20), 99_999_999, 100_000_001, 1UL << 40, ulong.MaxValue, (ulong)random.Next(headerLength)];
                var claim = claims[random.Next(claims.Length)];
                var bytes = (byte[])valid.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, claim);
                // Past the file's end it must fail; shorter or longer claims can still make a valid file (the header ends in padding
                // spaces, so a few bytes less can leave whole JSON and start the data earlier): then the load must take its values.
                return new(bytes, $"header length {claim} instead of {headerLength}", null, MustFail: claim > (ulong)(valid.Length - 8));
            }
            case 2:
            {
                // Invalid UTF-8 inside the header: a lone continuation byte, an overlong form, a truncated sequence, a surrogate.
                byte[][] sequences = [[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80]];
                var text = Encoding.UTF8.GetBytes(header.ToJsonString());
                var at = random.Next(text.Length + 1);
                var bad = sequences[random.Next(sequences.Length)];
                return new(Assemble(text[..at].Concat(bad).Concat(text[at..]).ToArray(), data), $"invalid UTF-8 {Convert.ToHexString(bad)} at header byte {at}", null, MustFail: true);
            }
            case 3:
            {
                // Broken JSON: one character deleted, inserted or replaced (may still be valid: then the load must succeed).
                var text = header.ToJsonString();
                var at = random.Next(text.Length);
                const string characters = "{}[]\",:0123456789-.eE \\tnul";
                var c = characters[random.Next(characters.Length)];
                text = random.Next(3) switch
                {
                    0 => text.Remove(at, 1),
                    1 => text.Insert(at, c.ToString()),
                    _ => text.Remove(at, 1).Insert(at, c.ToString()),
                };
                return new(Assemble(Encoding.UTF8.GetBytes(text), data), $"JSON edited at character {at} ('{c}')", null);
            }
            case 4:
            {
                // Offsets past the data section, backwards, negative, huge or not integers.
                JsonNode[] offsets = random.Next(7) switch
                {
                    0 => [begin, (long)data.Length + 4 + random.Next(1 << 16)],
                    1 => [end, begin == end ? begin - 1 : begin],
                    2 => [-4, end],
                    3 => [begin, 1L << 62],
                    4 => [begin, long.MaxValue],
                    5 => [begin + 0.5, end],
                    _ => [(long)data.Length + 4, (long)data.Length + 4 + (end - begin)],
                };
                entry["data_offsets"] = new JsonArray(offsets);
                return new(Assemble(header, data), $"'{name}' data_offsets [{offsets[0]}, {offsets[1]}] instead of [{begin}, {end}]", name);
            }
            case 5:
            {
                // Overlapping another tensor's bytes with a range of the right length.
                var other = names[random.Next(names.Length)];
                var otherBegin = (long)header[other]!["data_offsets"]![0]!;
                var shift = (end - begin) <= 4 ? 0 : 4 * random.Next((int)((end - begin) / 4));
                var start = Math.Min(otherBegin + shift, data.Length - (end - begin));
                if (other == name || end == begin || start == begin)
                {
                    return Duplicate(header, data, name, entry);
                }
                entry["data_offsets"] = new JsonArray(start, start + (end - begin));
                return new(Assemble(header, data), $"'{name}' moved to bytes {start}.. (overlapping '{other}')", null);
            }
            case 6:
            {
                // Another dtype: same offsets (the sizes disagree) or offsets fitted to it (then the dtype itself must be refused).
                string[] dtypes = ["F16", "BF16", "I64", "F64", "I32", "U8", "BOOL", "F8_E4M3", "complex64", "", "f32"];
                var dtype = dtypes[random.Next(dtypes.Length)];
                entry["dtype"] = dtype;
                return new(Assemble(header, data), $"'{name}' dtype {dtype}", name);
            }
            case 7:
            {
                string[] dtypes = ["F16", "BF16", "I64", "F64"];
                var dtype = dtypes[random.Next(dtypes.Length)];
                var count = (end - begin) / 4;
                var size = dtype is "F16" or "BF16" ? 2 : 8;
                entry["dtype"] = dtype;
                entry["data_offsets"] = new JsonArray(begin, begin + count * size);
                return new(Assemble(header, data), $"'{name}' dtype {dtype} with offsets of that size", name);
            }
            case 8:
            {
                // Shapes: a product that overflows, a dimension too many or too few, zero, negative, fractional, absurd.
                var shape = entry["shape"]!.AsArray().Select(d => (long)d!).ToList();
                JsonArray mutated = random.Next(7) switch
                {
                    0 => new JsonArray(int.MaxValue, int.MaxValue, int.MaxValue, 2),
                    1 => new JsonArray(65536, 65536, 65536, 65536, 16),
                    2 => new JsonArray(shape.Append(1).Select(d => (JsonNode)d).ToArray()),
                    3 => new JsonArray(shape.Count > 1 ? shape.Skip(1).Select(d => (JsonNode)d).ToArray() : [0]),
                    4 => new JsonArray(-1, shape.Aggregate(1L, (a, b) => a * b)),
                    5 => new JsonArray(1.5),
                    _ => new JsonArray(int.MaxValue),
                };
                entry["shape"] = mutated;
                return new(Assemble(header, data), $"'{name}' shape {mutated.ToJsonString()}", name);
            }
            case 9:
                return Duplicate(header, data, name, entry);
            case 10:
                header.Remove(name);
                return new(Assemble(header, data), $"'{name}' removed", name);
            case 11:
            {
                // A tensor the network does not have: renamed, or added at the end.
                if (random.Next(2) == 0)
                {
                    var renamed = name + "_renamed";
                    header.Remove(name);
                    header[renamed] = entry;
                    return new(Assemble(header, data), $"'{name}' renamed", name);
                }
                header["extra.kernel"] = new JsonObject { ["dtype"] = "F32", ["shape"] = new JsonArray(2), ["data_offsets"] = new JsonArray(data.Length, data.Length + 8) };
                return new(Assemble(header, data.Concat(new byte[8]).ToArray()), "extra tensor appended", "extra.kernel");
            }
            case 12:
            {
                // NaN or an infinity in one tensor (refused by default, naming it).
                if (end == begin)
                {
                    return Duplicate(header, data, name, entry);
                }
                float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC00001)];
                var value = values[random.Next(values.Length)];
                var at = begin + 4 * random.Next((int)((end - begin) / 4));
                var bytes = (byte[])data.Clone();
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((int)at), value);
                return new(Assemble(header, bytes), $"'{name}' value at byte {at} set to {value}", name, MustFail: true, NonFinite: true);
            }
            default:
            {
                // Random bytes flipped anywhere (header length, JSON or data): may still be valid.
                var bytes = (byte[])valid.Clone();
                var flips = 1 + random.Next(4);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }
                return new(bytes, $"{flips} random bit flips", null);
            }
        }
    }

    private static MutatedFile Duplicate(JsonObject header, byte[] data, string name, JsonObject entry)
    {
        // JSON objects cannot hold a key twice, so the second copy is spliced into the text.
        var text = header.ToJsonString();
        var copy = "," + JsonValue.Create(name)!.ToJsonString() + ":" + entry.ToJsonString();
        text = text.Insert(text.Length - 1, copy);
        return new(Assemble(Encoding.UTF8.GetBytes(text), data), $"'{name}' listed twice", name);
    }

    /// <summary>The first tensor, in header order, whose bytes do not all fit in a data section of <paramref name="available"/> bytes.</summary>
    private static string? FirstCut(JsonObject header, string[] names, long available) =>
        names.FirstOrDefault(n => (long)header[n]!["data_offsets"]![1]! > available);

    private static byte[] Assemble(JsonObject header, byte[] data) => Assemble(Encoding.UTF8.GetBytes(header.ToJsonString()), data);

    private static byte[] Assemble(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }
}
