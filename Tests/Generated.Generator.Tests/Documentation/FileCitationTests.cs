using System.Text.RegularExpressions;

namespace Generated.Generator.Tests.Documentation;

/// <summary>
/// No product file cites a repository file that does not exist. Read: README.md and docs/**/*.md
/// (relative markdown links, and paths in prose or backticks), every *.csproj/*.props/*.targets, and the
/// comments of the .cs files under Runtime/, Generator/, Analyzers/ and Samples/. A cited path is one that
/// starts with a top-level folder of the repository (<c>docs/X.md</c>, <c>Runtime/...</c>), or a bare
/// upper-case markdown name (<c>CONTRACT.md</c>), which must exist at the root, in docs/ or beside the citing file.
/// </summary>
public partial class FileCitationTests
{
    private static readonly string[] TopLevelFolders = [".ci", "Analyzers", "Generator", "Runtime", "Samples", "Tests", "docs", "scripts"];

    [Fact]
    public void Every_cited_repository_path_exists()
    {
        var missing = new List<string>();
        foreach (var (file, text) in ProductTexts())
        {
            foreach (Match match in MarkdownLink().Matches(text))
            {
                var target = match.Groups["target"].Value.Split('#')[0];
                if (target.Length > 0 && !Regex.IsMatch(target, "^[a-z]+:", RegexOptions.None, TimeSpan.FromSeconds(1))
                    && !Exists(Path.GetRelativePath(RepositoryFiles.Root, Path.GetFullPath(Path.Combine(RepositoryFiles.Root, Path.GetDirectoryName(file)!, target)))))
                {
                    missing.Add($"{file}: link {match.Groups["target"].Value}");
                }
            }
            foreach (Match match in RepositoryPath().Matches(text))
            {
                if (TopLevelFolders.Contains(match.Value.Split('/')[0], StringComparer.Ordinal) && !Exists(match.Value))
                {
                    missing.Add($"{file}: {match.Value}");
                }
            }
            foreach (Match match in BareMarkdownName().Matches(text))
            {
                var directory = Path.GetDirectoryName(file)!;
                if (!new[] { "", "docs", directory }.Any(folder => File.Exists(Path.Combine(RepositoryFiles.Root, folder, match.Value))))
                {
                    missing.Add($"{file}: {match.Value}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Cited but not in the repository:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void The_check_sees_a_missing_file()
    {
        Assert.True(Exists("docs/diagnostics/NNG0007.md"));
        Assert.True(Exists("Generator/Model/**"));
        Assert.True(Exists("Runtime/Generated.Runtime"));
        Assert.False(Exists("docs/DESIGN.md"));
        Assert.Matches(RepositoryPath(), "see `docs/X.md`.");
        Assert.Matches(BareMarkdownName(), "DESIGN.md's tutorial");
    }

    /// <summary>
    /// Whether a repository-relative path exists: a file or folder, a glob (checked up to its first
    /// wildcard or placeholder), or a file name cited without its extension.
    /// </summary>
    private static bool Exists(string relative)
    {
        var stem = Regex.Split(relative, @"[*{]|\.\.\.", RegexOptions.None, TimeSpan.FromSeconds(1))[0].TrimEnd('.', ',', ':', ';');
        var wildcard = stem.Length < relative.TrimEnd('.', ',', ':', ';').Length;
        var full = Path.Combine(RepositoryFiles.Root, stem);
        if (File.Exists(full) || Directory.Exists(full))
        {
            return true;
        }
        var directory = Path.GetDirectoryName(full)!;
        return Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory, Path.GetFileName(full) + "*").Any()
            && (wildcard || Directory.EnumerateFiles(directory, Path.GetFileName(full) + ".*").Any());
    }

    private static IEnumerable<(string File, string Text)> ProductTexts()
    {
        foreach (var file in RepositoryFiles.MarkdownFiles())
        {
            yield return (file, RepositoryFiles.Read(file));
        }
        foreach (var file in RepositoryFiles.FilesWithExtensions(".csproj", ".props", ".targets"))
        {
            yield return (file, RepositoryFiles.Read(file));
        }
        foreach (var file in RepositoryFiles.FilesWithExtensions(".cs").Where(f => f.Split('/')[0] is "Runtime" or "Generator" or "Analyzers" or "Samples"))
        {
            var comments = RepositoryFiles.Read(file).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("//", StringComparison.Ordinal));
            yield return (file, string.Join("\n", comments));
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w/.-])(?:\.ci|[A-Za-z]+)/[\w./*{}-]*[\w*/}]")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"(?<![\w/.-])[A-Z][A-Z0-9_]+\.md\b")]
    private static partial Regex BareMarkdownName();
}
