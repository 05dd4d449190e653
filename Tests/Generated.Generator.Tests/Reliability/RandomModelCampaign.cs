using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Generated.Analyzers;
using Generated.Generator.Tests.Documentation;
using Generated.Generator.Tests.Infrastructure;
using Generated.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Reliability;

/// <summary>One way a random model's product result differs from the PyTorch reference.</summary>
internal sealed record Disagreement(int Index, string What, string Source)
{
    public override string ToString() => $"model {Index}: {What}\n{Source}";
}

/// <summary>
/// The random-model campaign: a batch of <see cref="RandomModelGenerator"/> models is compiled in one compilation with
/// the real analyzer and generator, loaded, given random weights, and compared with random_models.py (one Python
/// process per batch) on the verdict, shapes, parameter count, Predict, and one SGD step.
/// </summary>
internal static class RandomModelCampaign
{
    public const float LearningRate = 0.1f;
    private const int Batch = 2;

    public static string Script => Path.Combine(RepositoryFiles.Root, "Tests", "Fixtures", "scripts", "random_models.py");

    /// <summary>Models <paramref name="start"/> .. start + count - 1 of the stream seeded with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<ModelSpec> Models(int seed, int start, int count)
    {
        var generator = new RandomModelGenerator(seed);
        var models = new List<ModelSpec>();
        for (var i = 0; i < start + count; i++)
        {
            var model = generator.Next(i);
            if (i >= start)
            {
                models.Add(model);
            }
        }
        return models;
    }

    /// <summary>Runs the models in batches of <paramref name="batchSize"/>; returns every disagreement and counts.</summary>
    public static (List<Disagreement> Disagreements, int Valid, int Invalid, int Trained) Run(IReadOnlyList<ModelSpec> models, int batchSize = 250)
    {
        var disagreements = new List<Disagreement>();
        int valid = 0, invalid = 0, trained = 0;
        for (var offset = 0; offset < models.Count; offset += batchSize)
        {
            var (v, i, t) = RunBatch(models.Skip(offset).Take(batchSize).ToList(), disagreements);
            valid += v;
            invalid += i;
            trained += t;
        }
        return (disagreements, valid, invalid, trained);
    }

    /// <summary>Seconds spent per phase over all batches: analyzer, generator and compiler, PyTorch, runtime.</summary>
    public static readonly Dictionary<string, double> Seconds = new();

    private static void Time(string phase, System.Diagnostics.Stopwatch watch)
    {
        lock (Seconds)
        {
            Seconds[phase] = Seconds.GetValueOrDefault(phase) + watch.Elapsed.TotalSeconds;
        }
        watch.Restart();
    }

    private static (int Valid, int Invalid, int Trained) RunBatch(List<ModelSpec> models, List<Disagreement> disagreements)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var parseOptions = AnalyzerTestCompilation.ParseOptions;
        var compilation = CSharpCompilation.Create("RandomModels" + Guid.NewGuid().ToString("N"),
            models.Select(m => CSharpSyntaxTree.ParseText(m.ToSource(), parseOptions, PathOf(m))),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        // The analyzer's verdict: the first error of each model, by file; a crash is a disagreement of its own.
        var analyzerDiagnostics = AnalyzerTestCompilation.Analyze(compilation, new NetworkAnalyzer(), analyzerOnly: true);
        var errors = new Dictionary<string, Diagnostic>();
        foreach (var d in analyzerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == "AD0001").OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (d.Id == "AD0001")
            {
                disagreements.Add(new Disagreement(-1, $"analyzer crash: {d}", ""));
                continue;
            }
            errors.TryAdd(d.Location.SourceTree?.FilePath ?? "", d);
        }

        Time("analyzer", watch);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Time("generator", watch);
        foreach (var d in generatorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))
        {
            disagreements.Add(new Disagreement(-1, $"generator diagnostic: {d}", ""));
        }
        // Emit once (a separate GetDiagnostics would bind every generated body a second time).
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        var compileErrors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var group in compileErrors.GroupBy(d => d.Location.SourceTree?.FilePath ?? ""))
        {
            var model = models.FirstOrDefault(m => group.Key.Contains($"RandomModel{m.Index}.", StringComparison.Ordinal) || group.Key == PathOf(m));
            disagreements.Add(new Disagreement(model?.Index ?? -1, $"generated code does not compile: {string.Join("; ", group.Take(3))}", model?.ToSource() ?? group.Key));
        }
        if (compileErrors.Count > 0)
        {
            // Reported above; the rest of the batch still runs.
            var broken = compileErrors.Select(d => d.Location.SourceTree?.FilePath ?? "").ToHashSet();
            var rest = models.Where(m => !broken.Any(path => path == PathOf(m) || path.Contains($"RandomModel{m.Index}.", StringComparison.Ordinal))).ToList();
            return rest.Count == models.Count ? (0, 0, 0) : RunBatch(rest, disagreements);
        }

        Time("compiler", watch);
        var context = new AssemblyLoadContext(null, isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(stream.ToArray()));
            return Compare(models, errors, assembly, disagreements);
        }
        finally
        {
            context.Unload();
        }
    }

    private static (int, int, int) Compare(List<ModelSpec> models, Dictionary<string, Diagnostic> errors, Assembly assembly, List<Disagreement> disagreements)
    {
        var networks = new Dictionary<int, INetwork>();
        var numbers = new Dictionary<(int, string), float[]>();
        var requests = new JsonArray();
        foreach (var model in models)
        {
            var json = model.ToJson();
            if (!errors.ContainsKey(PathOf(model)))
            {
                var network = (INetwork)Activator.CreateInstance(assembly.GetType($"RandomModels.{model.ClassName}", throwOnError: true)!, 1234 + model.Index)!;
                networks[model.Index] = network;
                AddNumbers(model, network, json, numbers);
            }
            requests.Add(json);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = RunReference(new JsonObject { ["models"] = requests });
        Time("pytorch", watch);
        int valid = 0, invalid = 0, trained = 0;
        foreach (var model in models)
        {
            var result = results[model.Index];
            var source = model.ToSource();
            void Fail(string what) => disagreements.Add(new Disagreement(model.Index, what, source));
            if (result["reference_error"] is { } referenceError)
            {
                Fail($"the PyTorch reference failed: {referenceError}");
                continue;
            }
            var expectedValid = result["valid"]!.GetValue<bool>();
            errors.TryGetValue(PathOf(model), out var error);
            if (!expectedValid)
            {
                invalid++;
                var layer = result["error_layer"]!.GetValue<int>();
                if (error is null)
                {
                    Fail($"Keras rejects layer {layer} ({result["reason"]}) but the analyzer reports no error");
                }
                else if (LayerOf(error) != layer)
                {
                    Fail($"Keras rejects layer {layer} ({result["reason"]}) but the analyzer's first error is at layer {LayerOf(error)}: {error}");
                }
                continue;
            }
            valid++;
            if (error is not null)
            {
                Fail($"Keras accepts the model but the analyzer reports {error}");
                continue;
            }
            var network = networks[model.Index];
            if (result["weight_problems"] is JsonArray problems)
            {
                Fail("weights: " + string.Join("; ", problems));
                continue;
            }
            var shapes = result["shapes"]!.AsArray().Select(s => s!.AsArray().Select(d => d!.GetValue<int>()).ToArray()).ToList();
            for (var i = 0; i < model.Layers.Count; i++)
            {
                var actual = network.Layers[i].OutputShape.ToArray();
                if (!actual.SequenceEqual(shapes[i]))
                {
                    Fail($"layer {i} ({model.Layers[i].Kind}) output shape [{string.Join(", ", actual)}], Keras [{string.Join(", ", shapes[i])}]");
                }
            }
            if (network.ParameterCount != result["param_count"]!.GetValue<int>())
            {
                Fail($"ParameterCount {network.ParameterCount}, Keras {result["param_count"]}");
            }
            var input = numbers[(model.Index, "input")];
            var predicted = new float[network.OutputShape.Size * Batch];
            network.Predict(input, predicted);
            Check(Fail, "Predict", predicted, result["predict"]!);
            if (result["grads"] is not JsonObject grads)
            {
                continue;
            }
            trained++;
            TrainStep(network, input, numbers[(model.Index, "grad_output")], out var output, out var inputGradient);
            Check(Fail, "training forward", output, result["train_output"]!);
            Check(Fail, "input gradient", inputGradient, result["input_grad"]!);
            var gradients = network.Gradients.ToArray();
            var offset = 0;
            foreach (var tensor in network.ParameterTensors.Where(t => t.Trainable))
            {
                if (IsFrozen(network, tensor))
                {
                    offset += tensor.Length;
                    continue;
                }
                Check(Fail, $"gradient of {tensor.Name}", gradients.AsSpan(offset, tensor.Length).ToArray(), grads[tensor.Name]);
                offset += tensor.Length;
            }
            foreach (var tensor in network.ParameterTensors)
            {
                Check(Fail, $"{tensor.Name} after one SGD step", tensor.Span.ToArray(), result["after"]![tensor.Name]);
            }
        }
        Time("runtime", watch);
        return (valid, invalid, trained);
    }

    /// <summary>The numbers a model gets: random trainable weights (biases and gammas too), an input batch and an output gradient.</summary>
    private static void AddNumbers(ModelSpec model, INetwork network, JsonObject json, Dictionary<(int, string), float[]> numbers)
    {
        var random = new Random(model.Index * 7919 + 17);
        var parameters = network.TrainableParameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)(random.NextDouble() * 1.6 - 0.8);
        }
        network.MarkWeightsChanged();
        var weights = new JsonObject();
        foreach (var tensor in network.ParameterTensors)
        {
            weights[tensor.Name] = new JsonObject { ["shape"] = Ints(tensor.Shape.ToArray()), ["values"] = FloatArray(tensor.Span.ToArray()) };
        }
        json["weights"] = weights;
        json["batch"] = Batch;
        var input = RandomFloats(random, network.InputShape.Size * Batch);
        var gradOutput = RandomFloats(random, network.OutputShape.Size * Batch);
        numbers[(model.Index, "input")] = input;
        numbers[(model.Index, "grad_output")] = gradOutput;
        json["input"] = FloatArray(input);
        json["train"] = !model.IsStochastic;
        json["grad_output"] = FloatArray(gradOutput);
        json["learning_rate"] = (double)LearningRate;
    }

    private static void TrainStep(INetwork network, float[] input, float[] gradOutput, out float[] output, out float[] inputGradient)
    {
        network.Gradients.Clear();
        output = network.Forward(input, training: true).ToArray();
        inputGradient = network.Backward(gradOutput).ToArray();
        // A frozen layer's tensors stay in the buffer; a hand-written loop skips them (ITrainableLayers).
        var frozen = network.ParameterTensors.Where(t => t.Trainable).Select(t => IsFrozen(network, t)).ToArray();
        var sgd = new Generated.Training.SGD(LearningRate);
        sgd.Build(network);
        sgd.Step(network.TrainableParameters, network.Gradients, frozen);
        network.MarkWeightsChanged();
    }

    private static bool IsFrozen(INetwork network, ParameterView tensor) =>
        !((ITrainableLayers)network).IsTrainable(tensor.Name[..tensor.Name.LastIndexOf('.')]);

    /// <summary>Within float32 rounding of a float64 reference: |a - b| &lt;= 1e-3 * (1 + max |b|) element-wise.</summary>
    private static void Check(Action<string> fail, string what, float[] actual, JsonNode? expectedNode)
    {
        if (expectedNode is null)
        {
            fail($"{what}: PyTorch has no such tensor (trainable there: {actual.Length} values here)");
            return;
        }
        var expected = expectedNode.AsArray().Select(v => v is null ? double.NaN : v.GetValue<double>()).ToArray();
        if (actual.Length != expected.Length)
        {
            fail($"{what}: {actual.Length} values, PyTorch {expected.Length}");
            return;
        }
        var scale = 1 + expected.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (var i = 0; i < actual.Length; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= 1e-3 * scale))
            {
                fail($"{what}: element {i} is {actual[i].ToString("R", CultureInfo.InvariantCulture)}, PyTorch {expected[i].ToString("R", CultureInfo.InvariantCulture)} (scale {scale:G3})");
                return;
            }
        }
    }

    private static Dictionary<int, JsonObject> RunReference(JsonObject request)
    {
        var directory = Directory.CreateTempSubdirectory("random-models-");
        try
        {
            var requestPath = Path.Combine(directory.FullName, "models.json");
            var resultPath = Path.Combine(directory.FullName, "results.json");
            File.WriteAllText(requestPath, request.ToJsonString());
            ChildProcess.Run(Python, [Script, requestPath, resultPath], directory.FullName, TimeSpan.FromMinutes(20))
                .EnsureSuccess("The PyTorch reference (" + Script + "; scripts/setup.sh installs python3-torch)");
            if (Environment.GetEnvironmentVariable("RELIABILITY_DUMP") is { Length: > 0 } dump)
            {
                Directory.CreateDirectory(dump);
                File.Copy(requestPath, Path.Combine(dump, "models.json"), overwrite: true);
                File.Copy(resultPath, Path.Combine(dump, "results.json"), overwrite: true);
            }
            var results = JsonNode.Parse(File.ReadAllText(resultPath))!["results"]!.AsArray();
            return results.ToDictionary(r => r!["index"]!.GetValue<int>(), r => r!.AsObject());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The interpreter with torch: /usr/bin/python3 unless RELIABILITY_PYTHON names another.</summary>
    public static string Python => Environment.GetEnvironmentVariable("RELIABILITY_PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    private static string PathOf(ModelSpec model) => $"/random/{model.ClassName}.cs";

    private static int LayerOf(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line - ModelSpec.FirstLayerLine;

    private static float[] RandomFloats(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static JsonArray FloatArray(float[] values) => new(values.Select(v => (JsonNode)JsonValue.Create((double)v)!).ToArray());

    private static JsonArray Ints(int[] values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static readonly ImmutableArray<MetadataReference> References = AnalyzerTestCompilation.References
        .Add(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location));
}
