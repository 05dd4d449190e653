using System.Runtime.InteropServices;
using Generated.IO;
using Generated.Models.Tests.Reliability;

namespace Generated.Fuzzing;

/// <summary>
/// The coverage-guided campaign's target: one input is a mode byte and a weight file, loaded into
/// <see cref="FuzzedNetwork"/> by path or stream, with or without <see cref="WeightLoadOptions"/> (<see cref="Modes"/>).
/// A load may only succeed, taking the file's values (Keras layout; under <see cref="WeightLoadOptions.Partial"/> the
/// reported tensors, the rest unchanged), or throw <see cref="WeightFileException"/> and leave every weight as it was.
/// Any other exception escapes (libFuzzer records a crash); a broken contract throws <see cref="WeightFileContractException"/>.
/// </summary>
public sealed class WeightFileFuzzTarget : IDisposable
{
    /// <summary>How an input's first byte (modulo 8) loads the rest.</summary>
    public static readonly string[] Modes =
    [
        "LoadWeights(path)",
        "LoadWeights(MemoryStream)",
        "LoadWeights(forward-only stream)",
        "LoadWeights(stream returning 1-7 bytes per read)",
        "LoadWeights(stream, NonFinite = Warn)",
        "LoadWeights(stream, WeightLoadOptions.PyTorch())",
        "LoadWeights(stream, WeightLoadOptions.Partial())",
        "LoadWeights(path, new WeightLoadOptions())",
    ];

    private readonly FuzzedNetwork _network = new(3);
    private readonly byte[] _initial;
    private bool _changed;
    private readonly string _directory = Directory.CreateTempSubdirectory("generated-libfuzzer-").FullName;

    /// <summary>A target whose network starts every input from the same weights.</summary>
    public WeightFileFuzzTarget() => _initial = Saved();

    /// <summary>The bytes <c>SaveWeights</c> writes for the network as it is now (equal bytes, equal weights).</summary>
    public byte[] Saved()
    {
        using var stream = new MemoryStream();
        _network.SaveWeights(stream);
        return stream.ToArray();
    }

    /// <summary>A valid weight file of the network (Keras layout, what SaveWeights writes), with other weights than the target's.</summary>
    public static byte[] ValidFile(int seed)
    {
        using var stream = new MemoryStream();
        new FuzzedNetwork(seed).SaveWeights(stream);
        return stream.ToArray();
    }

    /// <summary>Loads <paramref name="input"/>'s file as its first byte says and checks the outcome.</summary>
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var mode = input[0] % Modes.Length;
        var file = input[1..].ToArray();
        if (_changed)
        {
            // Each input starts from the same weights, so an input fails or passes alone (libFuzzer replays it alone).
            _network.LoadWeights(new MemoryStream(_initial));
            _changed = false;
        }
        var before = _initial;
        WeightLoadReport? report = null;
        try
        {
            report = Load(mode, file);
        }
        catch (WeightFileException e)
        {
            if (!Saved().AsSpan().SequenceEqual(before))
            {
                _changed = true;
                throw new WeightFileContractException($"{Modes[mode]} failed ({e.Message}) but changed the weights.");
            }
            if (e.Problems.Count == 0 || e.Problems.Any(string.IsNullOrWhiteSpace))
            {
                throw new WeightFileException($"{Modes[mode]} failed without saying why: {e.Message}", e);
            }
            return;
        }
        _changed = true;
        CheckLoaded(mode, file, before, report);
    }

    private WeightLoadReport? Load(int mode, byte[] file)
    {
        switch (mode)
        {
            case 0:
                _network.LoadWeights(WriteFile(file));
                return null;
            case 1:
                _network.LoadWeights(new MemoryStream(file));
                return null;
            case 2:
                _network.LoadWeights(new ForwardOnlyStream(new MemoryStream(file)));
                return null;
            case 3:
                _network.LoadWeights(new TrickleStream(new MemoryStream(file), 1 + file.Length % 7));
                return null;
            case 4:
                return _network.LoadWeights(new MemoryStream(file), new WeightLoadOptions { NonFinite = NonFiniteWeights.Warn });
            case 5:
                return _network.LoadWeights(new MemoryStream(file), WeightLoadOptions.PyTorch());
            case 6:
                return _network.LoadWeights(new MemoryStream(file), WeightLoadOptions.Partial());
            default:
                return _network.LoadWeights(WriteFile(file), new WeightLoadOptions());
        }
    }

    private string WriteFile(byte[] file)
    {
        var path = Path.Combine(_directory, "input.safetensors");
        File.WriteAllBytes(path, file);
        return path;
    }

    /// <summary>
    /// After a successful load: in the Keras modes every tensor holds the file's values (finite unless NonFinite = Warn),
    /// under Partial the reported tensors do and the others are unchanged. PyTorch's layout conversion is checked against
    /// PyTorch by the fixtures (PyTorchWeightImportTests), not here.
    /// </summary>
    private void CheckLoaded(int mode, byte[] file, byte[] before, WeightLoadReport? report)
    {
        if (mode == 5)
        {
            return;
        }
        var content = SafeTensors.Read(new MemoryStream(file));
        var old = SafeTensors.Read(new MemoryStream(before));
        var loaded = report is null || mode != 6 ? null : report.Loaded.Select(l => l.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var tensor in SafeTensors.Read(new MemoryStream(Saved())).Tensors)
        {
            var fromFile = loaded is null || loaded.Contains(tensor.Name);
            var expected = fromFile ? content.Find(tensor.Name)?.Data : old.Find(tensor.Name)!.Data;
            if (expected is null || !Bits(expected).SequenceEqual(Bits(tensor.Data!)))
            {
                throw new WeightFileContractException($"{Modes[mode]} succeeded but '{tensor.Name}' does not hold the {(expected is null ? "file's (it has none)" : "expected")} values.");
            }
            var warned = mode == 4 || (mode == 6 && report!.NonFiniteLoaded);
            if (fromFile && !warned && tensor.Data!.Any(v => !float.IsFinite(v)))
            {
                throw new WeightFileContractException($"{Modes[mode]} loaded non-finite values into '{tensor.Name}' without NonFinite = Warn.");
            }
        }
    }

    private static ReadOnlySpan<int> Bits(float[] values) => MemoryMarshal.Cast<float, int>(values);

    /// <summary>Deletes the directory the path modes write their input to.</summary>
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
