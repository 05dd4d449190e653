using ClassicCnnsSample;
using Generated.Tests;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>
/// Samples/ClassicCnns: the declared networks have the literature's (and Keras') shapes and parameter counts, read from
/// generated constants without allocating AlexNet or VGG16; LeNet-5's training job learns on a few hundred digits and
/// writes its files. <c>CLASSIC_CNNS_FULL=1</c> also runs the sample's full training and checks its 98.5%.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ClassicCnnsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Vgg16_has_the_parameter_count_of_keras_applications_vgg16_with_its_top()
    {
        // keras.applications.VGG16(include_top=True).count_params()
        Assert.Equal(138_357_544, Vgg16.ParameterCount);
        Assert.Equal(new TensorShape(7, 7, 512), Vgg16.Layers.Single(l => l.Name == "block5_pool").OutputShape);
        Assert.Equal(25_088 * 4_096 + 4_096, Vgg16.Layers.Single(l => l.Name == "fc1").ParameterCount);
        Assert.Equal(13, Vgg16.Layers.Count(l => l.Kind == "Conv2D"));
        // 15.47 G multiply-adds per 224x224 image, the figure usually quoted for VGG16 ("15.5 GMACs").
        Assert.InRange(Vgg16.MultiplyAddsPerSample, 15_400_000_000L, 15_550_000_000L);
    }

    [Fact]
    public void AlexNet_one_tower_has_the_hand_computed_parameter_count_and_the_papers_map_sizes()
    {
        long expected =
            (11 * 11 * 3 * 96 + 96)          // conv1      34,944
            + (5 * 5 * 96 * 256 + 256)       // conv2     614,656
            + (3 * 3 * 256 * 384 + 384)      // conv3     885,120
            + (3 * 3 * 384 * 384 + 384)      // conv4   1,327,488
            + (3 * 3 * 384 * 256 + 256)      // conv5     884,992
            + (6 * 6 * 256 * 4096 + 4096)    // fc6    37,752,832
            + (4096 * 4096 + 4096)           // fc7    16,781,312
            + (4096 * 1000 + 1000);          // fc8     4,097,000
        Assert.Equal(62_378_344, expected);
        int generated = AlexNet.ParameterCount; // a generated constant
        Assert.Equal(expected, generated);
        Assert.Equal(new TensorShape(55, 55, 96), AlexNet.Layers.Single(l => l.Name == "conv1").OutputShape);
        Assert.Equal(new TensorShape(27, 27, 96), AlexNet.Layers.Single(l => l.Name == "pool1").OutputShape);
        Assert.Equal(new TensorShape(13, 13, 256), AlexNet.Layers.Single(l => l.Name == "pool2").OutputShape);
        Assert.Equal(new TensorShape(6, 6, 256), AlexNet.Layers.Single(l => l.Name == "pool5").OutputShape);
    }

    [Fact]
    public void LeNet5_has_the_papers_map_sizes_and_61706_parameters()
    {
        // C1 6*(25+1), C3 16*(6*25+1) (all S2 maps), C5 120*(16*25+1), F6 84*(120+1), output 10*(84+1).
        Assert.Equal(156 + 2_416 + 48_120 + 10_164 + 850, LeNet5.ParameterCount);
        Assert.Equal(61_706, LeNet5.ParameterCount);
        Assert.Equal(
            [new TensorShape(32, 32, 1), new TensorShape(28, 28, 6), new TensorShape(14, 14, 6), new TensorShape(10, 10, 16), new TensorShape(5, 5, 16), new TensorShape(1, 1, 120)],
            LeNet5.Layers.Take(6).Select(l => l.OutputShape));
        Assert.Equal(["AlexNet", "LeNet-5", "VGG16"], ClassicNetworks.All.Select(n => n.Name).Order());
        var markdown = ClassicNetworks.ToMarkdown();
        Assert.Contains("| VGG16 | 224x224x3 | 138,357,544 |", markdown);
        Assert.Contains("| LeNet-5 | 28x28x1 | 61,706 |", markdown);
    }

    [Fact]
    public void LeNet5_job_learns_on_a_few_hundred_digits_and_writes_its_files()
    {
        var folder = Directory.CreateTempSubdirectory("classic-cnns-");
        try
        {
            var log = new StringWriter();
            LeNetResult result;
            using (new KernelOptionsScope(threads: null))
            {
                result = LeNetJob.Run(new LeNetOptions(folder, Epochs: 3, TrainSamples: 800, TestSamples: 300, BatchSize: 32, Seed: 1, Threads: 2), log, verbose: 0);
            }
            output.WriteLine(log.ToString());

            var loss = result.History["loss"];
            Assert.True(loss[^1] < 0.7f * loss[0], $"training loss per epoch: {string.Join(", ", loss)}");
            Assert.InRange(result.UntrainedTestLoss, 2.0f, 2.7f); // near ln 10 = 2.30: ten classes at chance
            Assert.True(result.TestLoss < 0.5f * result.UntrainedTestLoss, $"test loss {result.UntrainedTestLoss:F4} -> {result.TestLoss:F4}");
            Assert.True(result.TestAccuracy > 0.7f, $"test accuracy {result.TestAccuracy:P2} after 3 epochs of 720 digits");
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"LeNet-5 test accuracy: {result.TestAccuracy * 100:F2}%"), log.ToString());
            foreach (var png in new[] { result.CurvesPng, result.PredictionsPng })
            {
                Assert.True(File.Exists(png) && new FileInfo(png).Length > 1000, $"{png} missing or empty");
            }
            Assert.Contains("138,357,544", File.ReadAllText(result.NetworksMarkdown));
            Assert.True(new FileInfo(result.Weights).Length > 4 * LeNet5.ParameterCount, "the weight file holds fewer bytes than the parameters");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [FullTrainingFact]
    public void LeNet5_reaches_98_5_percent_on_the_mnist_test_set_with_the_samples_defaults()
    {
        var folder = Directory.CreateTempSubdirectory("classic-cnns-full-");
        try
        {
            var log = new StringWriter();
            LeNetResult result;
            using (new KernelOptionsScope(threads: null))
            {
                result = LeNetJob.Run(new LeNetOptions(folder, LeNetOptions.DefaultEpochs, 60_000, 10_000, LeNetOptions.DefaultBatchSize, Seed: 1, Environment.ProcessorCount), log, verbose: 2);
            }
            output.WriteLine(log.ToString());
            Assert.True(result.TestAccuracy >= 0.985f, $"test accuracy {result.TestAccuracy:P2}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A fact that runs only with <c>CLASSIC_CNNS_FULL=1</c> (a full MNIST training: too long for every CI run).</summary>
    private sealed class FullTrainingFactAttribute : FactAttribute
    {
        public FullTrainingFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("CLASSIC_CNNS_FULL") != "1")
            {
                Skip = "Full LeNet-5 training on MNIST; set CLASSIC_CNNS_FULL=1 to run it.";
            }
        }
    }
}
