using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Model sources rewritten in C# 9 syntax (Unity's language version): a file-scoped namespace becomes a block and
/// a body-less class (C# 12) gets an empty body, so only the generated code can bring in newer syntax.
/// </summary>
internal static partial class CSharp9Sources
{
    /// <summary>A whole model file, namespace and usings kept.</summary>
    public static string From(string source)
    {
        var text = BodylessClass().Replace(source.Replace("\r\n", "\n", StringComparison.Ordinal), "$1 { }");
        var match = FileScopedNamespace().Match(text);
        return match.Success
            ? text[..match.Index] + "namespace " + match.Groups[1].Value + "\n{\n" + text[(match.Index + match.Length)..] + "\n}\n"
            : text;
    }

    /// <summary>One network class taken out of a larger program: its attributes, its containing classes and namespace, an empty body.</summary>
    public static string Declaration(ClassDeclarationSyntax network)
    {
        var text = string.Join("\n", network.AttributeLists.Select(l => l.ToString())) + "\n"
            + "public partial class " + network.Identifier.Text + " { }\n";
        foreach (var container in network.Ancestors())
        {
            text = container switch
            {
                ClassDeclarationSyntax type => "public " + (type.Modifiers.Any(m => m.Text == "static") ? "static " : "") + "partial class " + type.Identifier.Text + "\n{\n" + text + "}\n",
                BaseNamespaceDeclarationSyntax ns => "namespace " + ns.Name + "\n{\n" + text + "}\n",
                _ => text,
            };
        }
        return "using Generated;\n\n" + text;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^(\s*(?:(?:public|internal|private|protected|static|sealed|abstract|partial)\s+)*class\s+\w+)\s*;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex BodylessClass();
}
