namespace Generated;

/// <summary>
/// Per-layer freezing, Keras' <c>layer.trainable</c>: every generated network implements it. A frozen layer keeps its
/// weights (the <see cref="Training.Trainer"/> leaves them), still passes gradients to the layers before it, and a frozen
/// batch normalization normalizes with its moving statistics while training (Keras 2.1+).
/// </summary>
/// <remarks>
/// Freezing does not change the parameter layout: a frozen layer's weights stay in <see cref="INetwork.TrainableParameters"/>,
/// so <c>TrainableParameterCount</c> and saved files are the same either way. The change applies from the next
/// <see cref="INetwork.Forward"/>; a hand-written loop that calls an optimizer itself must skip frozen tensors itself
/// (<see cref="Training.Optimizer.Step(System.Span{float}, System.ReadOnlySpan{float}, System.ReadOnlySpan{bool})"/>).
/// </remarks>
public interface ITrainableLayers
{
    /// <summary>Whether the optimizer updates <paramref name="layer"/>'s weights (its <c>Trainable</c> attribute argument until changed).</summary>
    /// <exception cref="System.ArgumentException">No layer has that name.</exception>
    bool IsTrainable(string layer);

    /// <summary>Freezes (<paramref name="trainable"/> false) or unfreezes <paramref name="layer"/>, from the next Forward on.</summary>
    /// <exception cref="System.ArgumentException">No layer has that name.</exception>
    void SetTrainable(string layer, bool trainable);
}
