using AutoencoderSample;
using Generated.Tests;
using Xunit.Abstractions;

namespace Generated.Models.Tests;

/// <summary>
/// Samples/Autoencoder's <c>kinds</c> command on a few hundred images: every decoder kind with both optimizers learns
/// (test loss below the untrained one), and the reconstructions picture and the table are written.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class AutoencoderKindsSampleTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_decoder_kind_learns_with_both_optimizers_and_the_pictures_and_table_are_written()
    {
        var folder = Directory.CreateTempSubdirectory("autoencoder-kinds-");
        try
        {
            var options = new DecoderKindsOptions(folder, DecoderKinds.All, DecoderKinds.AllOptimizers,
                Epochs: 2, TrainSamples: 320, TestSamples: 100, BatchSize: 32, Seed: 1, Threads: 2);
            var log = new StringWriter();
            DecoderKindsComparison comparison;
            using (new KernelOptionsScope(threads: null))
            {
                comparison = DecoderKindsJob.Run(options, log);
            }
            output.WriteLine(log.ToString());

            Assert.Equal(DecoderKinds.All.Count * 2, comparison.Results.Count);
            foreach (var result in comparison.Results)
            {
                var name = $"{result.Kind} with {result.Optimizer}";
                // Untrained, the sigmoid outputs sit near 0.5: binary cross-entropy near ln 2.
                Assert.InRange(result.UntrainedTestLoss, 0.6f, 0.8f);
                // 20 steps: every model gets better; bed of nails and max-unpooling (zeros in three cells of four) and Adam
                // (learning rate 0.001) start slowest, by 3-5% here.
                Assert.True(result.TestLoss < 0.98f * result.UntrainedTestLoss, $"{name}: test loss {result.UntrainedTestLoss:F4} -> {result.TestLoss:F4}");
                Assert.True(result.TrainingLoss[^1] < result.TrainingLoss[0], $"{name}: training loss per epoch {string.Join(", ", result.TrainingLoss)}");
                Assert.Equal(DecoderKindsJob.ShownDigits * ConvAutoencoder.InputSize, result.Reconstructions.Length);
                Assert.All(result.Reconstructions, v => Assert.InRange(v, 0f, 1f));
            }

            // Adadelta at learning rate 1 with repeated pixels: a third off the loss in those 20 steps (0.70 -> 0.43 here).
            var nearest = comparison.Results.Single(r => r is { Kind: DecoderKind.Nearest, Optimizer: AutoencoderOptimizer.Adadelta });
            Assert.True(nearest.TestLoss < 0.75f * nearest.UntrainedTestLoss, $"nearest with Adadelta: test loss {nearest.UntrainedTestLoss:F4} -> {nearest.TestLoss:F4}");

            AssertPng(comparison.ReconstructionsPng);
            AssertPng(comparison.TablePng);
            var markdown = File.ReadAllText(comparison.TableMarkdown);
            var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).ToList();
            Assert.Equal(1 + comparison.Results.Count, rows.Count); // header + one row per model
            foreach (var kind in DecoderKinds.All)
            {
                Assert.Equal(2, rows.Count(r => r.StartsWith($"| {DecoderKinds.Name(kind)} |", StringComparison.Ordinal)));
            }
            Assert.Contains("**", markdown); // the lowest test loss in bold
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Decoder_kinds_keep_the_tutorials_sizes_except_max_unpooling_which_needs_the_poolings_channels()
    {
        // Encoder 160 + 1,160; decoder 3*3*8*4+4 + 3*3*4*16+16 + 3*3*16+1 (the strided transposed convolutions have the same kernels).
        Assert.Equal(2_349, DecoderKinds.ParameterCount(DecoderKind.Nearest));
        Assert.Equal(2_349, DecoderKinds.ParameterCount(DecoderKind.Bilinear));
        Assert.Equal(2_349, DecoderKinds.ParameterCount(DecoderKind.BedOfNails));
        Assert.Equal(2_349, DecoderKinds.ParameterCount(DecoderKind.TransposedConv));
        // decode_conv_layer_1 with 8 filters: 3*3*8*8+8 = 584, then 3*3*8*16+16 = 1,168.
        Assert.Equal(3_217, DecoderKinds.ParameterCount(DecoderKind.MaxUnpooling));
        // Unpooling gives back each pooling's input shape: 14x14x8 for encode_pool_layer_2, 28x28x16 for encode_pool_layer_1.
        Assert.Equal(new TensorShape(14, 14, 8), MaxUnpoolingAutoencoder.Layers.Single(l => l.Name == "decode_upsample_layer_1").OutputShape);
        Assert.Equal(new TensorShape(28, 28, 16), MaxUnpoolingAutoencoder.Layers.Single(l => l.Name == "decode_upsample_layer_2").OutputShape);
        Assert.Equal(new TensorShape(14, 14, 4), TransposedConvAutoencoder.Layers.Single(l => l.Name == "decode_conv_layer_1").OutputShape);
        Assert.Equal(new TensorShape(28, 28, 1), TransposedConvAutoencoder.OutputShape);
    }

    [Fact]
    public void Kind_and_optimizer_lists_read_as_the_command_line_gives_them()
    {
        Assert.Equal([DecoderKind.BedOfNails, DecoderKind.MaxUnpooling, DecoderKind.Nearest],
            DecoderKinds.ParseKinds(["bed-of-nails,max-unpooling", "NEAREST", "bed-of-nails"]));
        Assert.Equal(DecoderKinds.All, DecoderKinds.ParseKinds(["all"]));
        Assert.Equal([AutoencoderOptimizer.Adam], DecoderKinds.ParseOptimizers(["adam"]));
        var error = Assert.Throws<FormatException>(() => DecoderKinds.ParseKinds(["nearest", "bicubic"]));
        Assert.Contains("'bicubic'", error.Message);
        Assert.Contains("transposed-conv", error.Message);
        Assert.Throws<FormatException>(() => DecoderKinds.ParseOptimizers([" , "]));
    }

    [Fact]
    public void Options_out_of_range_are_named()
    {
        var options = new DecoderKindsOptions(new DirectoryInfo("unused"), DecoderKinds.All, DecoderKinds.AllOptimizers, 1, 100, 100, 32, 1, 1);
        Assert.Null(DecoderKindsJob.Problem(options));
        Assert.Contains("--samples", DecoderKindsJob.Problem(options with { TrainSamples = 0 }));
        Assert.Contains("--test-samples", DecoderKindsJob.Problem(options with { TestSamples = 5 }));
        Assert.Contains("--epochs", DecoderKindsJob.Problem(options with { Epochs = 0 }));
        var error = Assert.Throws<ArgumentException>(() => DecoderKindsJob.Run(options with { BatchSize = 0 }, TextWriter.Null));
        Assert.Contains("--batch-size", error.Message);
    }

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} holds only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
    }
}
