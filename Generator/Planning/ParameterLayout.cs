using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>One parameter tensor placed in the trainable or the state (non-trainable) buffer.</summary>
internal sealed record PlacedTensor(LayerModel Layer, ParameterTensor Tensor, int Offset)
{
    /// <summary>The weight-file name: <c>{layer}.{suffix}</c>.</summary>
    public string FileName => Layer.Name + "." + Tensor.Suffix;

    /// <summary>The generated property: <c>Conv2d1Kernel</c>, <c>BatchNormalizationMovingMean</c>.</summary>
    public string PropertyName => LayerNames.ToIdentifier(Layer.Name) + LayerNames.ToIdentifier(Tensor.Suffix);

    /// <summary>The buffer field holding the values.</summary>
    public string Buffer => Tensor.Trainable ? "_trainable" : "_state";

    /// <summary>The span local over <see cref="Buffer"/> in generated methods.</summary>
    public string BufferLocal => Tensor.Trainable ? "trainable" : "state";

    /// <summary>The values, e.g. <c>trainable.Slice(0, 864)</c>; records in <paramref name="body"/> that it reads the buffer local.</summary>
    public string Span(MethodBody body) => $"{body.Use(BufferLocal)}.Slice({Code.Literal(Offset)}, {Code.Literal(Tensor.Length)})";

    /// <summary>The tensor's gradient (same layout as the trainable buffer).</summary>
    public string GradientSpan(MethodBody body) => $"{body.Use("gradients")}.Slice({Code.Literal(Offset)}, {Code.Literal(Tensor.Length)})";
}

/// <summary>
/// Where every parameter tensor lives: trainable tensors back to back in declaration order in one
/// flat buffer (one vectorized optimizer pass), moving statistics in another.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly Dictionary<(int Layer, string Suffix), PlacedTensor> _bySuffix = new();

    public ParameterLayout(NetworkModel model)
    {
        var trainable = 0;
        var state = 0;
        foreach (var layer in model.Layers)
        {
            foreach (var tensor in layer.Parameters)
            {
                var placed = new PlacedTensor(layer, tensor, tensor.Trainable ? trainable : state);
                if (tensor.Trainable)
                {
                    trainable += tensor.Length;
                }
                else
                {
                    state += tensor.Length;
                }
                All.Add(placed);
                _bySuffix[(layer.Index, tensor.Suffix)] = placed;
            }
        }
        TrainableCount = trainable;
        StateCount = state;
    }

    /// <summary>Every tensor in declaration order.</summary>
    public List<PlacedTensor> All { get; } = new();

    public int TrainableCount { get; }

    public int StateCount { get; }

    public PlacedTensor? Find(LayerModel layer, string suffix) =>
        _bySuffix.TryGetValue((layer.Index, suffix), out var placed) ? placed : null;

    public PlacedTensor Get(LayerModel layer, string suffix) => _bySuffix[(layer.Index, suffix)];
}
