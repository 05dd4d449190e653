using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// What one sample costs a layer, known at compile time: the multiply-adds of its matrix products and the floats of
/// activation memory its forward pass writes. Every rule answers through <see cref="LayerRule.Facts"/>.
/// </summary>
/// <param name="MultiplyAdds">
/// Multiply-adds of the layer's convolutions and matrix products per sample (one per weight per output position; the bias
/// add is not counted), what PyTorch's FLOP counters count as two FLOPs each. Element-wise, pooling, normalization,
/// resampling and merge layers have no matrix product and count 0: their work is proportional to their activation floats.
/// </param>
/// <param name="ActivationFloats">
/// Floats per sample of the output the layer writes into memory of its own; 0 when the output is its input's memory
/// (Flatten, Reshape: NHWC memory already is the new shape). Training keeps every one of them for Backward.
/// </param>
internal readonly record struct LayerFacts(long MultiplyAdds, long ActivationFloats)
{
    /// <summary>A layer without a matrix product that writes its output into memory of its own.</summary>
    public static LayerFacts OutputOnly(LayerModel layer) => new(0, layer.OutputShape.Size);

    /// <summary>A layer whose output is its input's memory: no work, no memory.</summary>
    public static LayerFacts Alias => default;

    /// <summary>
    /// A weighted sum with <paramref name="weightsPerOutput"/> products for each output value: a convolution's
    /// <c>KH x KW x IC</c>, a dense layer's inputs.
    /// </summary>
    public static LayerFacts WeightedSum(LayerModel layer, long weightsPerOutput) =>
        new(layer.OutputShape.Size * weightsPerOutput, layer.OutputShape.Size);
}
