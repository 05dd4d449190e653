using System.Collections.Immutable;
using System.Linq;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Analyzers;

/// <summary>
/// Reports every shape and declaration error of a network at the attribute or argument that causes
/// it, by running the shared shape inference on each class that carries our attributes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ById.Values.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol type)
        {
            return;
        }

        var attributes = type.GetAttributes();
        var hasNetwork = attributes.Any(a => DeclarationReader.IsNetworkAttribute(a.AttributeClass));
        if (!hasNetwork)
        {
            var firstLayer = attributes.FirstOrDefault(a => DeclarationReader.LayerKindOf(a.AttributeClass) is not null);
            if (firstLayer?.ApplicationSyntaxReference is { } reference)
            {
                var kind = DeclarationReader.LayerKindOf(firstLayer.AttributeClass)!.Value;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LayerWithoutNetwork,
                    reference.GetSyntax(context.CancellationToken).GetLocation(), type.Name, kind.ToString()));
            }
            return;
        }

        var declaration = DeclarationReader.Read(type, withLocations: true, context.CancellationToken);
        var model = ShapeInference.Infer(declaration);
        foreach (var diagnostic in model.Diagnostics)
        {
            var location = diagnostic.Location?.ToLocation() ?? type.Locations.FirstOrDefault() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById[diagnostic.Id], location, diagnostic.Arguments.Cast<object>().ToArray()));
        }
    }
}
