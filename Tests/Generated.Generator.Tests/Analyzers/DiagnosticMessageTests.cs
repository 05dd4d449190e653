using Generated.Generator.Tests.Infrastructure;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>The messages name the shapes, sizes and layers involved, so they say what to change.</summary>
public class DiagnosticMessageTests
{
    private static string Message(string markup) => Assert.Single(AnalyzerVerifier.Verify(markup)).GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Kernel_too_large_names_kernel_input_layer_and_padding()
    {
        var message = Message("""
            [Network(28, 28, 1)]
            [Conv2D(8, 5, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Conv2D(16, 5, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [{|NNG0007:Conv2D(16, 5)|}]
            public partial class Net;
            """);
        Assert.Equal("Conv2D kernel 5x5 does not fit the 4x4x16 input of layer conv2d_2 (Padding.Valid); use Padding.Same or a smaller kernel", message);
    }

    [Fact]
    public void Dilated_kernel_too_large_gives_its_span()
    {
        var message = Message("""
            [Network(6, 6, 1)]
            [{|NNG0007:Conv2D(8, 3, DilationRate = 3)|}]
            public partial class Net;
            """);
        Assert.StartsWith("Conv2D kernel 3x3 dilated by 3 (spanning 7x7) does not fit the 6x6x1 input of layer conv2d", message);
    }

    [Fact]
    public void Unused_input_says_how_many_rows_and_columns()
    {
        var message = Message("""
            [Network(28, 27, 1)]
            [Conv2D(8, 5, {|NNG0100:Strides = 2|}, Activation = Activation.Relu)]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """);
        Assert.Equal("Conv2D layer conv2d with kernel 5x5 and stride 2 on the 28x27x1 input never reads the last 1 row; use Padding.Same or change the kernel or stride if that is not intended", message);
    }

    [Fact]
    public void Unused_input_counts_rows_and_columns()
    {
        var message = Message("""
            [Network(11, 10, 1)]
            [{|NNG0100:AveragePooling2D(3)|}]
            [Flatten]
            [Dense(10)]
            public partial class Net;
            """);
        Assert.Contains("on the 11x10x1 input never reads the last 2 rows and 1 column", message);
    }

    [Fact]
    public void Merge_mismatch_names_both_shapes_and_sources()
    {
        var message = Message("""
            [Network(8, 8, 4)]
            [Conv2D(8, 3, Padding = Padding.Same, Activation = Activation.Relu)]
            [Add({|NNG0015:"input"|})]
            public partial class Net;
            """);
        Assert.Equal("Add layer add cannot merge 8x8x4 from 'input' with 8x8x8 from 'conv2d': Add needs identical shapes", message);
    }

    [Fact]
    public void Unknown_merge_input_lists_the_earlier_layers()
    {
        var message = Message("""
            [Network(8, 8, 4)]
            [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu, Name = "a")]
            [Add({|NNG0012:"b"|})]
            public partial class Net;
            """);
        Assert.Equal("Add layer add refers to 'b', which is not a layer of this network; earlier layers: 'a' or \"input\"", message);
    }

    [Fact]
    public void Feature_map_error_names_the_flattening_layer_not_the_previous_one()
    {
        var message = Message("""
            [Network(28, 28, 1)]
            [Flatten(Name = "flat")]
            [Dropout(0.5)]
            [{|NNG0009:Conv2D(8, 3)|}]
            public partial class Net;
            """);
        Assert.Equal("Conv2D layer conv2d needs a height x width x channels feature map, but its input is the flat vector of 784 values from Flatten layer flat; move it before that layer or add [Reshape(height, width, channels)] before it", message);
    }

    [Fact]
    public void Feature_map_error_carries_the_flatten_attribute_as_additional_location()
    {
        var (source, _) = DiagnosticMarkup.Parse(AnalyzerVerifier.Usings + """
            [Network(28, 28, 1)]
            [Flatten]
            [Dropout(0.5)]
            [Conv2D(8, 3)]
            public partial class Net;
            """);
        var diagnostic = Assert.Single(AnalyzerTestCompilation.Analyze(AnalyzerTestCompilation.Create(source)), d => d.Id == "NNG0009");
        var additional = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("Flatten", source.Substring(additional.SourceSpan.Start, additional.SourceSpan.Length));
        Assert.True(additional.IsInSource);
    }

    [Fact]
    public void Dense_head_warning_names_the_output_it_produces()
    {
        var message = Message("""
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [{|NNG0102:Dense(10, Activation = Activation.Softmax)|}]
            public partial class Net;
            """);
        Assert.Equal("Dense layer dense is applied to each of the 26x26 pixels of its 26x26x8 input separately, so the network outputs a 26x26x10 feature map instead of 10 values per sample; insert [Flatten] before it to connect all 5408 inputs, or use a 1x1 Conv2D if per-pixel outputs are intended", message);
    }

    [Fact]
    public void Too_large_names_the_tensor_and_its_size()
    {
        var message = Message("""
            [Network(100000)]
            [{|NNG0023:Dense(100000)|}]
            public partial class Net;
            """);
        Assert.Equal("The kernel [100000, 100000] of layer dense would hold 10000000000 values, more than the 2147483647 a span can index; use smaller sizes", message);
    }

    [Fact]
    public void Every_descriptor_links_its_help_page_and_the_page_exists()
    {
        var root = RepositoryRoot();
        // Absolute, under the one RepositoryUrl of Directory.Build.props, naming the page of this ID.
        var helpBase = Documentation.RepositoryFiles.RepositoryUrl() + "/blob/main/docs/diagnostics/";
        foreach (var descriptor in Generated.Model.DiagnosticDescriptors.ById.Values)
        {
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps, descriptor.HelpLinkUri);
            Assert.Equal(helpBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var page = Path.Combine(root, descriptor.HelpLinkUri[(helpBase.Length - "docs/diagnostics/".Length)..]);
            Assert.True(File.Exists(page), $"{descriptor.Id} has no help page at {page}");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}: {descriptor.Title}", text, StringComparison.Ordinal);
            Assert.Contains("```csharp", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Release_tracking_lists_every_descriptor_with_its_severity()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("NNG", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(p => p.Trim()).ToArray())
            .ToDictionary(p => p[0]);
        Assert.Equal(Generated.Model.DiagnosticDescriptors.ById.Keys.Order(), lines.Keys.Order());
        foreach (var descriptor in Generated.Model.DiagnosticDescriptors.ById.Values)
        {
            Assert.Equal(descriptor.DefaultSeverity.ToString(), lines[descriptor.Id][2]);
            Assert.Equal(descriptor.Title.ToString(), lines[descriptor.Id][3]);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generated.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Generated.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
