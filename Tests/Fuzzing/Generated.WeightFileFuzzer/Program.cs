using Generated.Fuzzing;

// Under libFuzzer (Tests/Fuzzing/libfuzzer-dotnet, started by scripts/fuzz-load-weights.sh): runs each input the driver
// sends through WeightFileFuzzTarget; an exception escaping it is a crash. Without the driver:
//   --seeds DIR [N]   writes the seed corpus: valid files in every mode and N structured mutations (WeightFileMutator)
//   --replay PATH...  runs every file under the paths (a crash or corpus directory) and names each failure
//   FILE              runs one input (SharpFuzz's own fallback)
return args switch
{
    ["--seeds", var directory, ..] => SeedCorpus.Write(directory, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000),
    ["--replay", .. var paths] => Replay(paths),
    _ => Fuzz(),
};

static int Fuzz()
{
    // Made inside the first run: instrumented runtime code may only run once SharpFuzz has mapped the coverage memory
    // (SaveWeights in the constructor crashed with an access violation before).
    WeightFileFuzzTarget? target = null;
    SharpFuzz.Fuzzer.LibFuzzer.Run(input => (target ??= new WeightFileFuzzTarget()).Run(input));
    target?.Dispose();
    return 0;
}

static int Replay(string[] paths)
{
    using var target = new WeightFileFuzzTarget();
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
    var failures = 0;
    var clock = System.Diagnostics.Stopwatch.StartNew();
    foreach (var file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{file}: {e}");
        }
    }
    Console.WriteLine($"{files.Count} inputs in {clock.Elapsed.TotalSeconds:F1} s: {failures} failed.");
    return failures == 0 ? 0 : 1;
}
