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

    /// <summary>Whether <paramref name="reader"/> is the only layer that reads <paramref name="tensor"/>, directly or through an alias.</summary>
    public bool OnlyReader(int tensor, int reader)
    {
        for (var j = 0; j < Layers.Length; j++)
        {
            if (j == reader)
            {
                continue;
            }
            foreach (var input in Layers[j].Inputs)
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
