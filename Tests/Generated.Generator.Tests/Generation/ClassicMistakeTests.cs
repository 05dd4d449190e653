using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// The three mistakes a new user makes first (issue 17) each fail the build with exactly one error, the NNG one,
/// even though the program uses the model: generator output, analyzers and compiler run together as in a build.
/// </summary>
public class ClassicMistakeTests
{
    /// <summary>What a first program does with a model: construct, summarize, predict, compile for training, save.</summary>
    private const string Program = """
        using System;
        using Generated;
        using Generated.Training;

        public static class Program
        {
            public static void Main()
            {
                var model = new SmallCnn(seed: 1);
                Console.WriteLine(SmallCnn.Summary);
                var scores = model.Predict(new float[SmallCnn.InputSize]);
                Console.WriteLine(scores[0]);
                var trainer = model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);
                Console.WriteLine(trainer.Network.ParameterTensors.Count);
                model.SaveWeights("small.safetensors");
            }
        }
        """;

    [Theory]
    [InlineData("NNG0007", """
        using Generated;
        [Network(28, 28, 1)]
        [Conv2D(16, 3, Activation = Activation.Relu)]
        [MaxPooling2D(2)]
        [Conv2D(32, 17, Activation = Activation.Relu)]
        [Flatten]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class SmallCnn;
        """)]
    [InlineData("NNG0009", """
        using Generated;
        [Network(28, 28, 1)]
        [Conv2D(16, 3, Activation = Activation.Relu)]
        [Flatten]
        [Conv2D(32, 3, Activation = Activation.Relu)]
        [Dense(10, Activation = Activation.Softmax)]
        public partial class SmallCnn;
        """)]
    public void A_shape_mistake_is_the_only_error_of_a_program_that_uses_the_model(string id, string model)
    {
        var errors = InvalidModelStubTests.BuildWithGeneratorAndAnalyzer(model, Program).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Id == id, string.Join("\n", errors));
    }

    [Fact]
    public void A_missing_partial_is_the_only_error_of_a_program_that_uses_the_model()
    {
        // The generator adds its (stub) part to the class that is not partial, so the program's uses of the model bind;
        // the compiler reports CS0260 ("missing partial modifier") at the class and NetworkAnalyzer leaves NNG0001 out.
        const string model = """
            using Generated;
            [Network(28, 28, 1)]
            [Conv2D(16, 3, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public class SmallCnn { }
            """;
        var errors = InvalidModelStubTests.BuildWithGeneratorAndAnalyzer(model, Program).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 1 && errors[0].Id == "CS0260", string.Join("\n", errors));
        Assert.Equal("SmallCnn", errors[0].Location.SourceTree!.GetText().ToString(errors[0].Location.SourceSpan));
    }
}
