using System.CommandLine;
using FashionMnistSample;
using Generated.Data;
using Generated.Samples.Common;

// `dotnet run -c Release --project Samples/FashionMnist` trains and evaluates; `... -- evaluate` reloads the weights.
var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the weights and the plots.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "fashion-mnist")),
};
var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 12 };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step.", DefaultValueFactory = _ => 128 };
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, dropout and shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
var weights = new Option<FileInfo?>("--weights") { Description = "Weights to evaluate (default: <output>/fashion_convnet.safetensors)." };

var job = new ImageClassifierJob<FashionConvNet>(
    "Convnet on Fashion-MNIST",
    "fashion_convnet.safetensors",
    seed => new FashionConvNet(seed),
    () =>
    {
        var data = FashionMnist.Load();
        return (data.Train.Rescale(1f / 255), data.Test.Rescale(1f / 255));
    });

var train = new RootCommand("Trains a convnet on Fashion-MNIST and evaluates it on the test set.") { output, epochs, batchSize, seed, threads };
train.SetAction(result => job.Train(
    result.GetValue(output)!, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(seed), result.GetValue(threads), FashionConvNet.Summary));

var evaluate = new Command("evaluate", "Reloads saved weights and evaluates them on the Fashion-MNIST test set.") { output, weights, threads };
evaluate.SetAction(result => job.Evaluate(result.GetValue(output)!, result.GetValue(weights), result.GetValue(threads)));
train.Subcommands.Add(evaluate);

return train.Parse(args).Invoke();
