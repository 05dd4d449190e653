using Xunit.Abstractions;

namespace Generated.Models.Tests.Portable;

/// <summary>
/// Every target of the runtime has the same public API: the net8.0 assembly these tests run against, the netstandard2.1
/// build inside the Unity package and the netstandard2.0 build beside the Mono launcher, compared type by type and member
/// by member through their metadata.
/// </summary>
[Collection(ChildBuildsCollection.Name)]
public class PortableApiTests(PortableBuilds builds, ITestOutputHelper log)
{
    private static string Net80 => typeof(INetwork).Assembly.Location;

    [Fact]
    public void The_netstandard21_build_has_the_public_API_of_the_net80_build()
    {
        var net8 = PublicApi.Read(Net80);
        var netstandard21 = PublicApi.Read(Path.Combine(builds.UnityPackage, "Runtime", "Plugins", "Generated.dll"));
        AssertSame(net8, netstandard21, "netstandard2.1");
    }

    [Fact]
    public void The_netstandard20_build_has_the_public_API_of_the_net80_build()
    {
        var net8 = PublicApi.Read(Net80);
        var netstandard20 = PublicApi.Read(Path.Combine(builds.MonoCheck, "Generated.dll"));
        AssertSame(net8, netstandard20, "netstandard2.0");
    }

    private void AssertSame(SortedSet<string> net8, SortedSet<string> other, string target)
    {
        log.WriteLine($"net8.0: {net8.Count} public types and members; {target}: {other.Count}");
        Assert.True(net8.Count > 500, $"Only {net8.Count} public types and members read from the net8.0 build: the reader is broken.");
        var missing = net8.Except(other).ToList();
        var extra = other.Except(net8).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Public API differs.\nOnly in net8.0:\n  {string.Join("\n  ", missing)}\nOnly in {target}:\n  {string.Join("\n  ", extra)}");
    }
}
