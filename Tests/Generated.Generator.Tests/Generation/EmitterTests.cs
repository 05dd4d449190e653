namespace Generated.Generator.Tests.Generation;

/// <summary>The emitter's bookkeeping: locals declared from recorded use, and runtime names spelled in one file.</summary>
public class EmitterTests
{
    [Fact]
    public void Method_body_declares_exactly_the_used_locals_and_what_they_read_in_offer_order()
    {
        var body = new MethodBody(depth: 1);
        body.Offer("forward", "Span forward = _forwardBuffer;");
        body.Offer("statistics", "Span statistics = _batchStatistics;");
        body.Offer("convOutput", "var convOutput = forward.Slice(0, 8 * n);", "forward");
        body.Offer("unused", "var unused = statistics.Slice(0, 4);", "statistics");
        body.Writer.WriteLine($"Kernel({body.Use("convOutput")});");
        var writer = new IndentedWriter(1);

        body.WriteTo(writer);

        Assert.Equal(
            "    Span forward = _forwardBuffer;\n" +
            "    var convOutput = forward.Slice(0, 8 * n);\n" +
            "    Kernel(convOutput);\n",
            writer.ToString());
    }

    [Fact]
    public void Only_RuntimeApi_spells_a_runtime_name()
    {
        var generator = Path.Combine(RepositoryRoot(), "Generator");
        var offenders = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => Path.GetFileName(path) != "RuntimeApi.cs")
            .Where(path => File.ReadAllText(path).Contains("global::Generated.", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(generator, path))
            .ToList();
        Assert.True(File.Exists(Path.Combine(generator, "Emit", "RuntimeApi.cs")));
        Assert.Empty(offenders);
    }

    private static string RepositoryRoot()
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
}
