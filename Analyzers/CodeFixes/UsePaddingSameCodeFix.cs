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
/// "Use Padding.Same" for a kernel or pool that does not fit its input (NNG0007, NNG0008) or strides
/// that leave input unused (NNG0100): sets <c>Padding = Padding.Same</c> on the layer attribute,
/// replacing an explicit <c>Padding.Valid</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsePaddingSameCodeFix)), Shared]
public sealed class UsePaddingSameCodeFix : CodeFixProvider
{
    /// <summary>The title, also the equivalence key for Fix All.</summary>
    public const string Title = "Use Padding.Same";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.KernelTooLarge.Id, DiagnosticDescriptors.PoolTooLarge.Id, DiagnosticDescriptors.UnusedInput.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan) is { ArgumentList: not null } attribute)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, token => Fix(context.Document, root, attribute, token), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = attribute.ArgumentList!;
        var same = SyntaxFactory.ParseExpression(AttributeEditing.Sibling(attribute.Name, "Padding") + ".Same");
        var existing = list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Padding");
        AttributeArgumentListSyntax newList;
        if (existing is not null)
        {
            newList = list.ReplaceNode(existing.Expression, same.WithTriviaFrom(existing.Expression));
        }
        else
        {
            var argument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(
                    SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxFactory.TriviaList(), "Padding", SyntaxFactory.TriviaList())),
                    SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), SyntaxKind.EqualsToken, SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                nameColon: null,
                same);
            newList = list.WithArguments(AttributeEditing.WithSpacedSeparators(list.Arguments.Add(argument)));
        }
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(list, newList)));
    }
}
