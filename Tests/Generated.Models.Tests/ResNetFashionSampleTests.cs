using ResNetFashionSample;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>Samples/ResNetFashion on a subset: a few steps of the small ResNet write its weights and curves and lower the loss.</summary>
public sealed class ResNetFashionSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void A_few_steps_on_a_subset_write_the_outputs_and_lower_the_loss()
    {
        var folder = new DirectoryInfo(Path.Combine(Path.GetTempPath(), "resnet-fashion-" + Guid.NewGuid().ToString("N")));
        var log = new StringWriter();
        try
        {
            // 400 images: 360 for training (3 steps of 128 per epoch), 40 for validation; 2 epochs, 200 test images.
            var result = ResNetFashionJob.Run(folder, epochs: 2, batchSize: 128, learningRate: 0.002f, seed: 1, threads: 2, log,
                trainSamples: 400, testSamples: 200, verbose: 0);
            output.WriteLine(log.ToString());

            Assert.True(File.Exists(result.CurvesPath) && new FileInfo(result.CurvesPath).Length > 1000, result.CurvesPath);
            Assert.True(File.Exists(result.WeightsPath), result.WeightsPath);
            var loss = result.History["loss"];
            Assert.Equal(2, loss.Count);
            Assert.True(loss[1] < loss[0], $"loss per epoch: {string.Join(", ", loss)}");
            Assert.Equal(2, result.History["val_loss"].Count);
            Assert.InRange(result.TestAccuracy, 0f, 1f);
            Assert.Contains("test accuracy: ", log.ToString());
        }
        finally
        {
            if (folder.Exists)
            {
                folder.Delete(recursive: true);
            }
        }
    }
}
