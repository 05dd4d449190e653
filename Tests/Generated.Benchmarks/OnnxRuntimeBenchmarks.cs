using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace Generated.Benchmarks;

/// <summary>
/// ONNX Runtime (CPU execution provider, all graph optimizations, sequential execution) running the
/// PyTorch-exported model with <see cref="Threads"/> intra-op threads. Inputs and outputs are
/// preallocated <see cref="OrtValue"/>s over pinned managed arrays, the lowest-overhead C# API.
/// ONNX Runtime's C# package has no training, so only inference is measured here.
/// </summary>
[BenchmarkCategory(Sides.OnnxRuntime)]
public class OnnxRuntimeBenchmarks : IDisposable
{
    private static readonly string[] InputNames = ["input"];
    private static readonly string[] OutputNames = ["output"];

    private InferenceSession? _session;
    private RunOptions? _runOptions;
    private readonly List<IDisposable> _owned = [];
    private OrtValue[] _input256 = [];
    private OrtValue[] _output256 = [];
    private OrtValue[] _input1 = [];
    private OrtValue[] _output1 = [];

    /// <summary>Which reference model (M1..M5).</summary>
    [ParamsSource(typeof(Selection), nameof(Selection.Models))]
    public string Model { get; set; } = "M1";

    /// <summary>Intra-op threads (<c>SessionOptions.IntraOpNumThreads</c>).</summary>
    [ParamsSource(typeof(Selection), nameof(Selection.Threads))]
    public int Threads { get; set; } = 1;

    /// <summary>Loads the model, checks it against PyTorch's reference output, and preallocates the tensors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var model = ReferenceModel.Get(Model);
        var files = ModelFiles.Locate(model, Selection.Options.ModelsDirectory);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(files.Onnx, options);
        _runOptions = new RunOptions();

        var (referenceInput, inputShape) = files.ReadReference("input_nchw");
        var (referenceOutput, _) = files.ReadReference("output_nchw");
        var (checkInput, checkOutput) = Tensors(model, inputShape[0], referenceInput);
        _session.Run(_runOptions, InputNames, checkInput, OutputNames, checkOutput);
        var actual = checkOutput[0].GetTensorDataAsSpan<float>();
        ModelFiles.CheckOutput("ONNX Runtime", model, referenceOutput, actual, 1e-4f);

        (_input256, _output256) = Tensors(model, 256, model.RandomInput(256, seed: 256));
        (_input1, _output1) = Tensors(model, 1, model.RandomInput(1, seed: 1));
        // First runs size ONNX Runtime's arenas; keep them out of BenchmarkDotNet's pilot, which would
        // otherwise take the slow first call as the call's cost and pick one call per iteration.
        Infer256();
        Latency1();
    }

    /// <summary>Inference on a batch of 256.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Infer256)]
    public void Infer256() => _session!.Run(_runOptions!, InputNames, _input256, OutputNames, _output256);

    /// <summary>Inference on one sample.</summary>
    [Benchmark, BenchmarkCategory(Metrics.Latency1)]
    public void Latency1() => _session!.Run(_runOptions!, InputNames, _input1, OutputNames, _output1);

    /// <summary>Releases the session and the native tensors.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
        _owned.Clear();
        _runOptions?.Dispose();
        _session?.Dispose();
        _runOptions = null;
        _session = null;
        GC.SuppressFinalize(this);
    }

    private (OrtValue[] Input, OrtValue[] Output) Tensors(ReferenceModel model, int batch, float[] input)
    {
        var inputValue = OrtValue.CreateTensorValueFromMemory(input, [batch, model.Channels, model.Height, model.Width]);
        long[] outputShape = [batch, .. model.OutputShapeNchw];
        var outputValue = OrtValue.CreateTensorValueFromMemory(new float[batch * model.OutputSize], outputShape);
        _owned.Add(inputValue);
        _owned.Add(outputValue);
        return ([inputValue], [outputValue]);
    }
}
