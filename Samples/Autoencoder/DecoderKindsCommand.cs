using System.CommandLine;
using Generated.Data;

namespace AutoencoderSample;

/// <summary>The <c>kinds</c> command: its options, their defaults, and the call into <see cref="DecoderKindsJob"/>.</summary>
/// <remarks>
/// The defaults are the tutorial's fit (<c>epochs=2, batch_size=256</c> over all 60,000 training images, 470 steps per
/// model) for each of the ten models (five kinds, two optimizers): about two minutes on a quiet 2-core machine.
/// <c>--samples</c>, <c>--kinds</c> and <c>--optimizers</c> make shorter runs.
/// </remarks>
public static class DecoderKindsCommand
{
    /// <summary>Default epochs per model (the tutorial's).</summary>
    public const int DefaultEpochs = 2;

    /// <summary>Default training images per model: all of MNIST's, as the tutorial.</summary>
    public const int DefaultSamples = Mnist.TrainCount;

    /// <summary>Default samples per step (the tutorial's).</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>The <c>kinds</c> subcommand of the autoencoder sample.</summary>
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "Folder for the pictures and the table.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "autoencoder")),
        };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per model.", DefaultValueFactory = _ => DefaultEpochs };
        var samples = new Option<int>("--samples")
        {
            Description = $"Training images per model, from the start of x_train (all: {Mnist.TrainCount}).",
            DefaultValueFactory = _ => DefaultSamples,
        };
        var testSamples = new Option<int>("--test-samples")
        {
            Description = $"Test images the loss is measured on (all: {Mnist.TestCount}).",
            DefaultValueFactory = _ => Mnist.TestCount,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per step (the tutorial: 256).", DefaultValueFactory = _ => DefaultBatchSize };
        var kinds = new Option<string[]>("--kinds")
        {
            Description = "Decoder kinds to train: nearest, bilinear, bed-of-nails, max-unpooling, transposed-conv (space- or comma-separated), or all.",
            DefaultValueFactory = _ => ["all"],
            AllowMultipleArgumentsPerToken = true,
        };
        var optimizers = new Option<string[]>("--optimizers")
        {
            Description = "Optimizers to train each kind with: adadelta (the tutorial's), adam, or all.",
            DefaultValueFactory = _ => ["all"],
            AllowMultipleArgumentsPerToken = true,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and the shuffling.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("kinds", "Trains the tutorial's autoencoder once per up-sampling kind (nearest, bilinear, bed of nails, max-unpooling, Conv2DTranspose) with Adadelta and Adam, and compares test loss and training time.")
        {
            output, epochs, samples, testSamples, batchSize, kinds, optimizers, seed, threads,
        };
        command.SetAction(result =>
        {
            DecoderKindsOptions options;
            try
            {
                options = new DecoderKindsOptions(
                    result.GetValue(output)!,
                    DecoderKinds.ParseKinds(result.GetValue(kinds)!),
                    DecoderKinds.ParseOptimizers(result.GetValue(optimizers)!),
                    result.GetValue(epochs),
                    result.GetValue(samples),
                    result.GetValue(testSamples),
                    result.GetValue(batchSize),
                    result.GetValue(seed),
                    result.GetValue(threads));
            }
            catch (FormatException error)
            {
                Console.Error.WriteLine(error.Message);
                return 1;
            }
            if (DecoderKindsJob.Problem(options) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }
            DecoderKindsJob.Run(options, Console.Out);
            return 0;
        });
        return command;
    }
}
