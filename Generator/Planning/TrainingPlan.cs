using System;
using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Forward/Backward's memory: every tensor kept for Backward (input copy, layer outputs, and what each layer's rule
/// saves: Swish pre-activations, dropout masks, normalization statistics) in one forward buffer (or, for per-batch
/// statistics, a statistics buffer), and one gradient region per root tensor plus two scratch regions in a backward buffer.
/// </summary>
internal sealed class TrainingPlan
{
    public TrainingPlan(NetworkModel model)
    {
        Graph = new Graph(model, inference: false);
        var forward = new Arena();
        var backward = new Arena();
        var layers = Graph.Layers;
        ActivationOffsets = new int[layers.Length + 1];
        GradientOffsets = new int[layers.Length + 1];

        ActivationOffsets[0] = forward.Place(Graph.Size(Graph.NetworkInput));
        GradientOffsets[0] = backward.Place(Graph.Size(Graph.NetworkInput));
        ForwardLocals.Add(("networkInput", "forward." + Code.Region(ActivationOffsets[0], Graph.Size(Graph.NetworkInput)), "forward"));
        var largest = Graph.Size(Graph.NetworkInput);
        var statistics = 0;
        PoolIntoKernelGradient = new int[layers.Length];
        KernelGradientOfPool = new int[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            KernelGradientOfPool[i] = -1;
        }
        for (var i = 0; i < layers.Length; i++)
        {
            PoolIntoKernelGradient[i] = Fusions.PoolIntoKernelGradient(Graph, i);
            if (PoolIntoKernelGradient[i] >= 0)
            {
                KernelGradientOfPool[PoolIntoKernelGradient[i]] = i;
            }
        }
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var size = Graph.Size(i);
            largest = Math.Max(largest, size);
            if (Graph.Root(i) != i)
            {
                continue;
            }
            ActivationOffsets[i + 1] = forward.Place(size);
            ForwardLocals.Add((Locals.Output(layer), "forward." + Code.Region(ActivationOffsets[i + 1], size), "forward"));
            if (i != Graph.FinalRoot)
            {
                GradientOffsets[i + 1] = backward.Place(size);
            }
            foreach (var saved in LayerRules.For(layer).SavedForBackward(layer))
            {
                if (saved.PerBatch)
                {
                    ForwardLocals.Add((saved.Local, $"statistics.Slice({Code.Literal(statistics)}, {Code.Literal(saved.Size)})", "statistics"));
                    statistics += saved.Size;
                }
                else
                {
                    ForwardLocals.Add((saved.Local, "forward." + Code.Region(forward.Place(saved.Size), saved.Size), "forward"));
                }
            }
            if (KernelGradientOfPool[i] >= 0)
            {
                ForwardLocals.Add((Locals.Positions(layer), "forward." + Code.Region(forward.Place(size), size), "forward"));
            }
        }
        DeltaOffset = backward.Place(largest);
        AccumulatorOffset = backward.Place(largest);
        ForwardSize = forward.Size;
        BackwardSize = backward.Size;
        StatisticsSize = statistics;
    }

    public Graph Graph { get; }

    /// <summary>Per layer: the max pool whose backward pass its kernel gradient takes (<see cref="Fusions.PoolIntoKernelGradient"/>), or -1.</summary>
    public int[] PoolIntoKernelGradient { get; }

    /// <summary>Per layer: for a max pool, the convolution whose kernel gradient takes its backward pass (its forward pass then records positions), or -1.</summary>
    public int[] KernelGradientOfPool { get; }

    /// <summary>Per-sample offset of tensor <c>t</c> at index <c>t + 1</c> (the network input first).</summary>
    public int[] ActivationOffsets { get; }

    /// <summary>Per-sample offset of the gradient of root tensor <c>t</c> at index <c>t + 1</c>.</summary>
    public int[] GradientOffsets { get; }

    /// <summary>
    /// Span locals over the forward and statistics buffers, in placement order: the input copy, every root tensor and
    /// what its rule saves for Backward; each with the buffer local its declaration reads.
    /// </summary>
    public List<(string Name, string Expression, string Buffer)> ForwardLocals { get; } = new();

    /// <summary>Scratch for a gradient through a fused activation.</summary>
    public int DeltaOffset { get; }

    /// <summary>Scratch for an input gradient that must be added to one already written (fan-out).</summary>
    public int AccumulatorOffset { get; }

    public int ForwardSize { get; }

    public int BackwardSize { get; }

    /// <summary>Floats of per-batch statistics (batch normalization's mean and inverse std per channel).</summary>
    public int StatisticsSize { get; }
}

/// <summary>A tensor a layer's Forward keeps for its Backward besides its output.</summary>
/// <param name="Local">The span local naming it in generated code.</param>
/// <param name="Size">Floats per sample, or in all when <paramref name="PerBatch"/>.</param>
/// <param name="PerBatch">One copy for the whole batch (statistics over the batch), kept in the statistics buffer.</param>
internal sealed record SavedTensor(string Local, int Size, bool PerBatch = false);
