using Generated.Tests;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// Each packed generator build runs in a compilation of the Roslyn it is built for: Tests/Generated.RoslynLoadCheck,
/// built against that Microsoft.CodeAnalysis.CSharp version in a temporary folder, loads the build's
/// Generated.Generator.dll and Generated.Analyzers.dll from one folder (as a compiler loads a package folder) and
/// reports what they did: the model's code generated and compiling at C# 9, a shape error reported at its attribute,
/// and at C# 8 nothing generated and NNG0110 reported.
/// </summary>
[Collection(nameof(RepositoryBuildCollection))]
public sealed class RoslynLoadTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("generated-roslyn-").FullName;

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

    public static TheoryData<string> Builds()
    {
        var data = new TheoryData<string>();
        foreach (var build in AnalyzerBuild.All)
        {
            data.Add(build.Folder);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_packed_build_generates_and_reports_in_its_own_roslyn(string folder)
    {
        var build = AnalyzerBuild.All.Single(b => b.Folder == folder);
        // The analyzer folder as the package lays it out: the build's DLLs side by side.
        var analyzers = Directory.CreateDirectory(Path.Combine(_root, folder)).FullName;
        foreach (var file in build.Files)
        {
            File.Copy(file, Path.Combine(analyzers, Path.GetFileName(file)));
        }

        var check = Directory.CreateDirectory(Path.Combine(_root, "check")).FullName;
        var source = Path.Combine(Documentation.RepositoryFiles.Root, "Tests", "Generated.RoslynLoadCheck");
        foreach (var file in new[] { "Program.cs", "Generated.RoslynLoadCheck.csproj" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(check, file));
        }
        var framework = $"net{Environment.Version.Major}.0";
        ChildProcess.Dotnet(check, Timeout, "build", "-c", "Release", "-tl:off", "-nologo", "-p:TargetFramework=" + framework,
            "-p:RoslynPackageVersion=" + build.RoslynPackageVersion).EnsureSuccess("building the load check for Roslyn " + build.RoslynPackageVersion);

        var program = Path.Combine(check, "bin", "Release", framework, "Generated.RoslynLoadCheck.dll");
        var references = new[] { typeof(NetworkAttribute).Assembly.Location, typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location };
        var (code, output) = ChildProcess.Dotnet(check, Timeout, [program, analyzers, .. references]);
        Assert.True(code == 0, "the load check failed:\n" + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var version = new Version(build.RoslynPackageVersion);
        var api = $"{version.Major}.{version.Minor}.0.0";
        Assert.Contains("compiler " + api, lines);
        Assert.Contains("references " + api, lines);
        Assert.Contains("generated Samples.Small.g.cs", lines);
        Assert.Contains("compile-errors 0", lines);
        foreach (var member in new[] { "Predict", "Forward", "Backward", "SaveWeights", "ParameterCount" })
        {
            Assert.Contains("member " + member, lines);
        }
        Assert.Contains(lines, l => l.StartsWith("diagnostic NNG0007 7:6 Conv2D kernel 30x30 does not fit the 28x28x1 input", StringComparison.Ordinal));
        Assert.Contains("generated-csharp8 0", lines);
        Assert.Contains(lines, l => l.StartsWith("diagnostic NNG0110 6:6 Network 'Small' needs C# 9.0 or newer", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("diagnostic ", StringComparison.Ordinal)));
    }
}
