using System.CommandLine;
using MnistSample;

// `dotnet run -c Release --project Samples/Mnist` trains and evaluates (Keras' example settings);
// `... -- evaluate` reloads the saved weights and evaluates them on the test set.
var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the weights and the plots.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "mnist")),
};
var epochs = new Option<int>("--epochs") { Description = "Training epochs (Keras' example: 15).", DefaultValueFactory = _ => 15 };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step (Keras' example: 128).", DefaultValueFactory = _ => 128 };
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, dropout and shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
var weights = new Option<FileInfo?>("--weights") { Description = "Weights to evaluate (default: <output>/mnist_convnet.safetensors)." };

var train = new RootCommand("Trains the Keras MNIST convnet on real MNIST and evaluates it on the test set.")
{
    output, epochs, batchSize, seed, threads,
};
var job = MnistJob.Create();
train.SetAction(result => job.Train(
    result.GetValue(output)!, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(seed), result.GetValue(threads), MnistConvNet.Summary));

var evaluate = new Command("evaluate", "Reloads saved weights and evaluates them on the MNIST test set.") { output, weights, threads };
evaluate.SetAction(result => job.Evaluate(result.GetValue(output)!, result.GetValue(weights), result.GetValue(threads)));
train.Subcommands.Add(evaluate);

return train.Parse(args).Invoke();
