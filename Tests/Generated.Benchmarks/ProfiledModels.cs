using Generated.Benchmarks.Networks;
using Generated.Benchmarks.Networks.Prefixes;

namespace Generated.Benchmarks;

/// <summary>
/// The prefix networks of each reference model (Networks/Prefixes), shortest first, the full model last: the per-layer
/// profile's rows are the differences between neighbours. Seeded weights: timing does not depend on their values.
/// </summary>
internal static class ProfiledModels
{
    private const int Seed = 1;

    /// <summary>New instances of <paramref name="model"/>'s prefixes, shortest first, ending with the full model.</summary>
    public static INetwork[] Prefixes(ReferenceModel model) => model.Name switch
    {
        "M1" => [new M1Prefix1(Seed), new M1Prefix2(Seed), new M1Prefix3(Seed), new M1MnistConvnet(Seed)],
        "M2" => [new M2Prefix1(Seed), new M2Prefix2(Seed), new M2Prefix3(Seed), new M2Prefix4(Seed), new M2TutorialCnn(Seed)],
        "M3" => [new M3Prefix1(Seed), new M3Prefix2(Seed), new M3Prefix3(Seed), new M3Autoencoder(Seed)],
        "M4" => [new M4Prefix1(Seed), new M4Prefix2(Seed), new M4Prefix3(Seed), new M4Prefix4(Seed), new M4StridedNet(Seed)],
        "M5" => [new M5Prefix1(Seed), new M5Prefix2(Seed), new M5Prefix3(Seed), new M5Prefix4(Seed), new M5VggBlock(Seed)],
        _ => throw new ArgumentException($"No prefix networks for model '{model.Name}'.", nameof(model)),
    };

    /// <summary>
    /// The number of the full model's layers each prefix holds, after checking that every prefix really is one: its layers
    /// equal the full model's first ones (names, kinds, shapes, parameters, multiply-adds), so its parameter count and
    /// output shape are the full model's cumulative figures there. Throws <see cref="InvalidOperationException"/> naming
    /// the first difference, so a model edit that was not made to its prefixes stops the profile instead of skewing it.
    /// </summary>
    public static int[] CheckedLengths(ReferenceModel model, IReadOnlyList<INetwork> prefixes)
    {
        var full = prefixes[^1].Layers;
        var lengths = new int[prefixes.Count];
        for (var p = 0; p < prefixes.Count; p++)
        {
            var layers = prefixes[p].Layers;
            var name = prefixes[p].GetType().Name;
            if (layers.Count > full.Count || (p > 0 && layers.Count <= lengths[p - 1]))
            {
                throw new InvalidOperationException($"{model.Name}: prefix {name} has {layers.Count} layers; prefixes must grow, up to the full model's {full.Count}.");
            }
            for (var i = 0; i < layers.Count; i++)
            {
                var (a, b) = (layers[i], full[i]);
                if (a.Name != b.Name || a.Kind != b.Kind || a.InputShape != b.InputShape || a.OutputShape != b.OutputShape
                    || a.ParameterCount != b.ParameterCount || a.MultiplyAdds != b.MultiplyAdds)
                {
                    throw new InvalidOperationException($"{model.Name}: prefix {name}'s layer {i} is {Describe(a)}, the full model's is {Describe(b)} (Tests/Generated.Benchmarks/Networks/Prefixes).");
                }
            }
            var parameters = full.Take(layers.Count).Sum(l => l.ParameterCount);
            if (prefixes[p].ParameterCount != parameters || prefixes[p].OutputShape != full[layers.Count - 1].OutputShape)
            {
                throw new InvalidOperationException($"{model.Name}: prefix {name} has {prefixes[p].ParameterCount} parameters and output {prefixes[p].OutputShape}; the full model has {parameters} and {full[layers.Count - 1].OutputShape} after {layers.Count} layers.");
            }
            lengths[p] = layers.Count;
        }
        return lengths;
    }

    private static string Describe(LayerInfo layer) =>
        $"{layer.Name} ({layer.Kind} {layer.InputShape} -> {layer.OutputShape}, {layer.ParameterCount} parameters, {layer.MultiplyAdds} multiply-adds)";
}
