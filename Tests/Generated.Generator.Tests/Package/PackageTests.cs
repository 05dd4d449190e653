using System.IO.Compression;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// The NuGet package as a user gets it: pack the runtime (which carries the generator and analyzers),
/// reference it from a fresh <c>dotnet new console</c> project, build and run a network, then break the
/// network and check that the build fails on the analyzer's error alone.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

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

    private const string ValidProgram = """
        using Generated;

        var network = new PackageNet(seed: 1);
        Console.WriteLine(PackageNet.Summary);
        var input = Enumerable.Range(0, PackageNet.InputSize).Select(i => (float)Math.Sin(i)).ToArray();
        Console.WriteLine("prediction: " + string.Join(" ", network.Predict(input).Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));

        [Network(8, 8, 1)]
        [Conv2D(4, 3, Activation = Activation.Relu)]
        [Flatten]
        [Dense(3, Activation = Activation.Softmax)]
        public partial class PackageNet;
        """;

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
        var (packCode, packOutput) = DotNet.Run(repository, Timeout, "pack", "Runtime", "-c", "Release", "-o", feed, "-p:PackageVersion=" + _version, "-nologo");
        Assert.True(packCode == 0, "dotnet pack failed:\n" + packOutput);

        var package = Path.Combine(feed, $"Generated.{_version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net8.0/Generated.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Generated.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Generated.Analyzers.dll", entries);
        }

        var app = Path.Combine(_root, "app");
        var (newCode, newOutput) = DotNet.Run(_root, Timeout, "new", "console", "-o", app, "-n", "PackageApp");
        Assert.True(newCode == 0, "dotnet new console failed:\n" + newOutput);
        // The local feed in addition to the machine's sources (System.Numerics.Tensors comes from those).
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="generated-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var project = Path.Combine(app, "PackageApp.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>",
            $"""
              <ItemGroup>
                <PackageReference Include="Generated" Version="{_version}" />
              </ItemGroup>
            </Project>
            """));

        File.WriteAllText(Path.Combine(app, "Program.cs"), ValidProgram);
        var (runCode, runOutput) = DotNet.Run(app, Timeout, "run", "-p:TreatWarningsAsErrors=true");
        Assert.True(runCode == 0, "dotnet run failed:\n" + runOutput);
        Assert.Contains("Model: \"package_net\"", runOutput);
        Assert.Contains("Total params: 475", runOutput); // conv 3*3*1*4+4 = 40, dense (6*6*4)*3+3 = 435
        var prediction = runOutput.Split('\n').Single(l => l.StartsWith("prediction: ", StringComparison.Ordinal));
        var values = prediction["prediction: ".Length..].Trim().Split(' ').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3, values.Length);
        Assert.Equal(1f, values.Sum(), 3);

        File.WriteAllText(Path.Combine(app, "Program.cs"), InvalidProgram);
        var (buildCode, buildOutput) = DotNet.Run(app, Timeout, "build", "--no-restore", "-tl:off", "-nologo");
        Assert.True(buildCode != 0, "the invalid network should not build:\n" + buildOutput);
        Assert.Matches(@"Program\.cs\(11,\d+\): error NNG0007", buildOutput);
        var errors = buildOutput.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.True(errors.Count == 1, "the build should show the NNG0007 error alone:\n" + buildOutput);
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
