using System.Collections.Immutable;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Generated.Analyzers;

/// <summary>
/// Checks the loss given to <c>model.Compile(optimizer, loss, ...)</c> (and <c>new Trainer(model, optimizer, loss, ...)</c>)
/// against the activation the network declares on its last layer: the mistakes of Keras users' questions, caught where
/// the loss is written. Reported at the loss argument; only losses written in place (<c>Loss.CategoricalCrossentropy</c>,
/// <c>new BinaryCrossentropy(fromLogits: true)</c>) and networks whose last layer states its activation are judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LossActivationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the C# expression (fully qualified) that fixes the loss, for the code fix.</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>Diagnostic property: the code fix's title.</summary>
    public const string FixTitleProperty = "FixTitle";

    private const string TrainingNamespace = "global::Generated.Training.";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ProbabilitiesAsLogits, DiagnosticDescriptors.LogitsAsProbabilities, DiagnosticDescriptors.BinaryOutputCategoricalLoss,
        DiagnosticDescriptors.BinaryLossOnSoftmax, DiagnosticDescriptors.SoftmaxOverOneUnit);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var extensions = compilation.GetTypeByMetadataName("Generated.NetworkTrainingExtensions");
            var trainer = compilation.GetTypeByMetadataName("Generated.Training.Trainer");
            var loss = compilation.GetTypeByMetadataName("Generated.Training.Loss");
            if (loss is null || (extensions is null && trainer is null))
            {
                return;
            }
            var models = new NetworkModels();
            start.RegisterOperationAction(c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, extensions) && invocation.TargetMethod.Name == "Compile")
                {
                    Analyze(c, models, invocation.Arguments, loss);
                }
            }, OperationKind.Invocation);
            start.RegisterOperationAction(c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (SymbolEqualityComparer.Default.Equals(creation.Type, trainer))
                {
                    Analyze(c, models, creation.Arguments, loss);
                }
            }, OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, NetworkModels models, ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol lossType)
    {
        IOperation? network = null;
        IOperation? loss = null;
        foreach (var argument in arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "network":
                    network = argument.Value;
                    break;
                case "loss":
                    loss = argument.Value;
                    break;
            }
        }
        if (network is null || loss is null || loss.Syntax is null)
        {
            return;
        }
        var model = models.Of(WithoutConversions(network).Type, context.CancellationToken);
        if (model is null || OutputActivation(model) is not { } output)
        {
            return;
        }

        var name = model.Declaration.TypeName;
        var units = model.OutputShape.Channels;
        var location = loss.Syntax.GetLocation();
        if (output.Activation == ActivationKind.Softmax && units == 1)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SoftmaxOverOneUnit, location, name, Describe(ReadLoss(loss, lossType))));
            return;
        }
        if (ReadLoss(loss, lossType) is not { } written)
        {
            return;
        }

        var probability = written.Kind is LossKind.CategoricalCrossentropy or LossKind.SparseCategoricalCrossentropy or LossKind.BinaryCrossentropy;
        if (!probability)
        {
            return;
        }
        if (written.FromLogits && output.Activation is ActivationKind.Softmax or ActivationKind.Sigmoid)
        {
            var fix = $"{TrainingNamespace}Loss.{written.Kind}";
            Report(context, DiagnosticDescriptors.ProbabilitiesAsLogits, location, fix, $"Use Loss.{written.Kind} (probabilities)",
                name, output.Activation.ToString(), Describe(written),
                $"use Loss.{written.Kind} without fromLogits, or make the last layer linear (Activation.Linear) to train on logits");
        }
        else if (written.FromLogits)
        {
            return;
        }
        else if (output.Activation == ActivationKind.Sigmoid && units == 1 && written.Kind != LossKind.BinaryCrossentropy)
        {
            Report(context, DiagnosticDescriptors.BinaryOutputCategoricalLoss, location, TrainingNamespace + "Loss.BinaryCrossentropy",
                "Use Loss.BinaryCrossentropy", name, Describe(written));
        }
        else if (output.Activation == ActivationKind.Softmax && written.Kind == LossKind.BinaryCrossentropy)
        {
            Report(context, DiagnosticDescriptors.BinaryLossOnSoftmax, location, TrainingNamespace + "Loss.CategoricalCrossentropy",
                "Use Loss.CategoricalCrossentropy", name, units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (output.Activation == ActivationKind.Linear)
        {
            var activation = written.Kind == LossKind.BinaryCrossentropy ? "Activation.Sigmoid" : "Activation.Softmax";
            Report(context, DiagnosticDescriptors.LogitsAsProbabilities, location, $"new {TrainingNamespace}{written.Kind}(fromLogits: true)",
                $"Use new {written.Kind}(fromLogits: true)", name, output.Layer, Describe(written),
                $"pass fromLogits: true (new {written.Kind}(fromLogits: true)), or give the last layer {activation}");
        }
    }

    private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, Location location, string replacement, string title, params object[] arguments)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, replacement).Add(FixTitleProperty, title);
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, arguments));
    }

    /// <summary>The loss as a user reads it: <c>Loss.CategoricalCrossentropy</c>, <c>new BinaryCrossentropy(fromLogits: true)</c>, or "this loss".</summary>
    private static string Describe(WrittenLoss? loss) => loss switch
    {
        null => "this loss",
        { FromLogits: true } => $"{loss.Value.Kind}(fromLogits: true)",
        _ => "Loss." + loss.Value.Kind,
    };

    private enum LossKind
    {
        CategoricalCrossentropy,
        SparseCategoricalCrossentropy,
        BinaryCrossentropy,
        MeanSquaredError,
        MeanAbsoluteError,
    }

    private readonly record struct WrittenLoss(LossKind Kind, bool FromLogits);

    /// <summary>The activation of the network's output, and the layer that applies it, when the last layer states one.</summary>
    private readonly record struct OutputActivationInfo(ActivationKind Activation, string Layer);

    private static OutputActivationInfo? OutputActivation(NetworkModel model)
    {
        if (model.Layers.Count == 0)
        {
            return null;
        }
        var last = model.Layers[model.Layers.Count - 1];
        // A linear Activation layer is the identity: the output means what its input means.
        while (last is { Kind: LayerKind.Activation, Declaration.Activation: ActivationKind.Linear } && last.Inputs.Count > 0 && last.Inputs[0] >= 0)
        {
            last = model.Layers[last.Inputs[0]];
        }
        var layer = $"{last.Name}, {last.Kind}";
        return last.Kind switch
        {
            LayerKind.Dense or LayerKind.Conv2D or LayerKind.Conv2DTranspose or LayerKind.DepthwiseConv2D or LayerKind.SeparableConv2D or LayerKind.Activation => new OutputActivationInfo(last.Declaration.Activation, layer),
            LayerKind.Softmax => new OutputActivationInfo(ActivationKind.Softmax, layer),
            _ => null, // Pooling, normalization, merges, ...: what the output means is not stated; say nothing.
        };
    }

    /// <summary>A loss written in place: <c>Loss.X</c> or <c>new X(fromLogits: constant)</c>; null for anything else.</summary>
    private static WrittenLoss? ReadLoss(IOperation loss, INamedTypeSymbol lossType)
    {
        var value = WithoutConversions(loss);
        switch (value)
        {
            case IPropertyReferenceOperation { Property.IsStatic: true } property
                when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, lossType)
                    && System.Enum.TryParse<LossKind>(property.Property.Name, out var kind):
                return new WrittenLoss(kind, FromLogits: false);
            case IObjectCreationOperation creation
                when creation.Type is INamedTypeSymbol type
                    && SymbolEqualityComparer.Default.Equals(type.BaseType, lossType)
                    && System.Enum.TryParse<LossKind>(type.Name, out var created):
                var fromLogits = false;
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Name == "fromLogits")
                    {
                        if (argument.Value.ConstantValue is not { HasValue: true, Value: bool constant })
                        {
                            return null;
                        }
                        fromLogits = constant;
                    }
                }
                return creation.Initializer is null ? new WrittenLoss(created, fromLogits) : null;
            default:
                return null;
        }
    }

    internal static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }
        return operation;
    }
}
