using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Generated.Analyzers.CodeFixes;

/// <summary>Syntax edits on layer attributes shared by the code fixes; all keep the surrounding trivia.</summary>
internal static class AttributeEditing
{
    /// <summary>The attribute that contains <paramref name="span"/> (the diagnostic may sit on one of its arguments).</summary>
    public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();

    /// <summary>
    /// A name for another attribute or type of ours, qualified the way <paramref name="like"/> is written:
    /// <c>Dense</c> gives <c>Flatten</c>, <c>Generated.Dense</c> gives <c>Generated.Flatten</c>.
    /// </summary>
    public static string Sibling(NameSyntax like, string name) => like switch
    {
        QualifiedNameSyntax qualified => qualified.Left.WithoutTrivia().ToString() + "." + name,
        AliasQualifiedNameSyntax aliased => aliased.Alias.WithoutTrivia().ToString() + "::" + name,
        _ => name,
    };

    /// <summary>
    /// Inserts <paramref name="inserted"/> just before <paramref name="anchor"/> in <paramref name="type"/>:
    /// as its own <c>[...]</c> line when the anchor has a list to itself, else inside the anchor's list.
    /// </summary>
    public static TypeDeclarationSyntax InsertBefore(TypeDeclarationSyntax type, AttributeSyntax anchor, AttributeSyntax inserted)
    {
        var list = (AttributeListSyntax)anchor.Parent!;
        if (list.Attributes.Count == 1)
        {
            // Explicit trivia everywhere: elastic trivia would make the code action reformat the user's lines.
            var newList = SyntaxFactory.AttributeList(
                SyntaxFactory.Token(list.GetLeadingTrivia(), SyntaxKind.OpenBracketToken, SyntaxFactory.TriviaList()),
                target: null,
                SyntaxFactory.SingletonSeparatedList(inserted.WithoutTrivia()),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CloseBracketToken, LineBreakOf(list)));
            var index = type.AttributeLists.IndexOf(list);
            return type.WithAttributeLists(type.AttributeLists.Insert(index, newList));
        }

        var position = list.Attributes.IndexOf(anchor);
        var attributes = list.Attributes.Insert(position, inserted.WithoutTrivia());
        return type.ReplaceNode(list, list.WithAttributes(WithSpacedSeparators(attributes)));
    }

    /// <summary>Removes <paramref name="attribute"/>, and its whole <c>[...]</c> line when it is alone there.</summary>
    public static TypeDeclarationSyntax Remove(TypeDeclarationSyntax type, AttributeSyntax attribute)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        if (list.Attributes.Count == 1)
        {
            return type.WithAttributeLists(type.AttributeLists.Remove(list));
        }
        var attributes = list.Attributes.Remove(attribute);
        return type.ReplaceNode(list, list.WithAttributes(WithSpacedSeparators(attributes)));
    }

    /// <summary>The attributes with <c>", "</c> between them (the separators of a rebuilt list carry no trivia).</summary>
    public static SeparatedSyntaxList<T> WithSpacedSeparators<T>(SeparatedSyntaxList<T> items) where T : SyntaxNode
    {
        var separators = Enumerable.Range(0, System.Math.Max(items.Count - 1, 0))
            .Select(i => i < items.SeparatorCount && items.GetSeparator(i).HasTrailingTrivia
                ? items.GetSeparator(i)
                : SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        return SyntaxFactory.SeparatedList(items.Select(i => i), separators);
    }

    /// <summary>What separates the list from the next one: its own line break, or a space when both share a line.</summary>
    private static SyntaxTriviaList LineBreakOf(AttributeListSyntax list)
    {
        var trailing = list.GetTrailingTrivia();
        return trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? trailing : SyntaxFactory.TriviaList(SyntaxFactory.Space);
    }
}
