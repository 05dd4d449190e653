using System;
using Generated.Model;

namespace Generated.Generator;

/// <summary>
/// Which tensors share memory and which layer reads what, computed once per model at emit time.
/// A layer whose rule says it aliases its input (Flatten and Reshape always, Dropout at inference) has no memory
/// of its own: NHWC memory already is the new shape. A tensor's <em>root</em> is the tensor whose memory it uses.
/// </summary>
internal sealed class Graph
{
    /// <summary>The network input as a tensor id; layer <c>i</c>'s output is tensor <c>i</c>.</summary>
    public const int NetworkInput = -1;

    private readonly int[] _root;

    private readonly bool[] _gradient;

    public Graph(NetworkModel model, bool inference)
    {
        Model = model;
        Layers = model.Layers.AsSpan().ToArray();
        _root = new int[Layers.Length + 1];
        _root[0] = NetworkInput;
        for (var i = 0; i < Layers.Length; i++)
        {
            _root[i + 1] = LayerRules.For(Layers[i]).AliasesInput(Layers[i], inference) ? Root(Layers[i].Inputs[0]) : i;
        }
        FinalRoot = Layers.Length == 0 ? NetworkInput : Root(Layers.Length - 1);
        Live = new bool[Layers.Length];
        if (Layers.Length > 0)
        {
            Live[Layers.Length - 1] = true;
        }
        for (var i = Layers.Length - 1; i >= 0; i--)
        {
            if (!Live[i])
            {
                continue;
            }
            foreach (var input in Reads(Layers[i]))
            {
                if (input >= 0)
                {
                    Live[input] = true;
                }
            }
        }
        _gradient = GradientFlow();
    }

    /// <summary>
    /// Per tensor (index <c>t + 1</c>, the network input first): whether a gradient reaches it in Backward, from the
    /// output through layers that differentiate their <see cref="LayerModel.Inputs"/> (not their <see cref="LayerModel.Reads"/>).
    /// A live layer that is only read for positions (a MaxPooling2D whose output only a max-unpooling reads) gets none,
    /// so its backward is left out. The network input always gets one: every layer's main input is in its Inputs, so the
    /// output's chain of main inputs leads back to it.
    /// </summary>
    public bool ReceivesGradient(int tensor) => _gradient[Root(tensor) + 1];

    private bool[] GradientFlow()
    {
        var gradient = new bool[Layers.Length + 1];
        gradient[FinalRoot + 1] = true;
        for (var i = Layers.Length - 1; i >= 0; i--)
        {
            if (Root(i) != i || !gradient[i + 1] || !Live[i])
            {
                continue; // an alias's readers reach its root directly
            }
            foreach (var input in Layers[i].Inputs)
            {
                gradient[Root(input) + 1] = true;
            }
        }
        return gradient;
    }

    /// <summary>
    /// Per layer: whether the network's output depends on it. A layer whose output nothing reads (NNG0028), and what
    /// only it reads, is left out of Predict, Forward and Backward (Keras leaves it out of the model); its weights stay.
    /// </summary>
    public bool[] Live { get; }

    /// <summary>Every tensor <paramref name="layer"/> reads: its inputs, then what it reads without a gradient (<see cref="LayerModel.Reads"/>).</summary>
    public static System.Collections.Generic.IEnumerable<int> Reads(LayerModel layer)
    {
        foreach (var input in layer.Inputs)
        {
            yield return input;
        }
        foreach (var read in layer.Reads)
        {
            yield return read;
        }
    }

    public NetworkModel Model { get; }

    public LayerModel[] Layers { get; }

    /// <summary>The root of the network's output.</summary>
    public int FinalRoot { get; }

    public int Root(int tensor) => _root[tensor + 1];

    /// <summary>Floats per sample of a tensor.</summary>
    public int Size(int tensor) => (int)(tensor == NetworkInput ? Model.InputShape.Size : Layers[tensor].OutputShape.Size);

    /// <summary>The last layer that reads <paramref name="root"/>'s memory (directly or through an alias).</summary>
    public int LastUse(int root)
    {
        var last = root;
        for (var i = 0; i < Layers.Length; i++)
        {
            foreach (var input in Reads(Layers[i]))
            {
                if (Root(input) == root)
                {
                    last = Math.Max(last, i);
                }
            }
        }
        return last;
    }

    /// <summary>Whether <paramref name="reader"/> is the only layer that reads <paramref name="tensor"/>, directly or through an alias.</summary>
    public bool OnlyReader(int tensor, int reader)
    {
        for (var j = 0; j < Layers.Length; j++)
        {
            if (j == reader)
            {
                continue;
            }
            foreach (var input in Reads(Layers[j]))
            {
                if (Root(input) == tensor)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
