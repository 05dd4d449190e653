using Generated.IO;

namespace Generated.Models.Tests.Reliability;

/// <summary>A generated network's weight-file members behind one type, so a campaign can run over several models.</summary>
internal sealed class WeightTarget
{
    private readonly Action<Stream> _save;
    private readonly Action<Stream> _load;
    private readonly Func<Stream, WeightLoadOptions, WeightLoadReport> _loadWith;

    private WeightTarget(string name, INetwork network, Action<Stream> save, Action<Stream> load, Func<Stream, WeightLoadOptions, WeightLoadReport> loadWith)
    {
        Name = name;
        Network = network;
        _save = save;
        _load = load;
        _loadWith = loadWith;
    }

    public string Name { get; }

    public INetwork Network { get; }

    /// <summary>Small models of different kinds: batch-norm state, a residual graph, a U-Net with a transpose, the MNIST convnet.</summary>
    public static WeightTarget[] All(int seed) =>
    [
        Of(new Normalized(seed), (n, s) => n.SaveWeights(s), (n, s) => n.LoadWeights(s), (n, s, o) => n.LoadWeights(s, o)),
        Of(new ResidualBlock(seed), (n, s) => n.SaveWeights(s), (n, s) => n.LoadWeights(s), (n, s, o) => n.LoadWeights(s, o)),
        Of(new UNet(seed), (n, s) => n.SaveWeights(s), (n, s) => n.LoadWeights(s), (n, s, o) => n.LoadWeights(s, o)),
        Of(new MnistConvnet(seed), (n, s) => n.SaveWeights(s), (n, s) => n.LoadWeights(s), (n, s, o) => n.LoadWeights(s, o)),
    ];

    private static WeightTarget Of<T>(T network, Action<T, Stream> save, Action<T, Stream> load, Func<T, Stream, WeightLoadOptions, WeightLoadReport> loadWith)
        where T : INetwork =>
        new(typeof(T).Name, network, s => save(network, s), s => load(network, s), (s, o) => loadWith(network, s, o));

    /// <summary>The network's weights as SaveWeights writes them (deterministic bytes: equal bytes, equal weights).</summary>
    public byte[] Saved()
    {
        using var stream = new MemoryStream();
        _save(stream);
        return stream.ToArray();
    }

    public void Load(Stream stream) => _load(stream);

    public WeightLoadReport Load(Stream stream, WeightLoadOptions options) => _loadWith(stream, options);
}
