using Generated.Analyzers;
using Generated.Analyzers.CodeFixes;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>The loss given to <c>Compile</c> or <c>new Trainer</c> against the network's output activation (NNG0025, NNG0103-NNG0106).</summary>
public class LossActivationAnalyzerTests
{
    /// <summary>A network whose head is <paramref name="head"/>, compiled with <paramref name="compile"/> (markup allowed).</summary>
    private static string Source(string head, string compile) => $$"""
        [Network(8, 8, 1)]
        [Conv2D(4, 3, Activation = Activation.Relu)]
        [Flatten]
        {{head}}
        public partial class Net;

        public static class Training
        {
            public static readonly Loss Chosen = Loss.CategoricalCrossentropy;
            public static bool Flag;

            public static Trainer Build(Net model) => {{compile}};
        }
        """;

    private static void Verify(string head, string compile) => UsageAnalyzerVerifier.Verify(new LossActivationAnalyzer(), Source(head, compile));

    private static string Message(string head, string compile) =>
        Assert.Single(UsageAnalyzerVerifier.Verify(new LossActivationAnalyzer(), Source(head, compile))).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0103:new CategoricalCrossentropy(fromLogits: true)|}, Metric.Accuracy)")]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0103:new SparseCategoricalCrossentropy(true)|})")]
    [InlineData("[Dense(10)]\n[Softmax]", "model.Compile(new Adam(), {|NNG0103:new CategoricalCrossentropy(fromLogits: true)|})")]
    [InlineData("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), {|NNG0103:new BinaryCrossentropy(fromLogits: true)|})")]
    [InlineData("[Dense(10)]", "model.Compile(new Adam(), {|NNG0104:Loss.CategoricalCrossentropy|}, Metric.Accuracy)")]
    [InlineData("[Dense(10)]", "new Trainer(model, new Adam(), {|NNG0104:Loss.SparseCategoricalCrossentropy|})")]
    [InlineData("[Dense(1)]", "model.Compile(new Adam(), {|NNG0104:new BinaryCrossentropy()|})")]
    [InlineData("[Dense(10)]\n[Activation(Activation.Linear)]", "model.Compile(new Adam(), {|NNG0104:new CategoricalCrossentropy(fromLogits: false)|})")]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]\n[Activation(Activation.Linear)]", "model.Compile(new Adam(), {|NNG0103:new CategoricalCrossentropy(fromLogits: true)|})")]
    [InlineData("[Dense(10)]\n[Activation(Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0106:Loss.BinaryCrossentropy|})")]
    [InlineData("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), {|NNG0105:Loss.CategoricalCrossentropy|})")]
    [InlineData("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(metrics: new[] { Metric.Accuracy }, loss: {|NNG0105:Loss.SparseCategoricalCrossentropy|}, optimizer: new Adam())")]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0106:Loss.BinaryCrossentropy|})")]
    [InlineData("[Dense(1, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0025:Loss.BinaryCrossentropy|})")]
    [InlineData("[Dense(1)]\n[Softmax]", "model.Compile(new Adam(), {|NNG0025:Loss.MeanSquaredError|})")]
    [InlineData("[Dense(1, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0025:Training.Chosen|})")]
    public void Reports_a_loss_that_does_not_fit_the_output_at_the_loss(string head, string compile) =>
        Verify(head, compile);

    [Theory]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy)")]
    [InlineData("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), Loss.SparseCategoricalCrossentropy)")]
    [InlineData("[Dense(10)]", "model.Compile(new Adam(), new CategoricalCrossentropy(fromLogits: true))")]
    [InlineData("[Dense(1)]", "model.Compile(new Adam(), new BinaryCrossentropy(fromLogits: true))")]
    [InlineData("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), Loss.BinaryCrossentropy)")]
    [InlineData("[Dense(5, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), Loss.BinaryCrossentropy)")] // multi-label
    [InlineData("[Dense(3)]", "model.Compile(new Adam(), Loss.MeanSquaredError)")]
    [InlineData("[Dense(3, Activation = Activation.Tanh)]", "model.Compile(new Adam(), Loss.CategoricalCrossentropy)")] // not stated as logits or probabilities
    [InlineData("[Dense(10)]", "model.Compile(new Adam(), Training.Chosen)")] // a loss not written in place
    [InlineData("[Dense(10)]", "model.Compile(new Adam(), new CategoricalCrossentropy(Training.Flag))")] // fromLogits not a constant
    [InlineData("[Dense(10, Activation = Activation.Softmax)]\n[Dropout(0.5)]", "model.Compile(new Adam(), new CategoricalCrossentropy(fromLogits: true))")] // last layer states nothing
    [InlineData("[Dense(10)]\n[BatchNormalization]", "model.Compile(new Adam(), Loss.CategoricalCrossentropy)")]
    [InlineData("[Dense(10, Activation = Activation.Relu)]\n[Activation(Activation.Linear)]", "model.Compile(new Adam(), Loss.CategoricalCrossentropy)")] // ReLU scores: neither logits nor probabilities
    public void Says_nothing_when_the_loss_fits_or_cannot_be_judged(string head, string compile) => Verify(head, compile);

    [Fact]
    public void Says_nothing_about_an_invalid_network()
    {
        // The model's own error is the one to fix; its output is unknown.
        var diagnostics = Generation.InvalidModelStubTests.BuildWithGeneratorAndAnalyzer(UsageAnalyzerVerifier.Usings + """
            [Network(4, 4, 1)]
            [Conv2D(4, 5)]
            [Flatten]
            [Dense(1, Activation = Activation.Softmax)]
            public partial class Net;

            public static class Training
            {
                public static Trainer Build(Net model) => model.Compile(new Adam(), Loss.BinaryCrossentropy);
            }
            """);
        Assert.Equal(new[] { "NNG0007" }, diagnostics.Where(d => d.Id.StartsWith("NNG", StringComparison.Ordinal)).Select(d => d.Id));
    }

    [Fact]
    public void Probabilities_as_logits_names_the_activation_and_the_way_out() =>
        Assert.Equal(
            "Network 'Net' ends in Softmax, so its outputs are probabilities, but CategoricalCrossentropy(fromLogits: true) is given fromLogits: true and applies Softmax to them again; use Loss.CategoricalCrossentropy without fromLogits, or make the last layer linear (Activation.Linear) to train on logits",
            Message("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0103:new CategoricalCrossentropy(fromLogits: true)|})"));

    [Fact]
    public void Logits_as_probabilities_names_the_layer_and_both_fixes() =>
        Assert.Equal(
            "Network 'Net' ends in a linear layer (dense, Dense), so its outputs are logits, but Loss.BinaryCrossentropy expects probabilities in [0, 1]; pass fromLogits: true (new BinaryCrossentropy(fromLogits: true)), or give the last layer Activation.Sigmoid",
            Message("[Dense(1)]", "model.Compile(new Adam(), {|NNG0104:Loss.BinaryCrossentropy|})"));

    [Fact]
    public void Softmax_over_one_unit_is_an_error_that_names_the_alternative()
    {
        var diagnostic = Assert.Single(UsageAnalyzerVerifier.Verify(new LossActivationAnalyzer(),
            Source("[Dense(1, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0025:Loss.CategoricalCrossentropy|})")));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Network 'Net' ends in Softmax over a single unit, which always outputs 1, so Loss.CategoricalCrossentropy cannot train it; for a binary output use Activation.Sigmoid with Loss.BinaryCrossentropy, for classes give the last layer one unit per class",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Fix_drops_from_logits_on_a_softmax_output() => UsageAnalyzerVerifier.VerifyFixAsync(new LossActivationAnalyzer(), new ReplaceLossCodeFix(),
        Source("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), {|NNG0103:new CategoricalCrossentropy(fromLogits: true)|}, Metric.Accuracy)"),
        Source("[Dense(10, Activation = Activation.Softmax)]", "model.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy)"),
        "Use Loss.CategoricalCrossentropy (probabilities)");

    [Fact]
    public Task Fix_passes_from_logits_for_a_linear_output() => UsageAnalyzerVerifier.VerifyFixAsync(new LossActivationAnalyzer(), new ReplaceLossCodeFix(),
        Source("[Dense(10)]", "model.Compile(new Adam(), {|NNG0104:Loss.SparseCategoricalCrossentropy|})"),
        Source("[Dense(10)]", "model.Compile(new Adam(), new SparseCategoricalCrossentropy(fromLogits: true))"),
        "Use new SparseCategoricalCrossentropy(fromLogits: true)");

    [Fact]
    public Task Fix_uses_binary_cross_entropy_for_one_sigmoid_unit() => UsageAnalyzerVerifier.VerifyFixAsync(new LossActivationAnalyzer(), new ReplaceLossCodeFix(),
        Source("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), {|NNG0105:Loss.CategoricalCrossentropy|})"),
        Source("[Dense(1, Activation = Activation.Sigmoid)]", "model.Compile(new Adam(), Loss.BinaryCrossentropy)"),
        "Use Loss.BinaryCrossentropy");

    [Fact]
    public Task Fix_uses_categorical_cross_entropy_for_a_softmax() => UsageAnalyzerVerifier.VerifyFixAsync(new LossActivationAnalyzer(), new ReplaceLossCodeFix(),
        Source("[Dense(10, Activation = Activation.Softmax)]", "new Trainer(model, new Adam(), {|NNG0106:new BinaryCrossentropy()|})"),
        Source("[Dense(10, Activation = Activation.Softmax)]", "new Trainer(model, new Adam(), Loss.CategoricalCrossentropy)"),
        "Use Loss.CategoricalCrossentropy");
}
