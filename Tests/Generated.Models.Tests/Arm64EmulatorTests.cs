using System.Diagnostics;
using System.Globalization;
using Generated.Arm64Check;
using Xunit.Abstractions;
using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>
/// The reference models really on ARM64: Tests/Generated.Arm64Check is published self-contained for linux-arm64 and run
/// under Debian's user-mode emulator (qemu-aarch64 with the arm64 cross libraries, installed by scripts/setup.sh), where
/// .NET sees AdvSimd and no 256-bit vectors. Its predictions must match this x64 process's within 1e-5, and it must report
/// the Vector128/AdvSimd kernel path.
/// </summary>
[Collection(Portable.ChildBuildsCollection.Name)]
public class Arm64EmulatorTests(ITestOutputHelper log)
{
    private const string Emulator = "/usr/bin/qemu-aarch64";
    private const string CrossLibraries = "/usr/aarch64-linux-gnu";

    [Fact]
    public void The_arm64_build_under_qemu_predicts_what_x64_predicts_on_the_AdvSimd_path()
    {
        Assert.True(File.Exists(Emulator) && Directory.Exists(CrossLibraries),
            $"{Emulator} and {CrossLibraries} are missing: install qemu-user, libc6-arm64-cross and libstdc++6-arm64-cross (scripts/setup.sh does).");
        var project = Path.Combine(RepositoryRoot(), "Tests", "Generated.Arm64Check", "Generated.Arm64Check.csproj");
        var publish = Path.Combine(Path.GetTempPath(), "generated-arm64check-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            // No build servers or reused nodes: they would outlive the build holding this process's output pipes.
            var (published, publishLog) = ChildProcess.Dotnet(Path.GetDirectoryName(project)!, TimeSpan.FromMinutes(10),
                "publish", project, "-c", "Release", "-r", "linux-arm64", "--self-contained", "-p:InvariantGlobalization=true",
                "-p:UseSharedCompilation=false", "-nodeReuse:false", "-o", publish);
            Assert.True(published == 0, $"dotnet publish for linux-arm64 failed:\n{publishLog}");
            log.WriteLine($"publish: {clock.Elapsed.TotalSeconds:F0} s");

            clock.Restart();
            var (exitCode, output) = ChildProcess.Run(Emulator, ["-L", CrossLibraries, Path.Combine(publish, "Generated.Arm64Check")], publish, TimeSpan.FromMinutes(5));
            log.WriteLine($"qemu-aarch64 run: {clock.Elapsed.TotalSeconds:F0} s");
            log.WriteLine(output);
            Assert.True(exitCode == 0, $"The ARM64 check failed (exit code {exitCode}):\n{output}");

            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("arch Arm64", lines);
            Assert.Contains(lines, line => line.StartsWith("path Vector128 (AdvSimd", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.StartsWith("isa AdvSimd=True", StringComparison.Ordinal) && line.Contains("Vector256=False"));
            Assert.Contains(lines, line => line.StartsWith("selfcheck dense ok", StringComparison.Ordinal));
            Assert.Equal(5, lines.Count(line => line.StartsWith("selfcheck conv ok", StringComparison.Ordinal)));

            var fixtures = Fixture.Path("");
            foreach (var name in CheckedModels.Names)
            {
                var prefix = $"output {name} ";
                var line = Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal));
                var arm64 = line[prefix.Length..].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                var (x64, _) = CheckedModels.Predict(name, fixtures);
                Assert.Equal(x64.Length, arm64.Length);
                for (var i = 0; i < x64.Length; i++)
                {
                    Assert.True(Math.Abs(x64[i] - arm64[i]) <= 1e-5, $"{name}[{i}]: x64 {x64[i]:R}, ARM64 {arm64[i]:R}");
                }
            }
        }
        finally
        {
            if (Directory.Exists(publish))
            {
                Directory.Delete(publish, recursive: true);
            }
        }
    }

    /// <summary>The folder holding Generated.sln, found upwards from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generated.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Generated.sln above {AppContext.BaseDirectory}.");
    }
}
