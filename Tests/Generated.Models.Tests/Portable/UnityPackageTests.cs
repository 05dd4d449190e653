using System.Text.Json;
using System.Text.RegularExpressions;
using Generated.Tests;
using Xunit.Abstractions;

namespace Generated.Models.Tests.Portable;

/// <summary>
/// The Unity package scripts/unity-package.sh builds: its layout and .meta files as Unity's importer needs them, and the
/// sample MonoBehaviour with its declared network compiled the way Unity compiles a project's scripts (netstandard2.1, C# 9,
/// the package's DLLs as references and its analyzers as analyzers), against stand-ins for the few UnityEngine types it uses.
/// The Unity editor itself cannot run here (docs/EMBEDDING.md says what that leaves unverified).
/// </summary>
[Collection(ChildBuildsCollection.Name)]
public partial class UnityPackageTests(PortableBuilds builds, ITestOutputHelper log)
{
    [Fact]
    public void The_package_json_names_the_package_the_Unity_version_and_the_sample()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(builds.UnityPackage, "package.json")));
        var root = manifest.RootElement;
        Assert.Equal("com.generated.runtime", root.GetProperty("name").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", root.GetProperty("version").GetString());
        Assert.Equal("2021.2", root.GetProperty("unity").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("displayName").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));
        var sample = Assert.Single(root.GetProperty("samples").EnumerateArray());
        var path = sample.GetProperty("path").GetString()!;
        Assert.Equal("Samples~/MnistClassifier", path);
        Assert.True(File.Exists(Path.Combine(builds.UnityPackage, path, "MnistClassifier.cs")));
    }

    [Fact]
    public void Every_file_and_folder_has_a_meta_file_with_its_own_stable_guid()
    {
        var package = builds.UnityPackage;
        var entries = Directory.EnumerateFileSystemEntries(package, "*", SearchOption.AllDirectories).Where(p => !p.EndsWith(".meta", StringComparison.Ordinal)).ToList();
        Assert.True(entries.Count > 20, $"Only {entries.Count} entries in the package.");
        var guids = new Dictionary<string, string>();
        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(package, entry).Replace(Path.DirectorySeparatorChar, '/');
            var meta = entry + ".meta";
            Assert.True(File.Exists(meta), $"{relative} has no .meta file.");
            var text = File.ReadAllText(meta);
            Assert.StartsWith("fileFormatVersion: 2\n", text);
            var guid = GuidLine().Match(text);
            Assert.True(guid.Success, $"{relative}.meta has no guid line.");
            Assert.True(guids.TryAdd(guid.Groups[1].Value, relative), $"{relative} and {guids.GetValueOrDefault(guid.Groups[1].Value)} share a GUID.");
            // Stable: the GUID is derived from the path, so a rebuilt package keeps every asset's identity.
            Assert.Equal(StableGuid(relative), guid.Groups[1].Value);
            Assert.Equal(Directory.Exists(entry), text.Contains("folderAsset: yes", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(package, "*.meta", SearchOption.AllDirectories), m => !File.Exists(m[..^5]) && !Directory.Exists(m[..^5]));
    }

    [Fact]
    public void The_generator_and_analyzers_are_labelled_RoslynAnalyzer_and_enabled_for_no_platform()
    {
        var analyzers = Path.Combine(builds.UnityPackage, "Runtime", "Analyzers");
        Assert.Equal(["Generated.Analyzers.dll", "Generated.Generator.dll"], Directory.GetFiles(analyzers, "*.dll").Select(p => Path.GetFileName(p)).Order().ToArray());
        foreach (var dll in Directory.GetFiles(analyzers, "*.dll"))
        {
            var meta = File.ReadAllText(dll + ".meta");
            Assert.Contains("labels:\n- RoslynAnalyzer\n", meta);
            Assert.Contains("PluginImporter:", meta);
            Assert.DoesNotContain("enabled: 1", meta);
            Assert.Contains("Exclude Editor: 1", meta);
        }
        foreach (var dll in Directory.GetFiles(Path.Combine(builds.UnityPackage, "Runtime", "Plugins"), "*.dll"))
        {
            var meta = File.ReadAllText(dll + ".meta");
            Assert.DoesNotContain("RoslynAnalyzer", meta);
            Assert.Contains("enabled: 1", meta);
        }
    }

    [Fact]
    public void The_runtime_plugins_are_the_netstandard21_build_and_its_dependencies_outside_Unitys_profile()
    {
        var plugins = Path.Combine(builds.UnityPackage, "Runtime", "Plugins");
        var names = Directory.GetFiles(plugins, "*.dll").Select(p => Path.GetFileName(p)).ToHashSet();
        Assert.Contains("Generated.dll", names);
        Assert.Contains("System.Numerics.Tensors.dll", names);
        Assert.Contains("System.Text.Json.dll", names);
        // In Unity 2021.2+'s .NET Standard 2.1 profile already: a second copy would clash.
        Assert.DoesNotContain("System.Memory.dll", names);
        Assert.DoesNotContain("System.Numerics.Vectors.dll", names);
        Assert.Contains(".NETStandard,Version=v2.1", File.ReadAllText(Path.Combine(plugins, "Generated.dll"), System.Text.Encoding.Latin1));
        using var asmdef = JsonDocument.Parse(File.ReadAllText(Path.Combine(builds.UnityPackage, "Runtime", "Generated.Unity.asmdef")));
        var references = asmdef.RootElement.GetProperty("precompiledReferences").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.True(names.SetEquals(references!), $"Generated.Unity.asmdef references {string.Join(", ", references)}; the plugins are {string.Join(", ", names)}.");
        Assert.False(asmdef.RootElement.GetProperty("allowUnsafeCode").GetBoolean());
    }

    /// <summary>
    /// Compiles the package's TextureInput.cs and the sample (MnistClassifier.cs, MnistConvNet.cs) as one netstandard2.1
    /// assembly with <c>LangVersion 9</c> and nullable off, as Unity does, with the package's analyzers (the source
    /// generator writes the network's code) and a stand-in UnityEngine assembly.
    /// </summary>
    /// <remarks>
    /// Depends on the generator emitting C# 9 for LangVersion 9 (branch s5-roslyn): until that is merged, the generated
    /// code's newer syntax fails this build with CS8652/CS8773-style "feature not available in C# 9" errors; that is this
    /// assertion's only expected failure.
    /// </remarks>
    [Fact]
    public void The_sample_MonoBehaviour_and_its_network_compile_with_CSharp_9_against_the_package()
    {
        var package = builds.UnityPackage;
        var work = Path.Combine(Path.GetTempPath(), "generated-unity-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(work, "UnityEngine"));
        Directory.CreateDirectory(Path.Combine(work, "Consumer"));
        try
        {
            File.WriteAllText(Path.Combine(work, "UnityEngine", "UnityEngine.cs"), UnityEngineStandIn);
            File.WriteAllText(Path.Combine(work, "UnityEngine", "UnityEngine.csproj"), StandInProject);
            File.WriteAllText(Path.Combine(work, "Consumer", "Consumer.csproj"), ConsumerProject(package));
            // Outside the repository: none of its Directory.Build.props or package versions apply, as in a Unity project.
            File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project />");
            var result = ChildProcess.Dotnet(work, TimeSpan.FromMinutes(5), "build", Path.Combine(work, "Consumer", "Consumer.csproj"), "-c", "Release",
                "-p:UseSharedCompilation=false", "-nodeReuse:false");
            log.WriteLine(result.Output);
            Assert.True(result.ExitCode == 0, $"The sample did not compile with C# 9 against the package:\n{result.Output}");
            Assert.True(File.Exists(Path.Combine(work, "Consumer", "bin", "Release", "netstandard2.1", "Consumer.dll")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_samples_network_declares_the_layers_of_Samples_Mnist()
    {
        static string[] Layers(string path) => File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.StartsWith('[')).ToArray();
        var mnist = Layers(Path.Combine(PortableBuilds.RepositoryRoot, "Samples", "Mnist", "MnistConvNet.cs"));
        Assert.Equal(8, mnist.Length);
        Assert.Equal(mnist, Layers(Path.Combine(builds.UnityPackage, "Samples~", "MnistClassifier", "MnistConvNet.cs")));
    }

    private static string ConsumerProject(string package) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.1</TargetFramework>
            <LangVersion>9</LangVersion>
            <Nullable>disable</Nullable>
            <ImplicitUsings>disable</ImplicitUsings>
            <AllowUnsafeBlocks>false</AllowUnsafeBlocks>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <!-- Unity hides CS0649 (serialized fields assigned by the editor). -->
            <NoWarn>CS0649</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="{package}/Runtime/*.cs" />
            <Compile Include="{package}/Samples~/MnistClassifier/*.cs" />
            <Reference Include="{package}/Runtime/Plugins/*.dll" />
            <Analyzer Include="{package}/Runtime/Analyzers/*.dll" />
            <ProjectReference Include="../UnityEngine/UnityEngine.csproj" />
          </ItemGroup>
        </Project>
        """;

    private const string StandInProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.1</TargetFramework>
            <LangVersion>9</LangVersion>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>The members of UnityEngine the package's scripts use, with Unity's names and shapes.</summary>
    private const string UnityEngineStandIn = """
        namespace UnityEngine
        {
            public class Object { public string name { get; set; } }
            public class Component : Object { }
            public class Behaviour : Component { }
            public class MonoBehaviour : Behaviour { }
            public struct Color { public float r, g, b, a; }
            public class Texture : Object { public virtual int width { get; } public virtual int height { get; } }
            public sealed class Texture2D : Texture
            {
                public Color[] GetPixels() => new Color[width * height];
            }
            public class TextAsset : Object { public byte[] bytes => new byte[0]; }
            public static class Debug { public static void Log(object message) { } }
            [System.AttributeUsage(System.AttributeTargets.Field)]
            public sealed class SerializeField : System.Attribute { }
        }
        """;

    private static string StableGuid(string relative) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("com.generated.runtime/" + relative)));

    [GeneratedRegex(@"^guid: ([0-9a-f]{32})$", RegexOptions.Multiline)]
    private static partial Regex GuidLine();
}
