using ImageFolderPipelineSample;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>Samples/ImageFolderPipeline on a few hundred PNGs: the folder is written once, read back, trained from and evaluated.</summary>
public sealed class ImageFolderPipelineSampleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "generated-image-folder-pipeline-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Writes_the_png_folder_once_trains_from_it_and_prints_accuracy_and_class_names()
    {
        var options = new PipelineOptions(folder, Epochs: 3, BatchSize: 32, Seed: 123, TrainImages: 400, TestImages: 100, Patience: 2, Threads: 2, Verbose: 0);
        var log = new StringWriter();

        var result = ImageFolderPipelineJob.Run(options, log);
        output.WriteLine(log.ToString());

        string train = Path.Combine(folder, "fashion-mnist-png", "train");
        Assert.Equal(
            new[] { "Ankle boot", "Bag", "Coat", "Dress", "Pullover", "Sandal", "Shirt", "Sneaker", "T-shirt_top", "Trouser" },
            result.ClassNames); // sorted folder names, '/' of "T-shirt/top" replaced
        Assert.Equal(400, Directory.GetFiles(train, "*.png", SearchOption.AllDirectories).Length);
        Assert.Equal((320, 80, 100), (result.TrainingImages, result.ValidationImages, result.TestImages));
        Assert.Contains("class_names: 'Ankle boot', 'Bag',", log.ToString());
        Assert.Contains("test accuracy", log.ToString());
        Assert.True(File.Exists(result.CurvesPng) && new FileInfo(result.CurvesPng).Length > 0, result.CurvesPng);
        Assert.True(File.Exists(result.ExamplesPng) && new FileInfo(result.ExamplesPng).Length > 0, result.ExamplesPng);
        var loss = result.History["loss"];
        Assert.True(loss[^1] < loss[0], $"training loss did not fall: {result.History}");
        Assert.True(result.TestAccuracy > 0.3f, $"test accuracy {result.TestAccuracy:P1} after {loss.Count} epochs on 320 images (chance: 10%)");

        // A second run finds the folder written (its marker says 400 images) and does not write it again.
        var again = new StringWriter();
        var blank = new Generated.Data.ImageDataset(new float[400 * 28 * 28], new TensorShape(28, 28, 1), new int[400], 10);
        Assert.False(PngFolderWriter.WriteOnce(blank, 400, train, again));
        Assert.Contains("already holds 400 PNGs, not written again", again.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
