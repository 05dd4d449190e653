// The classic CNNs of the CNN-theory seed (LeNet, AlexNet, VGGNet) declared as classes: each network's Keras-style
// summary and parameter count, then LeNet-5 trained on MNIST to its test accuracy.
// `dotnet run -c Release --project Samples/ClassicCnns` writes artifacts/classic-cnns/.
using System.CommandLine;
using ClassicCnnsSample;
using Generated.Data;

var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for LeNet-5's weights, its pictures and the networks' Markdown page.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "classic-cnns")),
};
var epochs = new Option<int>("--epochs") { Description = "LeNet-5's training epochs.", DefaultValueFactory = _ => LeNetOptions.DefaultEpochs };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step.", DefaultValueFactory = _ => LeNetOptions.DefaultBatchSize };
var samples = new Option<int>("--samples") { Description = $"Training images (the last 10% validate; all: {Mnist.TrainCount}).", DefaultValueFactory = _ => Mnist.TrainCount };
var testSamples = new Option<int>("--test-samples") { Description = $"Test images (all: {Mnist.TestCount}).", DefaultValueFactory = _ => Mnist.TestCount };
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
var summariesOnly = new Option<bool>("--summaries-only") { Description = "Print the summaries and parameter counts, do not train LeNet-5." };

var command = new RootCommand("Prints LeNet-5's, AlexNet's and VGG16's summaries and parameter counts, then trains LeNet-5 on MNIST.")
{
    output, epochs, batchSize, samples, testSamples, seed, threads, summariesOnly,
};
command.SetAction(result =>
{
    ClassicNetworks.Print(Console.Out);
    if (result.GetValue(summariesOnly))
    {
        return 0;
    }
    var options = new LeNetOptions(result.GetValue(output)!, result.GetValue(epochs), result.GetValue(samples), result.GetValue(testSamples),
        result.GetValue(batchSize), result.GetValue(seed), result.GetValue(threads));
    if (LeNetJob.Problem(options) is { } problem)
    {
        Console.Error.WriteLine(problem);
        return 1;
    }
    LeNetJob.Run(options, Console.Out);
    return 0;
});
return command.Parse(args).Invoke();
