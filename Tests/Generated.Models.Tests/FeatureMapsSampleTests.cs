using FeatureMapsSample;
using Generated.Data;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>Samples/FeatureMaps on one test digit: its PNGs exist and the trained network reads the digit right.</summary>
public sealed class FeatureMapsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Writes_the_digit_the_kernels_and_every_convolutions_feature_maps()
    {
        var folder = Directory.CreateTempSubdirectory("feature-maps-smoke-");
        try
        {
            var test = Mnist.Load().Test.Take(1).Rescale(1f / 255);
            var weights = Path.Combine(AppContext.BaseDirectory, "TransferLearning", "mnist_convnet.safetensors");
            var log = new StringWriter();

            var result = FeatureMapsJob.Run(weights, test, 0, folder, log);
            output.WriteLine(log.ToString());

            Assert.Equal(
                new[] { "digit.png", "conv2d_kernels.png", "conv2d.png", "conv2d_1.png" },
                result.Files.Select(Path.GetFileName));
            Assert.All(result.Files, file => Assert.True(new FileInfo(file).Length > 0, $"{file} missing or empty"));
            Assert.Equal(test.Labels[0], result.Predicted);
            Assert.True(result.Confidence > 0.9f, $"confidence {result.Confidence}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Channels_become_one_image_each_scaled_to_its_own_range()
    {
        // Two pixels of three channels, channels last: channel 0 is (1, 3), channel 1 constant, channel 2 (-2, 0).
        var images = FeatureMapsJob.ChannelsAsImages([1f, 5f, -2f, 3f, 5f, 0f], pixels: 2, channels: 3);
        Assert.Equal(new[] { 0f, 1f, 0f, 0f, 0f, 1f }, images);
        Assert.Throws<ArgumentException>(() => FeatureMapsJob.ChannelsAsImages(new float[5], 2, 3));
    }
}
