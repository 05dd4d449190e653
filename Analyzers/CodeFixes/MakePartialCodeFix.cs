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
/// "Make the class partial" for a network class that is not partial (NNG0001) or an enclosing type
/// that is not (NNG0003, reported on that type's name): adds <c>partial</c> as its last modifier.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <summary>The equivalence key for Fix All.</summary>
    public const string EquivalenceKey = "MakePartial";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial.Id, DiagnosticDescriptors.ContainingTypeNotPartial.Id, CompilerMissingPartial);

    /// <summary>The compiler's "missing partial modifier" (CS0260), which a network class without <c>partial</c> gets once the generator adds its part.</summary>
    public const string CompilerMissingPartial = "CS0260";

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // NNG0001 and CS0260 sit on the network class's name, NNG0003 on the name of the enclosing type to fix.
            if (root?.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } target || IsPartial(target))
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{target.Identifier.ValueText}' partial", token => Fix(context.Document, root, target, token), equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static Task<Document> Fix(Document document, SyntaxNode root, TypeDeclarationSyntax target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(target, AddPartial(target))));
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
        // Explicit trivia: elastic trivia would make the code action reformat the declaration.
        var partial = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
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
