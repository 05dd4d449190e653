namespace Generated.Interop.Tests.Export;

/// <summary>
/// A real network whose layer description is changed: an extra layer of a kind the exporter does not know (as a layer
/// added to the generator after the exporter), a changed first layer, or no description at all.
/// </summary>
internal sealed class UnknownLayerNetwork(INetwork inner, LayerInfo? layer, bool replaceFirst = false) : INetwork
{
    public IReadOnlyList<LayerInfo> Layers => layer is null ? []
        : replaceFirst ? [layer, .. inner.Layers.Skip(1)]
        : [.. inner.Layers.Take(1), layer, .. inner.Layers.Skip(1)];

    public TensorShape InputShape => inner.InputShape;

    public TensorShape OutputShape => inner.OutputShape;

    public int ParameterCount => inner.ParameterCount;

    public IReadOnlyList<ParameterView> ParameterTensors => inner.ParameterTensors;

    public Span<float> TrainableParameters => inner.TrainableParameters;

    public Span<float> Gradients => inner.Gradients;

    public void MarkWeightsChanged() => inner.MarkWeightsChanged();

    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, bool training) => inner.Forward(input, training);

    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient) => inner.Backward(outputGradient);

    public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);

    public void SaveWeights(string path) => inner.SaveWeights(path);

    public void LoadWeights(string path) => inner.LoadWeights(path);
}
