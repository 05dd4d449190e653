using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Generated.Model;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Generated.Analyzers;

/// <summary>
/// Reports every shape and declaration error of a network at the attribute or argument that causes
/// it, by running the shared shape inference on each class that carries our attributes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ById.Values.ToImmutableArray();

    /// <inheritdoc/>
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

        // Below C# 9 the generator adds nothing (LanguageSupport): this one error says why, and nothing else is checked.
        if (context.Compilation is CSharpCompilation { LanguageVersion: var version } && !LanguageSupport.IsSupported(version))
        {
            var network = attributes.First(a => DeclarationReader.IsNetworkAttribute(a.AttributeClass));
            var location = network.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? type.Locations.FirstOrDefault() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LanguageVersionTooOld, location,
                type.Name, LanguageSupport.Minimum.ToDisplayString(), version.ToDisplayString()));
            return;
        }

        var declaration = DeclarationReader.Read(type, withLocations: true, context.CancellationToken);
        var model = ShapeInference.Infer(declaration);
        if (model.Diagnostics.Count == 0)
        {
            return;
        }

        // Model locations are plain values; turn them back into source locations in the type's own
        // syntax trees, so the IDE squiggles them and code fixes find their document.
        var trees = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct().ToList();
        // Some parts partial, some not (the generator's stub is partial): the compiler's CS0260 already says
        // "missing partial modifier" at the class, so NNG0001 would report the same mistake twice.
        var compilerReportsMissingPartial = HasPartialPart(type, context.CancellationToken);
        var fallback = type.Locations.FirstOrDefault() ?? Location.None;
        foreach (var diagnostic in model.Diagnostics)
        {
            var location = diagnostic.Location is { } info ? ToSourceLocation(info, trees) : fallback;
            var additional = diagnostic.AdditionalLocations.Select(l => ToSourceLocation(l, trees));
            if (compilerReportsMissingPartial && diagnostic.Id == DiagnosticDescriptors.NotPartial.Id)
            {
                continue;
            }
            var descriptor = DiagnosticDescriptors.ById[diagnostic.Id];
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, diagnostic.Severity ?? descriptor.DefaultSeverity, additional,
                properties: null, diagnostic.Arguments.Cast<object>().ToArray()));
        }
    }

    private static bool HasPartialPart(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax syntax
            && syntax.Modifiers.Any(m => m.IsKind(SyntaxKind.PartialKeyword)));

    private static Location ToSourceLocation(LocationInfo info, IReadOnlyList<SyntaxTree> trees)
    {
        foreach (var tree in trees)
        {
            if (tree.FilePath == info.FilePath && info.Span.End <= tree.Length)
            {
                return Location.Create(tree, info.Span);
            }
        }
        return info.ToLocation();
    }
}
