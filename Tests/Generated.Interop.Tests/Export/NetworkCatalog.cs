using Generated.Benchmarks.Networks;

namespace Generated.Interop.Tests.Export;

/// <summary>The networks the export and round-trip tests use, by name: the layer-kind networks and the reference models M1-M5.</summary>
internal static class NetworkCatalog
{
    private static readonly Dictionary<string, Func<INetwork>> Factories = new()
    {
        ["WindowLayers"] = () => new WindowLayers(1),
        ["NormalizationLayers"] = () => new NormalizationLayers(2),
        ["GraphLayers"] = () => new GraphLayers(3),
        ["VectorLayers"] = () => new VectorLayers(4),
        ["ConvolutionVariantLayers"] = () => new ConvolutionVariantLayers(10),
        ["PreprocessingMergeLayers"] = () => new PreprocessingMergeLayers(11),
        ["M1MnistConvnet"] = () => new M1MnistConvnet(5),
        ["M2TutorialCnn"] = () => new M2TutorialCnn(6),
        ["M3Autoencoder"] = () => new M3Autoencoder(7),
        ["M4StridedNet"] = () => new M4StridedNet(8),
        ["M5VggBlock"] = () => new M5VggBlock(9),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static INetwork Create(string name) => Factories[name]();
}
