using System.Text.RegularExpressions;
using Generated.Generator.Tests.Documentation;

namespace Generated.Generator.Tests.Package;

/// <summary>The recipe of README's "Use it in your project", read from README itself so the tests follow what users read.</summary>
internal static partial class Readme
{
    /// <summary>The placeholder README writes for the folder the package is built into.</summary>
    public const string FeedPlaceholder = "/path/to/Generated/artifacts/packages";

    /// <summary>The placeholder folder README's ProjectReference recipe puts the clone in.</summary>
    public const string ClonePlaceholder = "../Generated/";

    private static string Section()
    {
        var text = RepositoryFiles.Read("README.md").Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf("\n## Use it in your project\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no \"## Use it in your project\" section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static IEnumerable<(string Language, string Marker, string Code)> Blocks() =>
        BlockPattern().Matches(Section()).Select(m => (m.Groups["language"].Value, m.Groups["marker"].Value, m.Groups["code"].Value));

    /// <summary>The nuget.config README shows, with the package folder set to <paramref name="feed"/>.</summary>
    public static string NugetConfig(string feed)
    {
        var config = Blocks().Single(b => b.Language == "xml" && b.Code.Contains("<packageSources>", StringComparison.Ordinal)).Code;
        Assert.Contains(FeedPlaceholder, config);
        return config.Replace(FeedPlaceholder, feed, StringComparison.Ordinal);
    }

    /// <summary>README's <c>dotnet add package</c> command's arguments (after <c>dotnet</c>), with the package folder set to <paramref name="feed"/>.</summary>
    public static string[] AddPackageArguments(string feed)
    {
        var line = Blocks().Where(b => b.Language == "").SelectMany(b => b.Code.Split('\n'))
            .Single(l => l.StartsWith("dotnet add package ", StringComparison.Ordinal));
        return line.Replace(FeedPlaceholder, feed, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
    }

    /// <summary>README's ProjectReference item group, with the clone's folder set to <paramref name="repository"/>.</summary>
    public static string ProjectReferences(string repository)
    {
        var items = Blocks().Single(b => b.Language == "xml" && b.Code.Contains("<ProjectReference", StringComparison.Ordinal)).Code;
        Assert.Contains(ClonePlaceholder, items);
        return items.Replace(ClonePlaceholder, repository.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>The smallest model's <c>Program.cs</c>.</summary>
    public static string SmallestProgram() => Blocks().Single(b => b.Language == "csharp").Code;

    /// <summary>Asserts that <paramref name="output"/> holds the output README shows, line for line
    /// (the predicted class may differ: README shows the pattern of that line).</summary>
    public static void AssertOutputAsShown(string output)
    {
        var shown = Blocks().Single(b => b.Marker == "<!-- output: smallest model -->").Code.TrimEnd('\n').Split('\n');
        var actual = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        var first = actual.IndexOf(shown[0].TrimEnd());
        Assert.True(first >= 0, $"the output lacks README's first line '{shown[0]}':\n{output}");
        for (var i = 0; i < shown.Length; i++)
        {
            Assert.True(first + i < actual.Count, $"the output ends before README's line '{shown[i]}':\n{output}");
            if (shown[i].StartsWith("predicted class: ", StringComparison.Ordinal))
            {
                Assert.Matches(@"^predicted class: \d$", actual[first + i]);
            }
            else
            {
                Assert.Equal(shown[i].TrimEnd(), actual[first + i]);
            }
        }
    }

    [GeneratedRegex(@"(?:(?<marker><!--[^\n]*-->)\n)?^```(?<language>\w*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BlockPattern();
}
