using System.Diagnostics;
using System.Globalization;
using Generated.Data;
using Generated.IO;
using MnistAot;
using MnistSample;

// Published with NativeAOT: `dotnet publish Samples/MnistAot -c Release -r linux-x64 -o <folder>`, then `<folder>/MnistAot`.
// Loads the trained weights shipped beside the binary, checks the reference digits, then measures the accuracy
// on the first 1,000 MNIST test digits (fetched once into ~/.cache/generated/mnist).
// Options: --weights <file>, --digits <file>, --count <n> (test digits; 0 skips MNIST).
var options = AotOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(AotOptions.Usage);
    return 64;
}

try
{
    var network = new MnistConvNet();
    network.LoadWeights(options.WeightsPath);

    var digits = ReferenceDigits.Load(options.DigitsPath);
    float[] scores = network.Predict(digits.Images);
    TimeSpan startup = DateTime.Now - Process.GetCurrentProcess().StartTime;
    bool digitsMatch = digits.Check(scores, Console.Out);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Start-up (process start to first prediction): {startup.TotalMilliseconds:F0} ms"));
    PredictionTimer.Report(network, digits, Console.Out);

    if (options.TestCount > 0)
    {
        TestAccuracy.Report(network, options.TestCount, Console.Out);
    }

    return digitsMatch ? 0 : 1;
}
catch (Exception exception) when (exception is IOException or WeightFileException or SafeTensorsFormatException or DatasetUnavailableException or InvalidDataException)
{
    // Missing or corrupt files: the message says which and why; no stack trace for a user's mistake.
    Console.Error.WriteLine(exception.Message);
    return 2;
}
