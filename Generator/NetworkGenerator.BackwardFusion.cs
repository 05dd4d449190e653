using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Whether tensor <paramref name="tensor"/> is the output of a ReLU convolution or Dense layer whose ReLU derivative
    /// the backward pass of its only reader applies: a MaxPooling2D (<c>MaxPool2D.BackwardThroughRelu</c>; the routed
    /// gradient lands on the window's maximum) or a Conv2D (<c>Conv2D.BackwardThroughRelu</c>, masked in the col2im
    /// epilogue). Then the layer itself skips its <c>Activations.Backward</c> pass. Only when that reader is the tensor's
    /// one reader, directly (no alias in between) and once, so no other layer needs the unmasked gradient and the
    /// reader's write is the region's first (an overwrite, not an addition).
    /// </summary>
    private static bool ReluMaskedByReader(Graph graph, int tensor)
    {
        if (tensor == NetworkInput || graph.Root(tensor) != tensor || tensor == graph.FinalRoot)
        {
            return false;
        }
        var producer = graph.Layers[tensor];
        if (!HasWeights(producer) || producer.Declaration.Activation != ActivationKind.Relu)
        {
            return false;
        }
        var reader = -1;
        foreach (var layer in graph.Layers)
        {
            foreach (var input in layer.Inputs)
            {
                if (graph.Root(input) != tensor)
                {
                    continue;
                }
                if (reader >= 0 || input != tensor)
                {
                    return false; // a second read, or a read through an alias
                }
                reader = layer.Index;
            }
        }
        return reader >= 0 && graph.Layers[reader].Kind is LayerKind.MaxPooling2D or LayerKind.Conv2D;
    }

    /// <summary>Whether <paramref name="layer"/>'s backward applies the ReLU derivative of the layer that produced its (only) input.</summary>
    private static bool MasksInputByRelu(Graph graph, LayerModel layer) =>
        layer.Inputs.Count == 1 && ReluMaskedByReader(graph, layer.Inputs[0]);
}
