using System.CommandLine;
using ResNetFashionSample;

// `dotnet run -c Release --project Samples/ResNetFashion` trains the small ResNet and prints the test accuracy and time.
var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the weights and the curves.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "resnet-fashion")),
};
var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 15 };
var batchSize = new Option<int>("--batch-size") { Description = "Samples per step.", DefaultValueFactory = _ => 128 };
var learningRate = new Option<float>("--learning-rate") { Description = "Adam's initial learning rate (cosine-decayed to 0).", DefaultValueFactory = _ => 0.002f };
var weightDecay = new Option<float>("--weight-decay") { Description = "Decoupled weight decay (AdamW) when above 0; plain Adam at 0.", DefaultValueFactory = _ => 0f };
var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, augmentation and shuffling.", DefaultValueFactory = _ => 1 };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

var command = new RootCommand("Trains a small ResNet on Fashion-MNIST and evaluates it on the test set.") { output, epochs, batchSize, learningRate, weightDecay, seed, threads };
command.SetAction(result =>
{
    Console.WriteLine(FashionResNet.Summary);
    ResNetFashionJob.Run(result.GetValue(output)!, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(learningRate),
        result.GetValue(seed), result.GetValue(threads), Console.Out, weightDecay: result.GetValue(weightDecay));
    return 0;
});
return command.Parse(args).Invoke();
