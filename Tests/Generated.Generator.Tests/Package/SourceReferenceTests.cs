using Generated.Tests;
namespace Generated.Generator.Tests.Package;

/// <summary>
/// Building from source as README shows: a console project outside the repository has one plain
/// ProjectReference to the runtime project (README's item group), runs README's smallest model (the
/// generator ran), and a shape mistake fails its build with the analyzer's error (the analyzers, and
/// the generator assembly they reference, loaded from the projects' output folders).
/// </summary>
[Collection(nameof(RepositoryBuildCollection))]
public sealed class SourceReferenceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("generated-source-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public void A_plain_project_reference_to_the_runtime_brings_the_generator_and_analyzers()
    {
        var app = Path.Combine(_root, "app");
        var (newCode, newOutput) = ChildProcess.Dotnet(_root, Timeout, "new", "console", "-o", app, "-n", "SourceApp");
        Assert.True(newCode == 0, "dotnet new console failed:\n" + newOutput);
        var project = Path.Combine(app, "SourceApp.csproj");
        var references = Readme.ProjectReferences(Documentation.RepositoryFiles.Root);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(references, "<ProjectReference "));
        Assert.DoesNotContain("OutputItemType", references);
        // Warnings as errors in the app alone: a global -p: would reach (and rebuild) the repository's projects.
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            "  <PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>\n"
            + references + "</Project>", StringComparison.Ordinal));

        var program = Readme.SmallestProgram();
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        var (runCode, runOutput) = ChildProcess.Dotnet(app, Timeout, "run", "-c", "Release");
        Assert.True(runCode == 0, "dotnet run failed:\n" + runOutput);
        Readme.AssertOutputAsShown(runOutput);
        Assert.DoesNotMatch("(CS8032|CS8784|AD0001)", runOutput); // an analyzer or generator that failed to load
        // The analyzer DLLs are analyzers only: not references, so not copied next to the app.
        var output = Directory.GetDirectories(Path.Combine(app, "bin", "Release")).Single(); // bin/Release/<framework>
        Assert.True(File.Exists(Path.Combine(output, "Generated.dll")));
        Assert.False(File.Exists(Path.Combine(output, "Generated.Generator.dll")));
        Assert.False(File.Exists(Path.Combine(output, "Generated.Analyzers.dll")));

        // README's mistake: a 15x15 kernel after the pooling layer, on a 13x13 map.
        Assert.Contains("[MaxPooling2D(2)]\n", program);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program.Replace("[MaxPooling2D(2)]\n", "[MaxPooling2D(2)]\n[Conv2D(16, 15)]\n", StringComparison.Ordinal));
        var (buildCode, buildOutput) = ChildProcess.Dotnet(app, Timeout, "build", "-c", "Release", "-tl:off", "-nologo");
        Assert.True(buildCode != 0, "the invalid network should not build:\n" + buildOutput);
        Assert.Matches(@"Program\.cs\(14,2\): error NNG0007: Conv2D kernel 15x15 does not fit the 13x13x8 input", buildOutput);
        Assert.DoesNotMatch("(CS8032|CS8784|AD0001)", buildOutput);
    }
}
