using System.Reflection;
using System.Runtime.Loader;
using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// An invalid model gets its members' signatures with throwing bodies, so a build whose code uses the model shows the
/// model's NNG error and nothing else (issue 17, item 3).
/// </summary>
public class InvalidModelStubTests
{
    /// <summary>The MNIST convnet with its second kernel too large for the 13x13 map (NNG0007).</summary>
    internal const string KernelTooLarge = """
        using Generated;

        namespace Samples;

        [Network(28, 28, 1)]
        [Conv2D(32, 3, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(64, 15, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Flatten]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class MnistConvnet;
        """;

    /// <summary>Uses every public member a valid model gets (the member-set test below keeps this list complete).</summary>
    private const string UsesEveryMember = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using Generated;
        using Generated.Training;
        using Samples;

        public static class Program
        {
            public static void Main()
            {
                const int parameters = MnistConvnet.ParameterCount;
                const int trainableCount = MnistConvnet.TrainableParameterCount;
                const int inputSize = MnistConvnet.InputSize;
                const int outputSize = MnistConvnet.OutputSize;
                const int chunk = MnistConvnet.PredictChunk;
                const string summary = MnistConvnet.Summary;
                Console.WriteLine($"{parameters} {trainableCount} {inputSize} {outputSize} {chunk} {summary}");
                TensorShape inputShape = MnistConvnet.InputShape;
                TensorShape outputShape = MnistConvnet.OutputShape;
                IReadOnlyList<LayerInfo> layers = MnistConvnet.Layers;
                Console.WriteLine($"{inputShape} {outputShape} {layers.Count}");

                var model = new MnistConvnet();
                var seeded = new MnistConvnet(seed: 1);
                ParameterView kernel = seeded.Conv2dKernel;
                ParameterView bias = seeded.Conv2dBias;
                IReadOnlyList<ParameterView> tensors = seeded.ParameterTensors;
                Span<float> trainable = seeded.TrainableParameters;
                Span<float> gradients = seeded.Gradients;
                Console.WriteLine($"{kernel} {bias} {tensors.Count} {trainable.Length} {gradients.Length}");

                var input = new float[MnistConvnet.InputSize * 2];
                var output = new float[MnistConvnet.OutputSize * 2];
                model.Predict(input, output);
                float[] allocated = model.Predict(input);
                int[] classes = model.PredictClasses(input);
                model.MarkWeightsChanged();
                ReadOnlySpan<float> forward = model.Forward(input, training: true);
                ReadOnlySpan<float> backward = model.Backward(forward);
                model.AccumulateGradients(forward);
                Console.WriteLine($"{allocated.Length} {classes.Length} {backward.Length}");
                model.SaveWeights("weights.safetensors");
                model.SaveWeights(Stream.Null);
                model.LoadWeights("weights.safetensors");
                model.LoadWeights(Stream.Null);

                INetwork network = model;
                Console.WriteLine($"{network.InputShape} {network.OutputShape} {network.ParameterCount} {network.ParameterTensors.Count}");
                var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);
                Console.WriteLine(trainer.Network);
            }
        }
        """;

    [Fact]
    public void Stub_matches_snapshot()
    {
        Snapshot.Match(GeneratorHarness.GeneratedSource(KernelTooLarge), "InvalidMnistConvnet.g.cs.txt");
    }

    [Fact]
    public void A_program_using_every_member_of_an_invalid_model_shows_only_the_NNG_error()
    {
        var diagnostics = BuildWithGeneratorAndAnalyzer(KernelTooLarge, UsesEveryMember);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Id == "NNG0007", string.Join("\n", errors));
    }

    [Fact]
    public void Stub_declares_every_public_member_of_the_valid_model()
    {
        // The same layers with one more at the end that cannot follow Flatten: every valid layer is inferred.
        const string valid = """
            using Generated;
            [Network(28, 28, 1)]
            [Conv2D(32, 3, Activation = Activation.Relu)]
            [BatchNormalization]
            [MaxPooling2D(2)]
            [Flatten]
            [Dropout(0.5)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Model;
            """;
        var invalid = valid.Replace("public partial class", "[Conv2D(4, 3)]\npublic partial class");

        var validMembers = PublicMembers(valid);
        var stubMembers = PublicMembers(invalid);
        Assert.Contains("Model.BatchNormalizationMovingMean", validMembers);
        Assert.Empty(validMembers.Except(stubMembers));
        Assert.Empty(stubMembers.Except(validMembers));
    }

    [Fact]
    public void Stub_members_throw_an_exception_that_names_the_error_and_the_fix()
    {
        var (_, output, _) = GeneratorHarness.Run(KernelTooLarge);
        var type = Load(output).GetType("Samples.MnistConvnet")!;

        var exception = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type, 1));
        var message = Assert.IsType<InvalidOperationException>(exception.InnerException).Message;
        Assert.StartsWith("MnistConvnet cannot run: NNG0007: Conv2D kernel 15x15 does not fit the 13x13x32 input of layer conv2d_1", message);
        Assert.EndsWith("Fix the network's declaration; the build reports this error at it.", message);

        var summary = (string)type.GetField("Summary")!.GetValue(null)!;
        Assert.StartsWith("Model \"MnistConvnet\" is invalid: NNG0007: ", summary);
        Assert.Equal(784, type.GetField("InputSize")!.GetValue(null));
        Assert.Equal(0, type.GetField("OutputSize")!.GetValue(null));
        Assert.Equal(320, type.GetField("ParameterCount")!.GetValue(null));
        var layers = Assert.Throws<TargetInvocationException>(() => type.GetProperty("Layers")!.GetValue(null));
        Assert.IsType<InvalidOperationException>(layers.InnerException);
    }

    [Theory]
    [InlineData("[Network(0, 28, 1)]\n[Conv2D(8, 3)]\npublic partial class BadInput;", "NNG0006")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2D(8, 3, Name = \"a b\")]\n[Conv2D(8, 3, Name = \"a b\")]\npublic partial class BadNames;", "NNG0019")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2D(8, 3, Name = \"x\")]\n[Dense(4, Name = \"x\")]\npublic partial class DuplicateNames;", "NNG0016")]
    [InlineData("[Network(8, 8, 1)]\npublic partial class NoLayers;", "NNG0004")]
    [InlineData("[Network(8, 8, 1)]\n[Dense(4)]\n[Dropout(2)]\npublic partial class DenseKernel;", "NNG0010")]
    [InlineData("public partial class Outer\n{\n    [Network(4, 4, 1)]\n    [Conv2D(8, 5)]\n    internal partial class Inner;\n}", "NNG0007")]
    [InlineData("namespace A.B\n{\n    public partial record Holder\n    {\n        [Network(4, 4, 1)]\n        [MaxPooling2D(8)]\n        private sealed partial class Inner;\n    }\n}", "NNG0008")]
    public void Stubs_of_unusual_invalid_models_compile_cleanly(string model, string id)
    {
        var source = "using Generated;\n" + model;
        var compilation = GeneratorHarness.Compilation(GeneratorHarness.DocumentedParseOptions, source);
        GeneratorHarness.Driver(options: GeneratorHarness.DocumentedParseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var generated = Assert.Single(output.SyntaxTrees, t => !compilation.SyntaxTrees.Contains(t));
        var problems = output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden && (d.Location.SourceTree == generated || d.Severity == DiagnosticSeverity.Error)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(id + ": ", generated.ToString());
    }

    [Theory]
    [InlineData("[Network(8, 8, 1)]\n[Conv2D(8, 3)]\npublic partial class Generic<T>;")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2D(8, 3)]\npublic static partial class Static;")]
    [InlineData("public class Outer\n{\n    [Network(8, 8, 1)]\n    [Conv2D(8, 3)]\n    public partial class Inner;\n}")]
    [InlineData("[Network(8, 8, 1)]\n[Conv2D(8, 9)]\npublic partial class @class;")]
    public void Classes_the_generator_cannot_extend_get_nothing(string model)
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run("using Generated;\n" + model);
        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_class_that_is_not_partial_gets_its_stub_and_the_compilers_missing_partial_error_alone()
    {
        var (driver, output, diagnostics) = GeneratorHarness.Run("using Generated;\n[Network(8, 8, 1)]\n[Conv2D(8, 3)]\npublic class NotPartial { }");
        Assert.Empty(diagnostics);
        Assert.Single(driver.GetRunResult().GeneratedTrees);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Id == "CS0260", string.Join("\n", errors));
    }

    /// <summary>Builds model and program as a project does: generator output included, analyzer and compiler diagnostics.</summary>
    internal static IReadOnlyList<Diagnostic> BuildWithGeneratorAndAnalyzer(params string[] sources)
    {
        var compilation = AnalyzerTestCompilation.Create(sources.Select((text, i) => ($"/0/File{i}.cs", text)).ToArray());
        var (_, output) = AnalyzerTestCompilation.Generate(compilation);
        var diagnostics = AnalyzerTestCompilation.Analyze(output);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>Every public member of the model type (not of user code), as C# displays it.</summary>
    private static HashSet<string> PublicMembers(string source)
    {
        var (_, output, _) = GeneratorHarness.Run(source);
        var type = output.GetTypeByMetadataName("Model")!;
        var members = type.GetMembers()
            .Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared)
            .Select(m => m.ToDisplayString() + (m is IFieldSymbol { IsConst: true } ? " const" : ""))
            .ToHashSet();
        if (type.AllInterfaces.Any(i => i.ToDisplayString() == "Generated.INetwork"))
        {
            members.Add("implements Generated.INetwork");
        }
        return members;
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(new MemoryStream(stream.ToArray()));
    }
}
