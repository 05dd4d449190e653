namespace Generated.Generator.Tests.Generation;

/// <summary>The generated code of each model, compared with its committed snapshot.</summary>
public class SnapshotTests
{
    [Theory]
    [MemberData(nameof(ModelSources.All), MemberType = typeof(ModelSources))]
    public void Generated_code_matches_snapshot(string name, string source)
    {
        Snapshot.Match(GeneratorHarness.GeneratedSource(source), name + ".g.cs.txt");
    }

    [Fact]
    public void Diff_shows_changed_lines_with_context()
    {
        var diff = Snapshot.Diff("a\nb\nc\nd\ne\nf\ng\nh\ni", "a\nb\nc\nd\nE\nf\ng\nh\ni");
        Assert.Equal("@@ -2 +2 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff);
    }
}
