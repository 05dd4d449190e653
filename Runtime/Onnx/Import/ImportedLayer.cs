using System.Collections.Generic;

namespace Generated.Onnx.Import;

/// <summary>One layer of the declaration being written: its attribute (kind, arguments), its weights, its origin.</summary>
internal sealed class ImportedLayer
{
    public ImportedLayer(string kind, string prefix, string origin)
    {
        Kind = kind;
        Prefix = prefix;
        Origin = origin;
    }

    /// <summary>The attribute name: <c>Conv2D</c>, <c>MaxPooling2D</c>, ... (an Add divided by its count becomes an <c>Average</c>).</summary>
    public string Kind { get; set; }

    /// <summary>Keras' automatic name prefix (<c>conv2d</c>), for the name the generator will give it.</summary>
    public string Prefix { get; set; }

    /// <summary>The ONNX node(s) it came from, for the comment after its attribute.</summary>
    public string Origin { get; set; }

    /// <summary>Positional arguments, already C# text.</summary>
    public List<string> Positional { get; } = new();

    /// <summary>Named arguments (<c>Strides = 2</c>), already C# text.</summary>
    public List<string> Named { get; } = new();

    /// <summary>A merge's inputs in order (null: the network input); empty for other layers.</summary>
    public List<ImportedLayer?> MergeInputs { get; } = new();

    /// <summary>Set when the layer reads another layer than the one before it: <c>Input = "name"</c>.</summary>
    public bool ReadsOther { get; set; }

    /// <summary>The layer it reads when <see cref="ReadsOther"/> (null: the network input).</summary>
    public ImportedLayer? InputFrom { get; set; }

    /// <summary>Whether an activation may still fold into it (a convolution or Dense without one yet).</summary>
    public bool TakesActivation { get; set; }

    /// <summary>Set when another layer merges with this one: it then gets an explicit name.</summary>
    public string? ExplicitName { get; set; }

    /// <summary>The name the generator gives it (assigned when the declaration is rendered).</summary>
    public string Name { get; set; } = "";

    /// <summary>Weight tensors by suffix (<c>kernel</c>, <c>bias</c>, <c>gamma</c>, ...), in the contract's layouts.</summary>
    public List<(string Suffix, int[] Shape, float[] Values)> Tensors { get; } = new();
}
