using System.Runtime.InteropServices;
using Generated.IO;
using Generated.Tests;

namespace Generated.Embedding.Tests;

/// <summary>
/// Publishes the NativeAOT sample and the C ABI library once per test run (Release, the host's RID) into this
/// test's bin folder, compiles the C checker with gcc and writes the reference digits as raw float32 files.
/// </summary>
public sealed class NativeBuild
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Publishes, compiles and writes everything; throws with the tool's output when a step fails.</summary>
    public NativeBuild()
    {
        if (Directory.Exists(RepositoryPaths.BuildOutput))
        {
            Directory.Delete(RepositoryPaths.BuildOutput, recursive: true);
        }

        Directory.CreateDirectory(RepositoryPaths.BuildOutput);
        AotFolder = Path.Combine(RepositoryPaths.BuildOutput, "MnistAot");
        LibraryFolder = Path.Combine(RepositoryPaths.BuildOutput, "NativeLibrary");
        Scratch = Directory.CreateDirectory(Path.Combine(RepositoryPaths.BuildOutput, "scratch")).FullName;
        Fixtures = Directory.CreateDirectory(Path.Combine(RepositoryPaths.BuildOutput, "fixtures")).FullName;

        AotPublish = Publish(RepositoryPaths.SampleProject("MnistAot", "MnistAot.csproj"), AotFolder);
        LibraryPublish = Publish(RepositoryPaths.SampleProject("NativeLibrary", "NativeLibrary.csproj"), LibraryFolder);
        CheckerPath = Path.Combine(RepositoryPaths.BuildOutput, "check_predictions");
        CompileChecker = CompileC();
        WriteRawFixtures();
    }

    /// <summary>The published NativeAOT sample's folder (binary MnistAot plus its weights).</summary>
    public string AotFolder { get; }

    /// <summary>The published library's folder (libgenerated_mnist.so, include/generated_mnist.h).</summary>
    public string LibraryFolder { get; }

    /// <summary>The shared library's path.</summary>
    public string LibraryPath => Path.Combine(LibraryFolder, "libgenerated_mnist.so");

    /// <summary>The C checker built with gcc.</summary>
    public string CheckerPath { get; }

    /// <summary>digits.f32, labels.f32, scores.f32: the reference digits for the C and Python checkers.</summary>
    public string Fixtures { get; }

    /// <summary>A folder the checkers may write corrupt weight files into.</summary>
    public string Scratch { get; }

    /// <summary>The publish of Samples/MnistAot (output and wall time).</summary>
    public ProcessResult AotPublish { get; }

    /// <summary>The publish of Samples/NativeLibrary.</summary>
    public ProcessResult LibraryPublish { get; }

    /// <summary>The gcc build of the C checker.</summary>
    public ProcessResult CompileChecker { get; }

    private static ProcessResult Publish(string project, string output) =>
        ChildProcess.Run("dotnet",
            [
                "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", output, "-nologo",
                // Leave no MSBuild node or compiler server running after the test run.
                "-nodeReuse:false", "-p:UseSharedCompilation=false",
            ],
            RepositoryPaths.Root, PublishTimeout).EnsureSuccess($"dotnet publish {Path.GetFileName(project)}");

    private ProcessResult CompileC() =>
        ChildProcess.Run("gcc",
            [
                "-std=c11", "-Wall", "-Wextra", "-Werror", "-O2",
                "-I", Path.Combine(LibraryFolder, "include"),
                RepositoryPaths.NativeLibrarySample("examples", "check_predictions.c"),
                "-L", LibraryFolder, "-lgenerated_mnist", "-Wl,-rpath," + LibraryFolder, "-lpthread", "-lm",
                "-o", CheckerPath,
            ],
            RepositoryPaths.BuildOutput, TimeSpan.FromMinutes(2)).EnsureSuccess("gcc check_predictions.c");

    private void WriteRawFixtures()
    {
        var content = SafeTensors.Read(RepositoryPaths.ReferenceDigits);
        WriteFloats("digits.f32", content.Get("input"));
        WriteFloats("labels.f32", content.Get("label"));
        WriteFloats("scores.f32", content.Get("output"));
    }

    private void WriteFloats(string name, float[] values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The raw fixture files are little-endian float32.");
        }

        File.WriteAllBytes(Path.Combine(Fixtures, name), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}

/// <summary>The tests that share one <see cref="NativeBuild"/> (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class NativeBuildCollection : ICollectionFixture<NativeBuild>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "native build";
}
