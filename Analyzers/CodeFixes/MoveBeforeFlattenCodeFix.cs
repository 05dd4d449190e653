using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Analyzers.CodeFixes;

/// <summary>
/// For a convolution, pooling or up-sampling layer placed after the layer that flattened the feature
/// map (NNG0009): moves its attribute to just before that [Flatten] or global pooling attribute,
/// which the diagnostic carries as its additional location.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveBeforeFlattenCodeFix)), Shared]
public sealed class MoveBeforeFlattenCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key for Fix All.</summary>
    public const string EquivalenceKey = "MoveBeforeFlatten";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.NeedsFeatureMap.Id);

    /// <summary>Moves in one declaration interact, so Fix All is not offered: fix them one at a time.</summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        foreach (var diagnostic in context.Diagnostics)
        {
            var flattenLocation = diagnostic.AdditionalLocations.FirstOrDefault();
            if (flattenLocation is null || flattenLocation.SourceTree != diagnostic.Location.SourceTree
                || AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan) is not { Parent: AttributeListSyntax { Parent: TypeDeclarationSyntax type } } layer
                || AttributeEditing.AttributeAt(root, flattenLocation.SourceSpan) is not { Parent: AttributeListSyntax { Parent: TypeDeclarationSyntax flattenOwner } } flatten
                || flattenOwner != type)
            {
                continue;
            }
            var title = $"Move [{layer.Name.WithoutTrivia()}] before [{flatten.Name.WithoutTrivia()}]";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => Fix(context.Document, root, type, layer, flatten, token), equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, TypeDeclarationSyntax type, AttributeSyntax layer, AttributeSyntax flatten, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Track the anchor through the removal, which rebuilds the lists around it.
        var tracked = type.TrackNodes(layer, flatten);
        var removed = AttributeEditing.Remove(tracked, tracked.GetCurrentNode(layer)!);
        var moved = AttributeEditing.InsertBefore(removed, removed.GetCurrentNode(flatten)!, layer);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, moved)));
    }
}
