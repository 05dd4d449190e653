using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Generated.Analyzers;

/// <summary>
/// Reports values sized for one generated network passed to another whose size differs, as when a GAN's generator
/// feeds its discriminator (NNG0107). Narrow on purpose, so it is never wrong: it judges only arguments of a generated
/// network's <c>Forward</c>, <c>Predict</c>, <c>PredictClasses</c>, <c>Backward</c> and <c>AccumulateGradients</c> that are
/// another network's <c>Forward(...)</c>/<c>Backward(...)</c>/<c>Predict(...)</c> result, an array created as
/// <c>new float[X.OutputSize * n]</c> (or <c>InputSize</c>, either operand order), or a local initialized so and never
/// assigned again.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkSizeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.NetworkSizeMismatch);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(DeclarationReader.NetworkAttributeMetadataName) is null)
            {
                return;
            }
            var models = new NetworkModels();
            start.RegisterOperationAction(c => Analyze(c, models), OperationKind.Invocation);
        });
    }

    /// <summary>Floats per sample that a value holds, with the constant that says so (<c>Generator.OutputSize</c>).</summary>
    private readonly record struct SampleSize(int Floats, string Source);

    private static void Analyze(OperationAnalysisContext context, NetworkModels models)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.IsStatic || invocation.Instance is null)
        {
            return;
        }
        var receiverType = invocation.TargetMethod.ContainingType;
        var model = models.Of(receiverType, context.CancellationToken);
        if (model is null)
        {
            return;
        }
        foreach (var argument in invocation.Arguments)
        {
            if (Expected(invocation.TargetMethod.Name, argument.Parameter?.Name) is not { } expectedMember)
            {
                continue;
            }
            var expected = expectedMember == "InputSize" ? model.InputShape.Size : model.OutputShape.Size;
            if (SizeOf(argument.Value, models, context) is { } actual && actual.Floats != expected)
            {
                var method = $"{receiverType.Name}.{invocation.TargetMethod.Name}";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NetworkSizeMismatch, argument.Value.Syntax.GetLocation(),
                    $"The {argument.Parameter!.Name} of {method}", actual.Source, actual.Floats, method,
                    $"{receiverType.Name}.{expectedMember}", expected));
            }
        }
    }

    /// <summary>Which size constant an argument of a network's method must match, or null for other arguments.</summary>
    private static string? Expected(string method, string? parameter) => (method, parameter) switch
    {
        ("Forward" or "Predict" or "PredictClasses", "input") => "InputSize",
        ("Predict", "output") => "OutputSize",
        ("Backward" or "AccumulateGradients", "outputGradient") => "OutputSize",
        _ => null,
    };

    private static SampleSize? SizeOf(IOperation value, NetworkModels models, OperationAnalysisContext context, bool followLocals = true)
    {
        value = LossActivationAnalyzer.WithoutConversions(value);
        switch (value)
        {
            case IInvocationOperation { Instance: not null } call when models.Of(call.TargetMethod.ContainingType, context.CancellationToken) is { } producer:
                var name = call.TargetMethod.ContainingType.Name;
                return call.TargetMethod.Name switch
                {
                    "Forward" => Size(producer.OutputShape.Size, name + ".OutputSize"),
                    "Predict" when call.Arguments.Length == 1 => Size(producer.OutputShape.Size, name + ".OutputSize"),
                    "Backward" => Size(producer.InputShape.Size, name + ".InputSize"),
                    _ => null,
                };
            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } array:
                return SizeConstant(array.DimensionSizes[0], models, context);
            case ILocalReferenceOperation local when followLocals:
                return LocalSize(local.Local, models, context);
            default:
                return null;
        }
    }

    private static SampleSize? Size(long floats, string source) => floats is > 0 and <= int.MaxValue ? new SampleSize((int)floats, source) : null;

    /// <summary><c>X.OutputSize</c>, <c>X.OutputSize * n</c> or <c>n * X.OutputSize</c> (also <c>InputSize</c>) for a generated network X.</summary>
    private static SampleSize? SizeConstant(IOperation length, NetworkModels models, OperationAnalysisContext context)
    {
        length = LossActivationAnalyzer.WithoutConversions(length);
        if (length is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply } product)
        {
            return SizeField(product.LeftOperand, models, context) ?? SizeField(product.RightOperand, models, context);
        }
        return SizeField(length, models, context);
    }

    private static SampleSize? SizeField(IOperation operand, NetworkModels models, OperationAnalysisContext context)
    {
        if (LossActivationAnalyzer.WithoutConversions(operand) is IFieldReferenceOperation { Field: { IsConst: true, Name: "InputSize" or "OutputSize" } field }
            && models.Of(field.ContainingType, context.CancellationToken) is { } network)
        {
            var floats = field.Name == "InputSize" ? network.InputShape.Size : network.OutputShape.Size;
            return Size(floats, field.ContainingType.Name + "." + field.Name);
        }
        return null;
    }

    /// <summary>The size of a local's initializer, when the local is written nowhere else in its method.</summary>
    private static SampleSize? LocalSize(ILocalSymbol local, NetworkModels models, OperationAnalysisContext context)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }
        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
        var semanticModel = context.Operation.SemanticModel;
        if (semanticModel is null || declarator.SyntaxTree != semanticModel.SyntaxTree
            || semanticModel.GetOperation(declarator, context.CancellationToken) is not IVariableDeclaratorOperation { Initializer: { } initializer })
        {
            return null;
        }
        // Any other write (assignment, ref/out, deconstruction, increment) makes the size unknowable here.
        var body = declarator.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax
            or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax
            or AccessorDeclarationSyntax
            or CompilationUnitSyntax);
        if (body is null)
        {
            return null;
        }
        foreach (var reference in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (reference.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(reference, context.CancellationToken).Symbol, local)
                && semanticModel.GetOperation(reference, context.CancellationToken) is { } operation
                && IsWritten(operation))
            {
                return null;
            }
        }
        return SizeOf(initializer.Value, models, context, followLocals: false);
    }

    private static bool IsWritten(IOperation reference)
    {
        var parent = reference.Parent;
        return parent switch
        {
            ISimpleAssignmentOperation assignment => assignment.Target == reference,
            ICompoundAssignmentOperation compound => compound.Target == reference,
            ICoalesceAssignmentOperation coalesce => coalesce.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            IDeconstructionAssignmentOperation => true,
            ITupleOperation { Parent: IDeconstructionAssignmentOperation } => true,
            _ => false,
        };
    }
}
