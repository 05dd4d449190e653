using Generated.Tests;

namespace Generated.Models.Tests.Portable;

/// <summary>
/// The tests that build other projects in child processes (the Mono launcher, the Unity package, the ARM64 publish) run
/// one at a time: each restores the runtime project, and two restores at once would rewrite its assets file under each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChildBuildsCollection : ICollectionFixture<PortableBuilds>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Child builds";
}

/// <summary>
/// Builds, once per test run and only when a test asks: the net472 Mono launcher (Tests/Generated.MonoCheck, over the
/// runtime's netstandard2.0 build) and the Unity package (scripts/unity-package.sh, over the netstandard2.1 build), each into
/// its own temporary folder.
/// </summary>
public sealed class PortableBuilds : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "generated-portable-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> _monoCheck;
    private readonly Lazy<string> _unityPackage;

    /// <summary>Prepares the lazy builds.</summary>
    public PortableBuilds()
    {
        _monoCheck = new Lazy<string>(BuildMonoCheck);
        _unityPackage = new Lazy<string>(BuildUnityPackage);
    }

    /// <summary>The folder holding Generated.MonoCheck.exe and its netstandard2.0 dependencies.</summary>
    public string MonoCheck => _monoCheck.Value;

    /// <summary>The built Unity package folder (com.generated.runtime).</summary>
    public string UnityPackage => _unityPackage.Value;

    /// <summary>The folder holding Generated.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Generated.sln")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException($"No Generated.sln above {AppContext.BaseDirectory}.");
        }
    }

    private string BuildMonoCheck()
    {
        var output = Path.Combine(_root, "monocheck");
        var project = Path.Combine(RepositoryRoot, "Tests", "Generated.MonoCheck", "Generated.MonoCheck.csproj");
        // No build servers or reused nodes: they would outlive the build holding this process's output pipes.
        ChildProcess.Dotnet(RepositoryRoot, TimeSpan.FromMinutes(10), "build", project, "-c", "Release", "-o", output,
            "-p:UseSharedCompilation=false", "-nodeReuse:false").EnsureSuccess("dotnet build Tests/Generated.MonoCheck");
        return output;
    }

    private string BuildUnityPackage()
    {
        var output = Path.Combine(_root, "com.generated.runtime");
        ChildProcess.Run("bash", [Path.Combine(RepositoryRoot, "scripts", "unity-package.sh"), output], RepositoryRoot, TimeSpan.FromMinutes(10))
            .EnsureSuccess("scripts/unity-package.sh");
        return output;
    }

    /// <summary>Removes the temporary folders.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
