// The TensorFlow image-classification tutorial (flowers) step by step, on Fashion-MNIST written as a folder of PNGs:
//   1. write the images once as <output>/fashion-mnist-png/{train,test}/<class>/<n>.png
//   2. ImageFolder.SplitFromDirectory: Keras' image_dataset_from_directory(validation_split=0.2, subset="both", seed=123)
//   3. a model with Rescaling(1/255) and RandomFlip/RandomTranslation/RandomZoom layers (FashionFolderNet.cs)
//   4. Fit streaming batches from disk, with EarlyStopping(val_loss, restore_best_weights)   5. evaluate the test folder.
// `dotnet run -c Release --project Samples/ImageFolderPipeline` writes artifacts/image-folder-pipeline/.
using System.CommandLine;
using Generated.Data;
using ImageFolderPipelineSample;

var output = new Option<DirectoryInfo>("--output")
{
    Description = "Folder for the PNG data set and the plots.",
    DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "image-folder-pipeline")),
};
var epochs = new Option<int>("--epochs") { Description = "Most epochs; early stopping usually ends sooner.", DefaultValueFactory = _ => 10 };
var batchSize = new Option<int>("--batch-size") { Description = "Images per batch (the tutorial: 32).", DefaultValueFactory = _ => 32 };
var patience = new Option<int>("--patience") { Description = "Epochs without a better val_loss before training stops.", DefaultValueFactory = _ => 2 };
var seed = new Option<int>("--seed") { Description = "Seed of the split, the shuffles and the weights (the tutorial: 123).", DefaultValueFactory = _ => 123 };
var trainImages = new Option<int>("--train-images") { Description = "Training images written as PNGs (all: 60000).", DefaultValueFactory = _ => FashionMnist.TrainCount };
var testImages = new Option<int>("--test-images") { Description = "Test images written as PNGs (all: 10000).", DefaultValueFactory = _ => FashionMnist.TestCount };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

var command = new RootCommand("Writes Fashion-MNIST as a folder of PNGs once, then trains from the folder like TensorFlow's flowers tutorial.")
{
    output, epochs, batchSize, patience, seed, trainImages, testImages, threads,
};
command.SetAction(result =>
{
    var options = new PipelineOptions(
        result.GetValue(output)!.FullName, result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(seed),
        result.GetValue(trainImages), result.GetValue(testImages), result.GetValue(patience), result.GetValue(threads),
        Verbose: Console.IsOutputRedirected ? 2 : 1);
    ImageFolderPipelineJob.Run(options, Console.Out);
    return 0;
});
return command.Parse(args).Invoke();
