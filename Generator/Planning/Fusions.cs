using Generated.Model;

namespace Generated.Generator;

/// <summary>Kernel fusions across two layers, decided from the graph and the layers' rules.</summary>
internal static class Fusions
{
    /// <summary>
    /// Whether tensor <paramref name="tensor"/> is the output of a ReLU layer with a fused activation whose ReLU derivative
    /// the backward pass of its only reader applies (a rule with <see cref="LayerRule.MasksInputByRelu"/>: MaxPooling2D's
    /// <c>BackwardThroughRelu</c> routes the gradient to the window's maximum, Conv2D's masks it in the col2im epilogue).
    /// Then the layer itself skips its <c>Activations.Backward</c> pass. Only when that reader is the tensor's one reader,
    /// directly (no alias in between) and once, so no other layer needs the unmasked gradient and the reader's write is
    /// the region's first (an overwrite, not an addition).
    /// </summary>
    public static bool ReluMaskedByReader(Graph graph, int tensor)
    {
        if (tensor == Graph.NetworkInput || graph.Root(tensor) != tensor || tensor == graph.FinalRoot)
        {
            return false;
        }
        var producer = graph.Layers[tensor];
        if (LayerRules.For(producer).FusedActivation(producer) != ActivationKind.Relu)
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
        return reader >= 0 && LayerRules.For(graph.Layers[reader]).MasksInputByRelu(graph.Layers[reader]);
    }

    /// <summary>Whether <paramref name="layer"/>'s backward applies the ReLU derivative of the layer that produced its (only) input.</summary>
    public static bool MasksInputByRelu(Graph graph, LayerModel layer) =>
        layer.Inputs.Count == 1 && ReluMaskedByReader(graph, layer.Inputs[0]);

    /// <summary>
    /// The max pool whose backward pass the training step of convolution <paramref name="conv"/> takes into its kernel
    /// gradient, or -1. The convolution reads the network input (so a training step needs no input gradient from it), has a
    /// ReLU whose derivative its reader applies, and that reader is a 2x2, stride-2, unpadded max pool
    /// (<see cref="DirectPlan.FusablePool"/>) that is not the network's output. The pool's forward pass then records where
    /// each maximum was (<c>MaxPool2D.Forward</c> with positions) and the convolution's kernel gradient routes the pooled
    /// gradient through them a chunk at a time (<c>Conv2D.KernelGradientThroughMaxPool</c>): the first layer's gradient
    /// map, the largest of most classifiers, is never written. Backward with the input gradient keeps both passes.
    /// </summary>
    public static int PoolIntoKernelGradient(Graph graph, int conv)
    {
        var layer = graph.Layers[conv];
        if (layer.Kind != LayerKind.Conv2D || ConvolutionRule.Groups(layer) != 1 || layer.Inputs.Count != 1 || layer.Inputs[0] != Graph.NetworkInput
            || !graph.Live[conv] || !ReluMaskedByReader(graph, conv))
        {
            return -1;
        }
        var pool = DirectPlan.FusablePool(graph, conv);
        return pool >= 0 && pool != graph.FinalRoot ? pool : -1;
    }

    /// <summary>Whether the layer's fused activation is Swish, which runs separately: its backward needs the pre-activation.</summary>
    public static bool HasSwish(LayerModel layer) => LayerRules.For(layer).FusedActivation(layer) == ActivationKind.Swish;

    /// <summary>
    /// Per layer: a stand-alone activation (not Softmax, which normalizes across channels) whose only reader is the
    /// batch normalization right after it, which applies it in its own pass (<c>BatchNormalization.ForwardInference</c>
    /// with an input activation), and not the network's output. Such a layer has no kernel call and no memory of its
    /// own in Predict; its reader reads the activation's input instead.
    /// </summary>
    public static bool[] ActivationsIntoNext(Graph graph)
    {
        var layers = graph.Layers;
        var fused = new bool[layers.Length];
        for (var i = 0; i + 1 < layers.Length; i++)
        {
            var layer = layers[i];
            var next = layers[i + 1];
            var activation = ActivationRule.StandaloneActivation(layer) is { } kind && kind != ActivationKind.Softmax;
            fused[i] = activation && next.Kind == LayerKind.BatchNormalization && next.Inputs.Count == 1 && next.Inputs[0] == i
                && graph.Root(i) == i && i != graph.FinalRoot && graph.LastUse(i) == i + 1 && graph.OnlyReader(i, i + 1);
        }
        return fused;
    }
}
