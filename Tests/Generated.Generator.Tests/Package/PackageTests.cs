using System.IO.Compression;
using Generated.Tests;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// The NuGet package as a user gets it: pack the runtime (which carries the generator and analyzers),
/// reference it from a fresh <c>dotnet new console</c> project, build and run a network, then break the
/// network and check that the build fails on the analyzer's error alone.
/// </summary>
[Collection(nameof(RepositoryBuildCollection))]
public sealed class PackageTests : IDisposable
{
    // Packing builds the generator and analyzers for three Roslyn versions; a loaded 2-core machine took 10 minutes.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(12);

    // A unique version, so a package cached by an earlier run is never used instead of this build.
    private readonly string _version = "0.1.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
    private readonly string _root = Directory.CreateTempSubdirectory("generated-package-").FullName;

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

    // Line 11 holds the 9x9 kernel that does not fit the 8x8 input (NNG0007). The program uses the network's
    // generated members: an invalid network gets throwing stubs of them, so the analyzer's error is the only one.
    private const string InvalidProgram = """
        using Generated;
        using Generated.Training;

        var network = new PackageNet(seed: 1);
        Console.WriteLine(PackageNet.Summary);
        var scores = network.Predict(new float[PackageNet.InputSize]);
        var trainer = network.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);
        network.SaveWeights("package.safetensors");
        Console.WriteLine(scores.Length + trainer.TrainingNames.Count);
        [Network(8, 8, 1)]
        [Conv2D(4, 9)]
        public partial class PackageNet;
        """;

    [Fact]
    public void Package_works_in_a_new_console_project()
    {
        var repository = FindRepository();
        var feed = Path.Combine(_root, "feed");
        var (packCode, packOutput) = ChildProcess.Dotnet(repository, Timeout, "pack", "Runtime", "-c", "Release", "-o", feed, "-p:PackageVersion=" + _version, "-nologo");
        Assert.True(packCode == 0, "dotnet pack failed:\n" + packOutput);

        var package = Path.Combine(feed, $"Generated.{_version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet();
            // net8.0 (intrinsics kernels) for .NET; netstandard2.1 for Unity 2021.2+; netstandard2.0 (+System.Memory) for Mono
            // and older Unity (docs/EMBEDDING.md).
            Assert.Contains("lib/net8.0/Generated.dll", entries);
            AssertAnalyzerFolders(archive);
            Assert.Contains("lib/netstandard2.1/Generated.dll", entries);
            Assert.Contains("lib/netstandard2.0/Generated.dll", entries);
            Assert.Contains("lib/netstandard2.0/Generated.xml", entries);
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            Assert.Contains("LICENSE", entries);
            AssertPackagePageMetadata(archive);
        }

        // README's steps: a new console project, README's nuget.config, README's `dotnet add package`
        // (the version pinned, as this build's is a prerelease), README's smallest model.
        var app = Path.Combine(_root, "app");
        var (newCode, newOutput) = ChildProcess.Dotnet(_root, Timeout, "new", "console", "-o", app, "-n", "PackageApp");
        Assert.True(newCode == 0, "dotnet new console failed:\n" + newOutput);
        File.WriteAllText(Path.Combine(app, "nuget.config"), Readme.NugetConfig(feed));
        var (addCode, addOutput) = ChildProcess.Dotnet(app, Timeout, [.. Readme.AddPackageArguments(feed), "--version", _version]);
        Assert.True(addCode == 0, "dotnet add package failed:\n" + addOutput);

        File.WriteAllText(Path.Combine(app, "Program.cs"), Readme.SmallestProgram());
        var (runCode, runOutput) = ChildProcess.Dotnet(app, Timeout, "run", "-p:TreatWarningsAsErrors=true");
        Assert.True(runCode == 0, "dotnet run failed:\n" + runOutput);
        Readme.AssertOutputAsShown(runOutput);

        File.WriteAllText(Path.Combine(app, "Program.cs"), InvalidProgram);
        var (buildCode, buildOutput) = ChildProcess.Dotnet(app, Timeout, "build", "--no-restore", "-tl:off", "-nologo");
        Assert.True(buildCode != 0, "the invalid network should not build:\n" + buildOutput);
        Assert.Matches(@"Program\.cs\(11,\d+\): error NNG0007: .* \(https://\S+/docs/diagnostics/NNG0007\.md\)", buildOutput);
        var errors = buildOutput.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.True(errors.Count == 1, "the build should show the NNG0007 error alone:\n" + buildOutput);
    }

    /// <summary>
    /// One analyzers/dotnet/roslynX.Y/cs folder per generator build (the SDK loads the newest its compiler supports),
    /// none unversioned (an SDK would load it next to the chosen one), each holding exactly that build's outputs.
    /// </summary>
    private static void AssertAnalyzerFolders(ZipArchive archive)
    {
        var analyzers = archive.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)).ToList();
        var expected = AnalyzerBuild.All.SelectMany(b => b.Files.Select(f => b.PackagePath + Path.GetFileName(f))).Order(StringComparer.Ordinal);
        Assert.Equal(expected, analyzers.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var build in AnalyzerBuild.All)
        {
            foreach (var file in build.Files)
            {
                using var packed = archive.GetEntry(build.PackagePath + Path.GetFileName(file))!.Open();
                using var copy = new MemoryStream();
                packed.CopyTo(copy);
                Assert.True(copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{build.PackagePath}{Path.GetFileName(file)} is not {file}");
            }
        }
    }

    /// <summary>What a package page shows: readme, license, icon, project and repository addresses, tags.</summary>
    private static void AssertPackagePageMetadata(ZipArchive archive)
    {
        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = System.Xml.Linq.XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        var repositoryUrl = Documentation.RepositoryFiles.RepositoryUrl();
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal(repositoryUrl, Value("projectUrl"));
        Assert.Equal(repositoryUrl, metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
        Assert.Contains("source-generator", Value("tags").Split(' '));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
    }

    private static string FindRepository()
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
