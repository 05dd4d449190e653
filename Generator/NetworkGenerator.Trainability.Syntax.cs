using System.Linq;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Keras' per-layer <c>trainable</c> (issue 10): the flags (from each attribute's <c>Trainable</c>), the layer graph the
    /// runtime plans frozen passes over, and <c>IsTrainable</c>/<c>SetTrainable</c> (<c>ITrainableLayers</c>).
    /// </summary>
    private static void WriteTrainability(IndentedWriter writer, EmitContext context)
    {
        var layers = context.Model.Layers;
        var names = string.Join(", ", layers.Select(l => StringLiteral(l.Name)));
        var hasWeights = string.Join(", ", layers.Select(l => l.Parameters.Any(p => p.Trainable) ? "true" : "false"));
        var inputs = string.Join(", ", layers.Select(l => "new int[] { " + string.Join(", ", l.Inputs.Select(i => Literal(i))) + " }"));
        var flags = string.Join(", ", layers.Select(l => l.Declaration.Trainable ? "true" : "false"));
        var count = Literal(layers.Count);
        writer.WriteLine("/// <summary>The layers as freezing sees them: names, which have trainable weights, which layers each reads (-1: the input).</summary>");
        writer.WriteLine($"private static readonly {RuntimeApi.LayerTrainability} Trainability = new {RuntimeApi.LayerTrainability}(");
        writer.WriteLine($"    new string[] {{ {names} }},");
        writer.WriteLine($"    new bool[] {{ {hasWeights} }},");
        writer.WriteLine($"    new int[][] {{ {inputs} }});");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Each layer's <c>Trainable</c> flag: the attribute's value until <see cref=\"SetTrainable\"/> changes it.</summary>");
        writer.WriteLine($"private readonly bool[] _layerTrainable = new bool[] {{ {flags} }};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The flags the last Forward ran with; its Backward follows them.</summary>");
        writer.WriteLine($"private readonly bool[] _forwardTrainable = new bool[{count}];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Layers whose backward step a training step runs: trainable weights in the layer or upstream of it.</summary>");
        writer.WriteLine($"private readonly bool[] _backwardNeeded = new bool[{count}];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Whether the optimizer updates <paramref name=\"layer\"/>'s weights (Keras' <c>layer.trainable</c>).</summary>");
        writer.WriteLine("/// <param name=\"layer\">A layer name, e.g. <c>conv2d</c>.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">No layer has that name.</exception>");
        writer.WriteLine("public bool IsTrainable(string layer) => _layerTrainable[Trainability.IndexOf(layer)];");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Freezes (<paramref name=\"trainable\"/> false) or unfreezes <paramref name=\"layer\"/> from the next Forward on: a frozen layer's");
        writer.WriteLine("/// weights are left by the trainer, its weight gradients are skipped when nothing upstream trains, and a frozen batch");
        writer.WriteLine("/// normalization uses its moving statistics while training (Keras 2.1+).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"layer\">A layer name, e.g. <c>conv2d</c>.</param>");
        writer.WriteLine("/// <param name=\"trainable\">False to freeze.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">No layer has that name.</exception>");
        writer.WriteLine("public void SetTrainable(string layer, bool trainable) => _layerTrainable[Trainability.IndexOf(layer)] = trainable;");
    }
}
