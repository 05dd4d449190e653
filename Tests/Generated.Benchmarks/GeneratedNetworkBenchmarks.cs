using BenchmarkDotNet.Attributes;
using Generated.Kernels;
using Generated.Training;

namespace Generated.Benchmarks;

/// <summary>
/// Our generated networks: a training step (<see cref="Trainer.TrainStep(ReadOnlySpan{float}, ReadOnlySpan{float})"/>:
/// forward, loss, backward, Adam update) at batch 64 and 256, and <see cref="INetwork.Predict"/> at batch 256 and 1,
/// with the kernels limited to <see cref="Threads"/> threads (<see cref="KernelOptions.MaxThreads"/>) and to
/// <c>--vector-width</c> bits (<see cref="KernelOptions.VectorWidth"/>).
/// Every network starts from the weights PyTorch exported and must reproduce PyTorch's reference output first.
/// </summary>
[BenchmarkCategory(Sides.Ours)]
public class GeneratedNetworkBenchmarks
{
    private int _savedMaxThreads = KernelOptions.MaxThreads;
    private int _savedVectorWidth = KernelOptions.VectorWidth;
    private INetwork? _predictor;
    private Trainer? _trainer64;
    private Trainer? _trainer256;
    private float[] _x64 = [], _y64 = [], _x256 = [], _y256 = [], _output256 = [], _x1 = [], _output1 = [];

    /// <summary>Which reference model (M1..M5).</summary>
    [ParamsSource(typeof(Selection), nameof(Selection.Models))]
    public string Model { get; set; } = "M1";

    /// <summary>Most threads per kernel call (<see cref="KernelOptions.MaxThreads"/>).</summary>
    [ParamsSource(typeof(Selection), nameof(Selection.Threads))]
    public int Threads { get; set; } = 1;

    /// <summary>Builds the training network for batch 64 and warms it up.</summary>
    [GlobalSetup(Target = nameof(Train64))]
    public void SetupTrain64()
    {
        var (model, files) = Prepare();
        _trainer64 = Load(model, files).Compile(new Adam(), ReferenceNetworks.LossOf(model));
        _x64 = model.RandomInput(64, seed: 64);
        _y64 = ReferenceNetworks.Targets(model, 64, _x64, seed: 64);
        WarmUp(() => Train64()); // sizes the buffers and tiers the code up, so BenchmarkDotNet's pilot sees steady-state calls
    }

    /// <summary>Builds the training network for batch 256 and warms it up.</summary>
    [GlobalSetup(Target = nameof(Train256))]
    public void SetupTrain256()
    {
        var (model, files) = Prepare();
        _trainer256 = Load(model, files).Compile(new Adam(), ReferenceNetworks.LossOf(model));
        _x256 = model.RandomInput(256, seed: 256);
        _y256 = ReferenceNetworks.Targets(model, 256, _x256, seed: 256);
        WarmUp(() => Train256());
    }

    /// <summary>Builds the network for inference at batch 256 and warms it up.</summary>
    [GlobalSetup(Target = nameof(Infer256))]
    public void SetupInfer256()
    {
        var (model, files) = Prepare();
        _predictor = Load(model, files);
        _x256 = model.RandomInput(256, seed: 256);
        _output256 = new float[256 * model.OutputSize];
        WarmUp(Infer256);
    }

    /// <summary>
    /// Builds the network for inference at batch 1 and warms it up. Above one thread it turns on the opt-in intra-sample
    /// split (<see cref="KernelOptions.SplitSingleSample"/>): off, batch 1 runs on the calling thread alone whatever
    /// <see cref="Threads"/> says, so the 2-thread cell reports what a host with a spare core gets when it asks for it.
    /// </summary>
    [GlobalSetup(Target = nameof(Latency1))]
    public void SetupLatency1()
    {
        var (model, files) = Prepare();
        KernelOptions.SplitSingleSample = Threads > 1;
        _predictor = Load(model, files);
        _x1 = model.RandomInput(1, seed: 1);
        _output1 = new float[model.OutputSize];
        WarmUp(Latency1);
    }

    /// <summary>One training step on a batch of 64; returns the loss so the work cannot be skipped.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Train64)]
    public float Train64() => _trainer64!.TrainStep(_x64, _y64);

    /// <summary>One training step on a batch of 256.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Train256)]
    public float Train256() => _trainer256!.TrainStep(_x256, _y256);

    /// <summary>Inference on a batch of 256.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Infer256)]
    public void Infer256() => _predictor!.Predict(_x256, _output256);

    /// <summary>Inference on one sample.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Latency1)]
    public void Latency1() => _predictor!.Predict(_x1, _output1);

    /// <summary>
    /// Calls <paramref name="workload"/> for about a second (at least twice): the first call sizes the buffers, the rest let
    /// tiered compilation replace tier-0 code. Without it the first case of a process (1 thread) was timed while its code
    /// was still tiering up: BenchmarkDotNet's pilot picked its invocation count from slow tier-0 calls and the
    /// iterations then sped up from 5 to 1.3 ms/op within one run.
    /// </summary>
    internal static void WarmUp(Action workload)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var calls = 0; calls < 2 || clock.ElapsedMilliseconds < 1000; calls++)
        {
            workload();
        }
    }

    /// <summary>Restores the process-wide thread limit, vector width and batch-1 split.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        KernelOptions.SplitSingleSample = false;
        KernelOptions.MaxThreads = _savedMaxThreads;
        KernelOptions.VectorWidth = _savedVectorWidth;
    }

    /// <summary>
    /// Applies the thread limit, finds the exported files, and checks that our network computes PyTorch's
    /// reference output from the shared weights (else the comparison would be between different models).
    /// </summary>
    private (ReferenceModel Model, ModelFiles Files) Prepare()
    {
        _savedMaxThreads = KernelOptions.MaxThreads;
        KernelOptions.MaxThreads = Threads;
        _savedVectorWidth = KernelOptions.VectorWidth;
        KernelOptions.VectorWidth = Selection.Options.VectorWidth;
        var model = ReferenceModel.Get(Model);
        var files = ModelFiles.Locate(model, Selection.Options.ModelsDirectory);
        var network = Load(model, files);
        var (referenceInput, _) = files.ReadReference("input_nhwc");
        var (referenceOutput, _) = files.ReadReference("output_nhwc");
        var actual = new float[referenceOutput.Length];
        network.Predict(referenceInput, actual);
        ModelFiles.CheckOutput("ours", model, referenceOutput, actual, 1e-4f);
        return (model, files);
    }

    private static INetwork Load(ReferenceModel model, ModelFiles files)
    {
        var network = ReferenceNetworks.Create(model);
        network.LoadWeights(files.Weights);
        return network;
    }
}
