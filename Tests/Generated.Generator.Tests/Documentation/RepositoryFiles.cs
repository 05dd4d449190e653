using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Generated.Generator.Tests.Documentation;

/// <summary>The repository's product files as the documentation tests read them.</summary>
internal static partial class RepositoryFiles
{
    /// <summary>The folder holding <c>Generated.sln</c>, found above the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>README.md</c> and every <c>docs/**/*.md</c>, as repository-relative paths with forward slashes.</summary>
    public static IReadOnlyList<string> MarkdownFiles() =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Select(Relative).Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>Every file with one of <paramref name="extensions"/> under the repository, outside build output and <c>.git</c>.</summary>
    public static IReadOnlyList<string> FilesWithExtensions(params string[] extensions) =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(path => extensions.Contains(Path.GetExtension(path), StringComparer.Ordinal))
            .Where(path => !path.Split('/').Any(segment => segment is "bin" or "obj" or ".git" or "artifacts" or "TestResults"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The text of a repository-relative file.</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary><c>$(RepositoryUrl)</c> as <c>Directory.Build.props</c> sets it: the one place the address is written.</summary>
    public static string RepositoryUrl()
    {
        var document = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        var url = document.Descendants("RepositoryUrl").Select(e => e.Value.Trim()).Single();
        Assert.Matches("^https://", url);
        return url;
    }

    /// <summary>The fenced blocks of one language in a markdown text, each with the HTML comment on the line before it (or null).</summary>
    public static IEnumerable<FencedBlock> FencedBlocks(string file, string language)
    {
        var text = Read(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (Match match in FencePattern().Matches(text))
        {
            if (match.Groups["language"].Value != language)
            {
                continue;
            }
            var line = text[..match.Index].Count(c => c == '\n') + 1;
            var before = text[..match.Index].TrimEnd('\n').Split('\n')[^1].Trim();
            var marker = before.StartsWith("<!--", StringComparison.Ordinal) ? before : null;
            yield return new FencedBlock(file, line, marker, match.Groups["body"].Value);
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generated.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Generated.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```(?<language>[\w-]*)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();
}

/// <summary>One fenced code block: where it is, the HTML comment before it, and its text.</summary>
internal sealed record FencedBlock(string File, int Line, string? Marker, string Code)
{
    /// <summary>Names the block in assertion messages.</summary>
    public override string ToString() => $"{File}:{Line}";
}
