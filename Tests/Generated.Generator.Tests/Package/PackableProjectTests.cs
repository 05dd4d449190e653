using System.Text.Json;
using System.Text.RegularExpressions;
using Generated.Generator.Tests.Documentation;
using Generated.Tests;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// `dotnet pack` at the root packs the products alone: every project of Generated.sln that is not a
/// product says IsPackable=false, and every product carries what a package page shows.
/// </summary>
public partial class PackableProjectTests
{
    // The product packages (repository-relative project paths). A new product adds its project here.
    private static readonly string[] Products =
    [
        "Runtime/Generated.Runtime.csproj", "Samples/Datasets/Generated.Datasets.csproj",
        "Runtime/Onnx/Generated.Onnx.csproj", "Runtime/Import/Generated.Import.csproj",
        "Runtime/Distributed/Generated.Distributed.csproj",
    ];

    private static readonly string[] PagePropertyNames = ["PackageId", "Description", "PackageTags", "PackageReadmeFile", "PackageIcon", "PackageLicenseExpression", "RepositoryUrl", "PackageProjectUrl"];

    [Fact]
    public void Only_the_products_are_packable_and_each_has_its_package_page()
    {
        var projects = ProjectPattern().Matches(RepositoryFiles.Read("Generated.sln")).Select(m => m.Groups["path"].Value.Replace('\\', '/')).ToList();
        Assert.Contains(Products[0], projects);
        var packable = new List<string>();
        foreach (var project in projects)
        {
            var properties = Properties(project, ["IsPackable", .. PagePropertyNames]);
            if (properties["IsPackable"] != "true")
            {
                continue;
            }
            packable.Add(project);
            foreach (var name in PagePropertyNames)
            {
                Assert.False(string.IsNullOrWhiteSpace(properties[name]), $"{project} has no {name}");
            }
            Assert.Equal(RepositoryFiles.RepositoryUrl(), properties["RepositoryUrl"]);
        }
        Assert.Equal(Products.Order(StringComparer.Ordinal), packable.Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> Properties(string project, string[] names)
    {
        var (code, output) = ChildProcess.Dotnet(RepositoryFiles.Root, TimeSpan.FromMinutes(2), ["msbuild", project, "-nologo", .. names.Select(n => "-getProperty:" + n)]);
        Assert.True(code == 0, $"evaluating {project} failed:\n{output}");
        var json = output[output.IndexOf('{')..];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    [GeneratedRegex(@"^Project\(""\{[0-9A-F-]+\}""\) = ""[^""]+"", ""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectPattern();
}
