// The seed's convolutional GAN on MNIST in DCGAN form, trained by a hand-written loop like PyTorch's DCGAN tutorial:
//   for real in dataloader:
//       errD = BCE(D(real), 0.9) + BCE(D(G(z).detach()), 0); errD.backward(); optimizerD.step()
//       errG = BCE(D(G(z)), 1); errG.backward(); optimizerG.step()          # only G's weights move
//       average = 0.999 * average + 0.001 * G.weights      # only with --average 0.999: then the average draws
// With --conditional, G(z, label) and D(x, label) see the digit's one-hot label (Keras' conditional GAN example).
// and measured with the trained MNIST classifier: of 1,000 generated digits, the share classified with confidence
// >= 0.9 and the share of every class. `dotnet run -c Release --project Samples/Gan` writes artifacts/gan/: the
// generated digits after every epoch, both losses and the measure per epoch, and the weights.
using System.CommandLine;
using GanSample;
using Generated.Data;

var defaults = new GanOptions(new DirectoryInfo(Path.Combine("artifacts", "gan")), Path.Combine(AppContext.BaseDirectory, "mnist_convnet.safetensors"));
var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the weights and the pictures.", DefaultValueFactory = _ => defaults.Output };
var classifier = new Option<string>("--classifier") { Description = "The trained MNIST convnet's weights, for the measure.", DefaultValueFactory = _ => defaults.ClassifierWeights };
var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => defaults.Epochs };
var batchSize = new Option<int>("--batch-size") { Description = "Real (and as many fake) images per step.", DefaultValueFactory = _ => defaults.BatchSize };
var samples = new Option<int>("--samples") { Description = $"Training images used, from the start of MNIST's training set (all: {Mnist.TrainCount}).", DefaultValueFactory = _ => defaults.Samples };
var seed = new Option<int>("--seed") { Description = "Seed of the weights, the noise and the shuffling.", DefaultValueFactory = _ => defaults.Seed };
var threads = new Option<int>("--threads") { Description = "Kernel threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
var generatorRate = new Option<float>("--lr-g") { Description = "Adam's learning rate for the generator.", DefaultValueFactory = _ => defaults.GeneratorLearningRate };
var discriminatorRate = new Option<float>("--lr-d") { Description = "Adam's learning rate for the discriminator.", DefaultValueFactory = _ => defaults.DiscriminatorLearningRate };
var beta1 = new Option<float>("--beta1") { Description = "Adam's beta1 for both networks.", DefaultValueFactory = _ => defaults.Beta1 };
var realLabel = new Option<float>("--real-label") { Description = "The discriminator's target for real digits (0.9: one-sided label smoothing; 1: none).", DefaultValueFactory = _ => defaults.RealLabel };
var measured = new Option<int>("--measured") { Description = "Generated digits the classifier measures.", DefaultValueFactory = _ => defaults.Measured };
var average = new Option<float>("--average")
{
    Description = "Decay of a moving average of the generator's weights that then draws and is measured, e.g. 0.999 (default 0: the trained weights draw).",
    DefaultValueFactory = _ => defaults.GeneratorAverage,
};
var noiseModes = new Option<int>("--noise-modes")
{
    Description = "Noise prior: 0, one standard Gaussian (DCGAN); 2 or more, a mixture of that many unit Gaussians with fixed, seeded means.",
    DefaultValueFactory = _ => defaults.NoiseModes,
};
var noiseSpread = new Option<float>("--noise-spread") { Description = "The standard deviation of the mixture's means.", DefaultValueFactory = _ => defaults.NoiseSpread };
var candidates = new Option<int>("--candidates")
{
    Description = "At the end, the generator draws this many candidates per measured digit and the discriminator keeps the one it scores as most real; measured beside the generator's own digits (1: only those).",
    DefaultValueFactory = _ => defaults.Candidates,
};
var constantRate = new Option<bool>("--constant-rate") { Description = "Keep both learning rates constant (default: a cosine decay to 0 over the run)." };
var conditional = new Option<bool>("--conditional")
{
    Description = "Train the conditional GAN (both networks see the digit's one-hot label, as in Keras' conditional GAN example; default: the seed's unconditional GAN) and write under artifacts/gan-conditional/ unless --output says otherwise.",
};

var command = new RootCommand("Trains the seed's convolutional GAN (DCGAN form) on MNIST, draws its digits after every epoch and measures them with the trained MNIST classifier.")
{
    output, classifier, epochs, batchSize, samples, seed, threads, generatorRate, discriminatorRate, beta1, realLabel, measured, average, constantRate, noiseModes, noiseSpread, candidates, conditional,
};
command.SetAction(result =>
{
    bool isConditional = result.GetValue(conditional);
    var folder = result.GetResult(output) is { Implicit: false } ? result.GetValue(output)! : new DirectoryInfo(Path.Combine("artifacts", isConditional ? "gan-conditional" : "gan"));
    var options = new GanOptions(
        folder, result.GetValue(classifier)!, result.GetValue(epochs), result.GetValue(batchSize),
        result.GetValue(samples), result.GetValue(seed), result.GetValue(threads), result.GetValue(generatorRate),
        result.GetValue(discriminatorRate), result.GetValue(beta1), result.GetValue(realLabel), result.GetValue(measured),
        result.GetValue(average), !result.GetValue(constantRate), result.GetValue(noiseModes), result.GetValue(noiseSpread), result.GetValue(candidates), isConditional);
    Console.WriteLine(isConditional ? ConditionalGenerator.Summary : Generator.Summary);
    Console.WriteLine(isConditional ? ConditionalDiscriminator.Summary : Discriminator.Summary);
    try
    {
        var training = Mnist.Load().Train.Rescale(1f / 255);
        GanJob.Run(options, training, Console.Out); // prints the measure and whether it meets the target
        Console.WriteLine($"pictures: {Path.Combine(options.Output.FullName, "epoch_NN.png")} (one per epoch), progress.png, losses.png, measure.png, picked.png");
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or FileNotFoundException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});
return command.Parse(args).Invoke();
