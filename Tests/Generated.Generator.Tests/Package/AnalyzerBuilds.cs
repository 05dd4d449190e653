using System.Reflection;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// The generator and analyzer builds the package carries, one per compiler API version, as
/// Runtime/Generated.Runtime.csproj's PackAnalyzers packs them: package folder, the Roslyn they are built against,
/// and the build outputs it packs there.
/// </summary>
internal sealed record AnalyzerBuild(string Folder, string RoslynPackageVersion, IReadOnlyList<string> Files)
{
    private static readonly string Configuration =
        typeof(AnalyzerBuild).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>roslyn3.9 (ISourceGenerator, for Unity 2021.3/2022.3), roslyn4.3 (Unity 6), roslyn4.8 (the main build).</summary>
    public static IReadOnlyList<AnalyzerBuild> All { get; } = new[]
    {
        Legacy("3.9", "3.9.0"),
        Legacy("4.3", "4.3.1"),
        new AnalyzerBuild("roslyn4.8", "4.8.0", new[]
        {
            Output("Generator", "bin", Configuration, "netstandard2.0", "Generated.Generator.dll"),
            Output("Analyzers", "bin", Configuration, "netstandard2.0", "Generated.Analyzers.dll"),
            Output("Analyzers", "bin", Configuration, "netstandard2.0", "Generated.Analyzers.CodeFixes.dll"),
        }),
    };

    /// <summary>The package folder, <c>analyzers/dotnet/roslynX.Y/cs/</c>.</summary>
    public string PackagePath => $"analyzers/dotnet/{Folder}/cs/";

    public override string ToString() => Folder;

    private static AnalyzerBuild Legacy(string api, string package) => new("roslyn" + api, package, new[]
    {
        Output("Generator", "bin", Configuration, "roslyn" + api, "Generated.Generator.dll"),
        Output("Generator", "bin", Configuration, "roslyn" + api, "Generated.Analyzers.dll"),
    });

    private static string Output(params string[] parts) => Path.Combine(new[] { Documentation.RepositoryFiles.Root }.Concat(parts).ToArray());
}
