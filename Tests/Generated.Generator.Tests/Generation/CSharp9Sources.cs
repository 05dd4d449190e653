using System.Text.RegularExpressions;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Model sources rewritten in C# 9 syntax (Unity's language version): a file-scoped namespace becomes a block and
/// a body-less class (C# 12) gets an empty body, so only the generated code can bring in newer syntax.
/// </summary>
internal static partial class CSharp9Sources
{
    public static string From(string source)
    {
        var text = BodylessClass().Replace(source.Replace("\r\n", "\n"), "$1 { }");
        var match = FileScopedNamespace().Match(text);
        return match.Success
            ? text[..match.Index] + "namespace " + match.Groups[1].Value + "\n{\n" + text[(match.Index + match.Length)..] + "\n}\n"
            : text;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^(\s*(?:(?:public|internal|private|protected|static|sealed|abstract|partial)\s+)*class\s+\w+)\s*;[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex BodylessClass();
}
