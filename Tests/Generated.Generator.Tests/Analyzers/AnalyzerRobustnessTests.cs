using Generated.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// The analyzer runs on every keystroke, so it must never throw on half-typed code: every model
/// with each token removed in turn, and cut off at many points, analyzes without an AD0001.
/// </summary>
public class AnalyzerRobustnessTests
{
    public static TheoryData<string> Models { get; } = new()
    {
        ReferenceModels.TutorialCnn,
        ReferenceModels.MnistConvnet,
        ReferenceModels.Residual,
        ReferenceModels.UNet,
        """
        public class Outer
        {
            [Network(8, 8, 4)]
            [Conv2D(4, 3, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a"), Dropout(0.1)]
            [Add(new string[] { "a", "input" }, Name = "sum")]
            [Concatenate(layers: "a")]
            [Reshape(16, 4, 12)]
            [Conv2DTranspose(2, 3, Strides = 2, DilationRate = 1, UseBias = false)]
            [Flatten]
            [Dense(10)]
            public class Net { }
        }
        """,
        """
        [Network(8, 8, 4)]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "stem")]
        [Conv2D(4, 1, Input = "stem", Name = "b")]
        [Multiply("stem", "b"), Subtract("b"), Maximum("b", "stem", "input")]
        [Minimum(new[] { "b", "stem" }, Input = "input"), Average("b")]
        [MaxPooling2D(2, Input = "stem", Name = "pool")]
        [UpSampling2D(2, Interpolation = Interpolation.MaxUnpooling, PoolingLayer = "pool")]
        [Concatenate("stem", "input")]
        public partial class Branching;
        [Network(16, 16, 6)]
        [Cropping2D(1, 2, 0, 1)]
        [DepthwiseConv2D(3, DepthMultiplier = 2, StridesHeight = 2, Padding = Padding.Same)]
        [Conv2D(6, 1, Groups = 3)]
        [SeparableConv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [MinPooling2D(2, StridesWidth = 1)]
        [UpSampling2D(2, Interpolation = Interpolation.BedOfNails)]
        [Conv2DTranspose(2, 3, Strides = 2, OutputPadding = 1)]
        [Flatten]
        [Dense(10)]
        public partial class Net;
        [Rescaling(1.0 / 255, Offset = -1), Normalization, RandomFlip(FlipMode.Vertical)]
        [RandomTranslation(0.1, 0.2, FillMode = FillMode.Wrap)]
        [RandomRotation(0.25), RandomZoom(0.1, 0.2)]
        [GroupNormalization(2, Epsilon = 1e-5)]
        [PReLU(SharedAxes = new[] { 1, 2 })]
        [SpatialDropout2D(0.5)]
        [Conv2D(4, 3, Activation = Activation.Gelu)]
        public partial class Preprocessed;
        """,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Removing_any_token_never_crashes_the_analyzer(string model)
    {
        var source = AnalyzerVerifier.Usings + model;
        var tokens = CSharpSyntaxTree.ParseText(source, AnalyzerTestCompilation.ParseOptions).GetRoot().DescendantTokens().ToList();
        Assert.True(tokens.Count > 50, "The model is too small to exercise the analyzer.");
        foreach (var token in tokens)
        {
            AssertNoCrash(source.Remove(token.SpanStart, token.Span.Length), $"without token '{token}' at {token.SpanStart}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Truncating_the_text_never_crashes_the_analyzer(string model)
    {
        var source = AnalyzerVerifier.Usings + model;
        // Every position inside the attribute block, where typing happens; a coarser step elsewhere.
        for (var length = 0; length <= source.Length; length += source.AsSpan(0, length).Contains('[') ? 1 : 7)
        {
            AssertNoCrash(source[..length], $"cut at {length}");
        }
    }

    [Fact]
    public void Odd_but_compiling_arguments_never_crash_the_analyzer()
    {
        // Each compiles (or only fails to bind), and reaches corners of the declaration reader.
        string[] layers =
        [
            "[Add((string)null!)]",
            "[Concatenate(new string[0])]",
            "[Add(new[] { \"input\" }, Name = null)]",
            "[Conv2D(int.MaxValue, int.MaxValue, DilationRate = int.MaxValue, Padding = Padding.Same)]",
            "[Conv2DTranspose(int.MaxValue, 3, Strides = int.MaxValue)]",
            "[MaxPooling2D(int.MinValue, Strides = int.MinValue)]",
            "[Dense(int.MaxValue)]",
            "[Dropout(double.NaN)]",
            "[BatchNormalization(Momentum = double.PositiveInfinity, Epsilon = double.NaN)]",
            "[Reshape(int.MaxValue, int.MaxValue, int.MaxValue)]",
            "[Conv2D(8, Undefined)]",
            "[Conv2D(8, 3, Strides = Undefined)]",
            "[Network(1, 2)]",
            "[DepthwiseConv2D(int.MaxValue, DepthMultiplier = int.MaxValue)]",
            "[SeparableConv2D(int.MaxValue, 3, DepthMultiplier = int.MaxValue, Padding = Padding.Same)]",
            "[Cropping2D(int.MinValue)]",
            "[Cropping2D(int.MaxValue, int.MaxValue)]",
            "[Conv2D(8, 3, Groups = int.MinValue)]",
            "[Conv2D(int.MaxValue, 1, Groups = 2)]",
            "[Conv2DTranspose(2, 3, Strides = int.MaxValue, OutputPadding = int.MaxValue - 1)]",
            "[MinPooling2D(2, StridesHeight = int.MinValue, StridesWidth = int.MaxValue)]",
            "[PReLU(SharedAxes = null!)]",
            "[PReLU(SharedAxes = new[] { int.MinValue, int.MaxValue })]",
            "[GroupNormalization(int.MinValue)]",
            "[RandomZoom(double.NaN, double.PositiveInfinity)]",
            "[RandomRotation(double.NegativeInfinity)]",
            "[Rescaling(double.MaxValue, Offset = double.NaN)]",
            "[SpatialDropout2D(double.NaN)]",
            "[RandomFlip((FlipMode)int.MaxValue)]",
        ];
        foreach (var layer in layers)
        {
            AssertNoCrash(AnalyzerVerifier.Usings + $"[Network(28, 28, 1)]\n[Conv2D(8, 3, Activation = Activation.Relu)]\n{layer}\npublic partial class Net;", layer);
        }
    }

    private static void AssertNoCrash(string source, string what)
    {
        var diagnostics = AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create(source), analyzerOnly: true);
        var crash = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
        Assert.True(crash is null, $"The analyzer threw on the model {what}:\n{crash}\n---\n{source}");
    }
}
