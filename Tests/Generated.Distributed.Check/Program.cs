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
//   mnist <epochs> <threads> [train samples] [target accuracy]   MNIST convnet: per epoch its seconds, samples/s, test
//                                    accuracy, all-reduce time and CPU use; stops early once the test accuracy reaches the target
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
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60_000,
            args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 2);
        break;
    default:
        Console.Error.WriteLine("usage: equality <dir> | fail-throw | fail-exit | mnist <epochs> <threads> [train samples] [target accuracy]");
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

void MnistRun(int epochs, int threads, int samples, double target)
{
    KernelOptions.MaxThreads = threads;
    var data = Mnist.Load();
    var train = data.Train.Take(samples).Rescale(1f / 255);
    var test = data.Test.Rescale(1f / 255);
    var network = new MnistNet(seed: 1);
    // The all-reduces timed: with the wait for the slower rank (imbalance, a busy machine) inside them.
    var timed = group is null ? null : new TimedGroup(group);
    var trainer = network.Compile(new Adam(), Loss.SparseCategoricalCrossentropy, Metric.Accuracy); // Keras' example: Adam at 1e-3
    if (timed is not null)
    {
        trainer.UseDataParallel(timed);
    }
    var report = new EpochReport(rank, network, test.Images.ToArray(), test.Labels.ToArray(), samples, target, timed);
    var clock = Stopwatch.StartNew();
    var history = trainer.Fit(train.Images, train.Labels, epochs: epochs, batchSize: 128, verbose: 0, seed: 1, callbacks: [report]);
    var seconds = clock.Elapsed.TotalSeconds - report.EvaluationSeconds;
    var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    var wall = clock.Elapsed.TotalSeconds;
    // The all-reduce alone: 50 of the gradient buffer's size after a barrier, so no rank waits for the other's compute.
    var transfer = 0.0;
    if (group is not null)
    {
        var buffer = new float[network.TrainableParameters.Length + 2];
        group.Barrier();
        var reduce = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            group.AllReduceSum(buffer);
        }
        transfer = reduce.Elapsed.TotalMilliseconds / 50;
    }
    var steps = report.Epochs * ((samples + 127) / 128);
    Console.WriteLine(FormattableString.Invariant(
        $"rank {rank}: CPU {cpu:F0} s over {wall:F0} s wall ({cpu / wall:F2} cores busy), {Environment.ProcessorCount} processors, {threads} kernel thread(s)")
        + (timed is null ? "" : FormattableString.Invariant($"; all-reduce {timed.Seconds:F1} s in {timed.Calls} calls ({1000 * timed.Seconds / Math.Max(steps, 1):F2} ms/step), transfer alone {transfer:F2} ms")));
    if (rank == 0)
    {
        Console.WriteLine(FormattableString.Invariant(
            $"ranks {group?.Size ?? 1} x threads {threads}: {seconds / report.Epochs:F1} s/epoch over {samples} samples ({samples * report.Epochs / seconds:F0} samples/s), {report.Epochs} epoch(s), test accuracy {report.Accuracy:P2}, final loss {history["loss"][^1]:F4}, {wall:F0} s in all"));
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

/// <summary>After every epoch: the test accuracy (Predict over the test set), the epoch's time and samples/s; stops at the target accuracy.</summary>
internal sealed class EpochReport(int rank, INetwork network, float[] images, int[] labels, int samples, double target, TimedGroup? timed) : Callback
{
    private readonly Stopwatch _epoch = new();
    private double _reduceAtStart;

    public int Epochs { get; private set; }

    public double Accuracy { get; private set; }

    /// <summary>Time spent evaluating, left out of the training speed.</summary>
    public double EvaluationSeconds { get; private set; }

    public override void OnEpochBegin(Trainer trainer, int epoch)
    {
        _reduceAtStart = timed?.Seconds ?? 0;
        _epoch.Restart();
    }

    public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
    {
        var seconds = _epoch.Elapsed.TotalSeconds;
        var evaluation = Stopwatch.StartNew();
        var output = new float[labels.Length * 10];
        network.Predict(images, output);
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var row = output.AsSpan(i * 10, 10);
            correct += row.IndexOf(row.ToArray().Max()) == labels[i] ? 1 : 0;
        }
        Accuracy = (double)correct / labels.Length;
        EvaluationSeconds += evaluation.Elapsed.TotalSeconds;
        Epochs = epoch + 1;
        if (rank == 0)
        {
            Console.WriteLine(FormattableString.Invariant($"epoch {epoch + 1}: {seconds:F1} s ({samples / seconds:F0} samples/s), loss {logs["loss"]:F4}, test accuracy {Accuracy:P2}")
                + (timed is null ? "" : FormattableString.Invariant($", all-reduce {timed.Seconds - _reduceAtStart:F1} s"))
                + FormattableString.Invariant($", evaluation {evaluation.Elapsed.TotalSeconds:F1} s"));
        }
        // Every rank computed the same accuracy from the same weights, so all stop together.
        if (Accuracy >= target)
        {
            trainer.StopTraining = true;
        }
    }
}

/// <summary>An MPI group whose all-reduces are timed (wall time inside MPI_Allreduce, waiting for the other rank included).</summary>
internal sealed class TimedGroup(MpiGroup inner) : IDataParallelGroup
{
    private readonly Stopwatch _clock = new();

    public int Calls { get; private set; }

    public double Seconds => _clock.Elapsed.TotalSeconds;

    public int Rank => inner.Rank;

    public int Size => inner.Size;

    public void AllReduceSum(Span<float> values)
    {
        _clock.Start();
        inner.AllReduceSum(values);
        _clock.Stop();
        Calls++;
    }

    public void Broadcast(Span<float> values, int root) => inner.Broadcast(values, root);

    public void Abort(Exception error) => inner.Abort(error);
}
