using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Analyzers.CodeFixes;

/// <summary>
/// "Insert [Flatten]" before a Dense head that runs on a feature map (NNG0102), so the network
/// outputs one vector per sample instead of one per pixel.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
public sealed class InsertFlattenCodeFix : CodeFixProvider
{
    /// <summary>The title, also the equivalence key for Fix All.</summary>
    public const string Title = "Insert [Flatten]";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.DenseOnFeatureMap.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan) is { Parent: AttributeListSyntax { Parent: TypeDeclarationSyntax } } attribute)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => Fix(context.Document, root, attribute, token), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, AttributeSyntax dense, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var type = (TypeDeclarationSyntax)dense.Parent!.Parent!;
        var flatten = SyntaxFactory.Attribute(SyntaxFactory.ParseName(AttributeEditing.Sibling(dense.Name, "Flatten")));
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, AttributeEditing.InsertBefore(type, dense, flatten))));
    }
}
