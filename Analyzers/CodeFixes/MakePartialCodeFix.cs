using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
/// "Make the class partial" for a network class that is not partial (NNG0001) or is nested in a type
/// that is not (NNG0003): adds <c>partial</c> as the last modifier of every such declaration.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key for Fix All.</summary>
    public const string EquivalenceKey = "MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial.Id, DiagnosticDescriptors.ContainingTypeNotPartial.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } network)
            {
                continue;
            }
            // NNG0001 fixes the network class itself; NNG0003 every enclosing type that is not partial.
            var targets = diagnostic.Id == DiagnosticDescriptors.NotPartial.Id
                ? new List<TypeDeclarationSyntax> { network }
                : network.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !IsPartial(t)).ToList();
            if (targets.Count == 0 || targets.All(IsPartial))
            {
                continue;
            }
            var title = targets.Count == 1 ? $"Make '{targets[0].Identifier.ValueText}' partial" : "Make the containing types partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, token => Fix(context.Document, root, targets, token), equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static Task<Document> Fix(Document document, SyntaxNode root, IReadOnlyList<TypeDeclarationSyntax> targets, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var newRoot = root.ReplaceNodes(targets, (original, rewritten) => AddPartial(rewritten));
        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }

    /// <summary>
    /// <c>partial</c> must be the last modifier. With no modifiers it takes over the keyword's leading
    /// trivia (the indentation after the attributes), so the line keeps its layout.
    /// </summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (IsPartial(type))
        {
            return type;
        }
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0)
        {
            return type.WithModifiers(type.Modifiers.Add(partial));
        }
        var keyword = type.Keyword;
        return type
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
