using System;
using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The network input as a tensor id; layer <c>i</c>'s output is tensor <c>i</c>.</summary>
    internal const int NetworkInput = -1;

    /// <summary>
    /// Which tensors share memory and which layer reads what, computed once per model at emit time.
    /// Flatten and Reshape always alias their input (NHWC memory already is the new shape); Dropout
    /// aliases it at inference. A tensor's <em>root</em> is the tensor whose memory it uses.
    /// </summary>
    internal sealed class Graph
    {
        private readonly int[] _root;

        public Graph(NetworkModel model, bool inference)
        {
            Model = model;
            Layers = model.Layers.AsSpan().ToArray();
            _root = new int[Layers.Length + 1];
            _root[0] = NetworkInput;
            for (var i = 0; i < Layers.Length; i++)
            {
                _root[i + 1] = IsAlias(Layers[i], inference) ? Root(Layers[i].Inputs[0]) : i;
            }
            FinalRoot = Layers.Length == 0 ? NetworkInput : Root(Layers.Length - 1);
        }

        public NetworkModel Model { get; }

        public LayerModel[] Layers { get; }

        /// <summary>The root of the network's output.</summary>
        public int FinalRoot { get; }

        public int Root(int tensor) => _root[tensor + 1];

        /// <summary>Floats per sample of a tensor.</summary>
        public int Size(int tensor) => (int)(tensor == NetworkInput ? Model.InputShape.Size : Layers[tensor].OutputShape.Size);

        public static bool IsAlias(LayerModel layer, bool inference) =>
            layer.Kind is LayerKind.Flatten or LayerKind.Reshape || (inference && layer.Kind == LayerKind.Dropout);

        /// <summary>The last layer that reads <paramref name="root"/>'s memory (directly or through an alias).</summary>
        public int LastUse(int root)
        {
            var last = root;
            for (var i = 0; i < Layers.Length; i++)
            {
                foreach (var input in Layers[i].Inputs)
                {
                    if (Root(input) == root)
                    {
                        last = Math.Max(last, i);
                    }
                }
            }
            return last;
        }
    }

    /// <summary>
    /// Offsets of per-sample regions in one buffer: a region of <c>size</c> floats per sample at
    /// <c>offset</c> occupies <c>[offset * n, (offset + size) * n)</c> for a batch of <c>n</c>.
    /// </summary>
    internal sealed class Arena
    {
        private readonly List<(int Offset, int Size, int From, int To)> _regions = new();

        /// <summary>Floats per sample of the whole buffer.</summary>
        public int Size { get; private set; }

        /// <summary>
        /// Places a region used from step <paramref name="from"/> to <paramref name="to"/> (inclusive) at the
        /// lowest offset that no region alive during that interval covers (first fit).
        /// </summary>
        public int Place(int size, int from = 0, int to = int.MaxValue)
        {
            var offset = 0;
            var moved = true;
            while (moved)
            {
                moved = false;
                foreach (var region in _regions)
                {
                    var liveTogether = region.From <= to && from <= region.To;
                    var overlaps = region.Offset < offset + size && offset < region.Offset + region.Size;
                    if (liveTogether && overlaps && size > 0)
                    {
                        offset = region.Offset + region.Size;
                        moved = true;
                    }
                }
            }
            _regions.Add((offset, size, from, to));
            Size = Math.Max(Size, offset + size);
            return offset;
        }
    }

    /// <summary>
    /// Predict's memory: each computed tensor gets a region of a thread-static workspace only while it is
    /// needed (its producer to its last reader); the output is written straight into the caller's span.
    /// </summary>
    internal sealed class InferencePlan
    {
        public InferencePlan(NetworkModel model)
        {
            Graph = new Graph(model, inference: true);
            ActivationsIntoNext = FindActivationsIntoNext(Graph);
            var arena = new Arena();
            Offsets = new int[Graph.Layers.Length];
            for (var i = 0; i < Graph.Layers.Length; i++)
            {
                if (Graph.Root(i) == i && i != Graph.FinalRoot && !ActivationsIntoNext[i])
                {
                    Offsets[i] = arena.Place(Graph.Size(i), i, LastUse(i));
                }
            }
            WorkspaceSize = arena.Size;
            ChunkSamples = ChunkFor(WorkspaceSize, model.InputShape.Size + model.OutputShape.Size);
        }

        /// <summary>Floats one chunk's activations (workspace, input and output) aim at: what stays in a core's L2 cache.</summary>
        internal const int ChunkTargetFloats = 256 * 1024;

        /// <summary>Most samples per chunk, however small the network.</summary>
        internal const int MaxChunkSamples = 128;

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

        public Graph Graph { get; }

        /// <summary>
        /// Per layer: a stand-alone activation whose only reader is the batch normalization right after it, which
        /// applies it in its own pass (<c>BatchNormalization.ForwardInference</c> with an input activation). Such a
        /// layer has no kernel call and no memory of its own; its reader reads the activation's input instead.
        /// </summary>
        public bool[] ActivationsIntoNext { get; }

        /// <summary>
        /// The last Predict step that reads <paramref name="root"/>'s memory: as <see cref="Graph.LastUse"/>, except that an
        /// activation applied by the next layer hands its reading of its input on to that layer.
        /// </summary>
        private int LastUse(int root)
        {
            var last = Graph.LastUse(root);
            return last < ActivationsIntoNext.Length && ActivationsIntoNext[last] ? last + 1 : last;
        }

        /// <summary>
        /// Activation layers (not Softmax, which normalizes across channels) that <see cref="ActivationsIntoNext"/> marks:
        /// followed by a BatchNormalization that reads their output directly and is its only reader, and not the network's output.
        /// </summary>
        private static bool[] FindActivationsIntoNext(Graph graph)
        {
            var layers = graph.Layers;
            var fused = new bool[layers.Length];
            for (var i = 0; i + 1 < layers.Length; i++)
            {
                var layer = layers[i];
                var next = layers[i + 1];
                var activation = layer.Kind is LayerKind.Activation or LayerKind.ReLU or LayerKind.LeakyReLU
                    && StandaloneActivation(layer) != ActivationKind.Softmax;
                fused[i] = activation && next.Kind == LayerKind.BatchNormalization && next.Inputs.Count == 1 && next.Inputs[0] == i
                    && graph.Root(i) == i && i != graph.FinalRoot && graph.LastUse(i) == i + 1 && OnlyReader(graph, i, i + 1);
            }
            return fused;
        }

        /// <summary>Whether <paramref name="reader"/> is the only layer that reads <paramref name="tensor"/>, directly or through an alias.</summary>
        private static bool OnlyReader(Graph graph, int tensor, int reader)
        {
            for (var j = 0; j < graph.Layers.Length; j++)
            {
                if (j == reader)
                {
                    continue;
                }
                foreach (var input in graph.Layers[j].Inputs)
                {
                    if (graph.Root(input) == tensor)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        /// <summary>Samples per Predict chunk (the generated <c>PredictChunk</c>).</summary>
        public int ChunkSamples { get; }

        /// <summary>Per-sample offset of each root tensor in the workspace.</summary>
        public int[] Offsets { get; }

        public int WorkspaceSize { get; }
    }

    /// <summary>
    /// Forward/Backward's memory: every tensor kept for Backward (input copy, layer outputs, Swish
    /// pre-activations, dropout masks, layer-normalization statistics) in one forward buffer, and one
    /// gradient region per root tensor plus two scratch regions in a backward buffer.
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
            PreActivationOffsets = new int[layers.Length];
            MaskOffsets = new int[layers.Length];
            RowStatisticsOffsets = new int[layers.Length];
            StatisticsOffsets = new int[layers.Length];

            ActivationOffsets[0] = forward.Place(Graph.Size(NetworkInput));
            GradientOffsets[0] = backward.Place(Graph.Size(NetworkInput));
            var largest = Graph.Size(NetworkInput);
            var statistics = 0;
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
                if (i != Graph.FinalRoot)
                {
                    GradientOffsets[i + 1] = backward.Place(size);
                }
                if (HasSwish(layer))
                {
                    PreActivationOffsets[i] = forward.Place(size);
                }
                if (layer.Kind == LayerKind.Dropout)
                {
                    MaskOffsets[i] = forward.Place(size);
                }
                if (layer.Kind == LayerKind.LayerNormalization)
                {
                    // Mean and inverse standard deviation per row (pixel) of the sample.
                    var rows = layer.InputShape.Height * layer.InputShape.Width;
                    RowStatisticsOffsets[i] = forward.Place(2 * rows);
                }
                if (layer.Kind == LayerKind.BatchNormalization)
                {
                    StatisticsOffsets[i] = statistics;
                    statistics += 2 * layer.InputShape.Channels;
                }
            }
            DeltaOffset = backward.Place(largest);
            AccumulatorOffset = backward.Place(largest);
            Largest = largest;
            ForwardSize = forward.Size;
            BackwardSize = backward.Size;
            StatisticsSize = statistics;
        }

        public Graph Graph { get; }

        /// <summary>Per-sample offset of tensor <c>t</c> at index <c>t + 1</c> (the network input first).</summary>
        public int[] ActivationOffsets { get; }

        /// <summary>Per-sample offset of the gradient of root tensor <c>t</c> at index <c>t + 1</c>.</summary>
        public int[] GradientOffsets { get; }

        public int[] PreActivationOffsets { get; }

        public int[] MaskOffsets { get; }

        /// <summary>Layer normalization's saved statistics per sample: mean per row, then inverse std per row.</summary>
        public int[] RowStatisticsOffsets { get; }

        /// <summary>Batch normalization's saved mean and inverse std (per channel, not per sample).</summary>
        public int[] StatisticsOffsets { get; }

        /// <summary>Scratch for a gradient through a fused activation.</summary>
        public int DeltaOffset { get; }

        /// <summary>Scratch for an input gradient that must be added to one already written (fan-out).</summary>
        public int AccumulatorOffset { get; }

        public int Largest { get; }

        public int ForwardSize { get; }

        public int BackwardSize { get; }

        public int StatisticsSize { get; }
    }

    /// <summary>Conv/Dense with Swish run the activation separately: its backward needs the pre-activation.</summary>
    internal static bool HasSwish(LayerModel layer) =>
        HasWeights(layer) && layer.Declaration.Activation == ActivationKind.Swish;

    internal static bool HasWeights(LayerModel layer) =>
        layer.Kind is LayerKind.Conv2D or LayerKind.Conv2DTranspose or LayerKind.Dense;
}
