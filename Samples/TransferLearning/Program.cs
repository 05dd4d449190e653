using System.Globalization;
using TransferLearningSample;

// dotnet run -c Release --project Samples/TransferLearning [-- epochs trainSamples testSamples threads]
var epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var trainSamples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60_000;
var testSamples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var weights = Path.Combine(AppContext.BaseDirectory, "mnist_convnet.safetensors");
TransferLearningJob.Run(weights, epochs, trainSamples, testSamples, threads, Console.Out);
