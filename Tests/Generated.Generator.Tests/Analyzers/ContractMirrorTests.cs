using Generated.Generator.Tests.Infrastructure;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>
/// The model reads attribute arguments as integers and names: its enums must match the runtime's public
/// enums (two definitions on purpose: user-facing vs. model), and every layer attribute must map to a kind.
/// </summary>
public class ContractMirrorTests
{
    [Theory]
    [InlineData(typeof(Activation), typeof(ActivationKind))]
    [InlineData(typeof(Padding), typeof(PaddingKind))]
    [InlineData(typeof(Interpolation), typeof(InterpolationKind))]
    [InlineData(typeof(FlipMode), typeof(FlipModeKind))]
    [InlineData(typeof(FillMode), typeof(FillModeKind))]
    public void Runtime_enum_and_model_mirror_have_identical_names_and_values(Type runtime, Type mirror)
    {
        static IEnumerable<(string Name, int Value)> Members(Type type) =>
            Enum.GetValues(type).Cast<object>().Select(v => (Enum.GetName(type, v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))).OrderBy(m => m.Item2);

        Assert.Equal(Members(runtime), Members(mirror));
    }

    [Fact]
    public void Every_layer_attribute_maps_to_a_layer_kind_and_back()
    {
        var compilation = AnalyzerTestCompilation.Create("");
        var runtime = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>()
            .Single(a => a.Name == typeof(NetworkAttribute).Assembly.GetName().Name);
        var layerAttribute = runtime.GetTypeByMetadataName(DeclarationReader.LayerAttributeMetadataName)!;
        var attributes = AllTypes(runtime.GlobalNamespace)
            .Where(t => !t.IsAbstract && InheritsFrom(t, layerAttribute))
            .ToList();

        var kinds = attributes.Select(a => (a.Name, Kind: DeclarationReader.LayerKindOf(a))).ToList();
        Assert.All(kinds, k => Assert.True(k.Kind is not null, $"{k.Name} maps to no LayerKind"));
        Assert.Equal(Enum.GetValues<LayerKind>().Order(), kinds.Select(k => k.Kind!.Value).Order());

        // The reflection view agrees: every public runtime type deriving from LayerAttribute was seen.
        var reflected = typeof(LayerAttribute).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(LayerAttribute)) && !t.IsAbstract).Select(t => t.Name);
        Assert.Equal(reflected.Order(), attributes.Select(a => a.Name).Order());
    }

    [Fact]
    public void Every_layer_kind_has_a_keras_prefix_in_snake_case()
    {
        foreach (var kind in Enum.GetValues<LayerKind>())
        {
            var prefix = LayerNames.KerasPrefix(kind);
            Assert.Matches("^[a-z][a-z0-9_]*$", prefix);
            Assert.Null(LayerNames.Validate(prefix));
        }
        Assert.Equal("re_lu", LayerNames.KerasPrefix(LayerKind.ReLU));
        Assert.Equal("conv2d_transpose", LayerNames.KerasPrefix(LayerKind.Conv2DTranspose));
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }
        return false;
    }
}
