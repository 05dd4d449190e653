using System.Diagnostics;
using System.Globalization;
using Generated;
using Generated.Data;
using Generated.Distributed;
using Generated.Distributed.Check;
using Generated.Kernels;
using Generated.Training;

// Usage (every mode also runs without mpirun, as one process that trains on whole batches):
//   equality <output directory>       fixed steps on SmallNet; each rank (or the single process) writes its weights
//   fail-throw | fail-exit           rank 1 throws inside Fit / is killed in the middle of training
//   mnist <epochs> <threads> [train samples]   MNIST convnet: seconds per epoch and test accuracy
var mode = args.Length > 0 ? args[0] : "";
using var group = MpiGroup.IsMpiJob ? MpiGroup.Initialize() : null;
var rank = group?.Rank ?? 0;
switch (mode)
{
    case "equality":
        Equality(args[1]);
        break;
    case "fail-throw":
    case "fail-exit":
        Fail(mode == "fail-exit");
        break;
    case "mnist":
        MnistRun(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60_000);
        break;
    default:
        Console.Error.WriteLine("usage: equality <dir> | fail-throw | fail-exit | mnist <epochs> <threads> [train samples]");
        return 2;
}
return 0;

// Deterministic, learnable data: 96 samples of 8x8; the label is the brightest of the first row's 8 pixels (0..7).
static (float[] X, int[] Y) SmallData()
{
    var x = new float[96 * SmallNet.InputSize];
    for (var i = 0; i < x.Length; i++)
    {
        x[i] = MathF.Sin(i * 0.37f) * MathF.Cos(i * 0.011f);
    }
    var y = Enumerable.Range(0, 96).Select(s =>
    {
        var row = x.AsSpan(s * SmallNet.InputSize, 8);
        return row.IndexOf(row.ToArray().Max());
    }).ToArray();
    return (x, y);
}

Trainer Compile(INetwork network)
{
    var trainer = network.Compile(new Adam(0.01f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy);
    if (group is not null)
    {
        trainer.UseDataParallel(group);
    }
    return trainer;
}

void Equality(string directory)
{
    // Each rank starts from different weights: the broadcast from rank 0 must make them equal.
    var network = new SmallNet(seed: 11 + rank);
    if (rank == 0)
    {
        network.SaveWeights(Path.Combine(directory, "initial.safetensors"));
    }
    var trainer = Compile(network);
    var (x, y) = SmallData();
    // TrainStep on whole batches of 24 and of 5 (uneven shards: 2 and 3 samples), then two shuffled Fit epochs whose
    // last batch is partial (96 = 4 * 20 + 16).
    var at = 0;
    foreach (var batch in new[] { 24, 5, 24, 5 })
    {
        trainer.TrainStep(x.AsSpan(at * SmallNet.InputSize, batch * SmallNet.InputSize), y.AsSpan(at, batch));
        at += batch;
    }
    var history = trainer.Fit(x, y, epochs: 2, batchSize: 20, verbose: 0, seed: 3);
    var name = group is null ? "single" : $"rank{rank}";
    network.SaveWeights(Path.Combine(directory, name + ".safetensors"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: loss {history["loss"][1]:F6}, {trainer.Optimizer.Iterations} steps"));
}

void Fail(bool kill)
{
    var network = new SmallNet(seed: 1);
    var trainer = Compile(network);
    var (x, y) = SmallData();
    trainer.Fit(x, y, epochs: 3, batchSize: 8, verbose: 0, callbacks: [new FailOnRankOne(rank, kill)]);
    Console.WriteLine($"rank {rank} finished, which it should not have");
}

void MnistRun(int epochs, int threads, int samples)
{
    KernelOptions.MaxThreads = threads;
    var data = Mnist.Load();
    var train = data.Train.Take(samples).Rescale(1f / 255);
    var test = data.Test.Rescale(1f / 255);
    var network = new MnistNet(seed: 1);
    var trainer = Compile(network);
    var clock = Stopwatch.StartNew();
    var history = trainer.Fit(train.Images, train.Labels, epochs: epochs, batchSize: 128, verbose: rank == 0 ? 2 : 0, seed: 1);
    var seconds = clock.Elapsed.TotalSeconds;
    var evaluation = trainer.Evaluate(test.Images, test.Labels, batchSize: 500, verbose: 0);
    if (rank == 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ranks {group?.Size ?? 1} x threads {threads}: {seconds / epochs:F1} s/epoch over {samples} samples, test accuracy {evaluation.Accuracy:P2}, final loss {history["loss"][^1]:F4}"));
    }
}

/// <summary>Makes rank 1 fail in its second epoch: an exception from inside Fit, or the process killed outright.</summary>
internal sealed class FailOnRankOne(int rank, bool kill) : Callback
{
    public override void OnEpochBegin(Trainer trainer, int epoch)
    {
        if (rank != 1 || epoch != 1)
        {
            return;
        }
        if (kill)
        {
            Console.Error.WriteLine("rank 1: killing itself in the middle of training");
            Console.Error.Flush();
            Process.GetCurrentProcess().Kill();
        }
        throw new InvalidOperationException("simulated failure on rank 1");
    }
}
