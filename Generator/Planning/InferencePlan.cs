using System;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Predict's memory: each computed tensor gets a region of a thread-static workspace only while it is
/// needed (its producer to its last reader); the output is written straight into the caller's span.
/// </summary>
internal sealed class InferencePlan
{
    /// <summary>Floats one chunk's activations (workspace, input and output) aim at: what stays in a core's L2 cache.</summary>
    internal const int ChunkTargetFloats = 256 * 1024;

    /// <summary>Most samples per chunk, however small the network.</summary>
    internal const int MaxChunkSamples = 128;

    public InferencePlan(NetworkModel model)
    {
        Graph = new Graph(model, inference: true);
        ActivationsIntoNext = Fusions.ActivationsIntoNext(Graph);
        Direct = new DirectPlan(Graph, ActivationsIntoNext);
        var arena = new Arena();
        Offsets = new int[Graph.Layers.Length];
        for (var i = 0; i < Graph.Layers.Length; i++)
        {
            if (Graph.Root(i) == i && i != Graph.FinalRoot && !ActivationsIntoNext[i] && Graph.Live[i])
            {
                // A max pool taken into a batch-1 direct convolution's store is written at that convolution's step, while it
                // still reads its input, so its region is live from there.
                var from = Direct.PooledInto[i] >= 0 ? Direct.PooledInto[i] : i;
                Offsets[i] = arena.Place(Graph.Size(i), from, LastUse(i));
            }
        }
        WorkspaceSize = arena.Size;
        ChunkSamples = ChunkFor(WorkspaceSize, model.InputShape.Size + model.OutputShape.Size);
    }

    public Graph Graph { get; }

    /// <summary>Per layer: applied by the batch normalization after it (see <see cref="Fusions.ActivationsIntoNext"/>).</summary>
    public bool[] ActivationsIntoNext { get; }

    /// <summary>The batch-1 plan: direct convolutions and the max pools they take (see <see cref="DirectPlan"/>).</summary>
    public DirectPlan Direct { get; }

    /// <summary>Samples per Predict chunk (the generated <c>PredictChunk</c>).</summary>
    public int ChunkSamples { get; }

    /// <summary>Per-sample offset of each root tensor in the workspace.</summary>
    public int[] Offsets { get; }

    public int WorkspaceSize { get; }

    /// <summary>
    /// Samples per Predict chunk: a power of two whose activations fit <see cref="ChunkTargetFloats"/>
    /// (at least one sample): each chunk then runs through the whole network in cache, and a batch splits
    /// into enough chunks to share among threads.
    /// </summary>
    private static int ChunkFor(long workspaceFloats, long ioFloats)
    {
        var perSample = Math.Max(1L, workspaceFloats + ioFloats);
        var chunk = 1;
        while (chunk < MaxChunkSamples && chunk * 2 * perSample <= ChunkTargetFloats)
        {
            chunk *= 2;
        }
        return chunk;
    }

    /// <summary>
    /// The last Predict step that reads <paramref name="root"/>'s memory: as <see cref="Graph.LastUse"/>, except that an
    /// activation applied by the next layer hands its reading of its input on to that layer.
    /// </summary>
    private int LastUse(int root)
    {
        var last = Graph.LastUse(root);
        return last < ActivationsIntoNext.Length && ActivationsIntoNext[last] ? last + 1 : last;
    }
}
