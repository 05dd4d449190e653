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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Generated.Analyzers.CodeFixes;

/// <summary>
/// Replaces a loss that does not fit the network's output with the one the diagnostic names: <c>fromLogits</c> flipped
/// (NNG0103, NNG0104), <c>Loss.BinaryCrossentropy</c> for one Sigmoid unit (NNG0105), <c>Loss.CategoricalCrossentropy</c>
/// for a multi-class Softmax (NNG0106). The analyzer puts the replacement in the diagnostic; names are simplified
/// against the file's usings.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReplaceLossCodeFix)), Shared]
public sealed class ReplaceLossCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ProbabilitiesAsLogits.Id, DiagnosticDescriptors.LogitsAsProbabilities.Id,
        DiagnosticDescriptors.BinaryOutputCategoricalLoss.Id, DiagnosticDescriptors.BinaryLossOnSoftmax.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(LossActivationAnalyzer.ReplacementProperty, out var replacement) || replacement is null
                || !diagnostic.Properties.TryGetValue(LossActivationAnalyzer.FixTitleProperty, out var title) || title is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax loss)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(title, token => Fix(context.Document, root, loss, replacement, token), equivalenceKey: title),
                diagnostic);
        }
    }

    private static Task<Document> Fix(Document document, SyntaxNode root, ExpressionSyntax loss, string replacement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var expression = SyntaxFactory.ParseExpression(replacement);
        if (expression is ObjectCreationExpressionSyntax creation)
        {
            // The simplifier shortens a created type's name only when the name itself carries the annotation.
            expression = creation.WithType(creation.Type.WithAdditionalAnnotations(Simplifier.Annotation));
        }
        expression = expression
            .WithTriviaFrom(loss)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(loss, expression)));
    }
}
