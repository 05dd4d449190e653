using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Layers whose Predict kernel reads a <c>PackedKernel</c> (Conv2D and Dense: the matrix kernels that pack their weights).</summary>
    internal static List<LayerModel> PackedLayers(NetworkModel model)
    {
        var layers = new List<LayerModel>();
        foreach (var layer in model.Layers)
        {
            if (layer.Kind is LayerKind.Conv2D or LayerKind.Dense)
            {
                layers.Add(layer);
            }
        }
        return layers;
    }

    /// <summary>The field holding a layer's packed kernel: <c>_conv2d1Packed</c>.</summary>
    internal static string PackedField(LayerModel layer) => "_" + Locals.Camel(layer).TrimStart('_') + "Packed";

    /// <summary>
    /// Predict's packed copies of the Conv2D and Dense kernels, the version state that says whether they still match
    /// the weights, <c>MarkWeightsChanged</c>, and <c>PackWeights</c> which re-packs them (under a lock, so threads
    /// predicting at once pack once) when anything that may have written the weights ran since.
    /// </summary>
    private static void WritePackedWeights(IndentedWriter writer, EmitContext context)
    {
        var layers = PackedLayers(context.Model);
        if (layers.Count > 0)
        {
            writer.WriteLine("/// <summary>Whether the packed kernels below still match the weights (bumped by <see cref=\"MarkWeightsChanged\"/>).</summary>");
            writer.WriteLine("private readonly global::Generated.CompilerServices.PackedWeightState _packedWeights = new global::Generated.CompilerServices.PackedWeightState();");
            writer.WriteLine();
            foreach (var layer in layers)
            {
                writer.WriteLine($"/// <summary>{XmlEscape(layer.Name)}'s kernel and bias as Predict's matrix kernel reads them.</summary>");
                writer.WriteLine($"private readonly global::Generated.CompilerServices.PackedKernel {PackedField(layer)} = new global::Generated.CompilerServices.PackedKernel();");
                writer.WriteLine();
            }
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Tells the network that its weights were written in a way it cannot see, so the next <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>");
        writer.WriteLine("/// re-packs its copies of the kernels. Getting <see cref=\"TrainableParameters\"/> and <see cref=\"LoadWeights(string)\"/> already");
        writer.WriteLine("/// call it; call it after writing through memory obtained earlier (a span kept across a Predict call, a <see cref=\"global::Generated.ParameterView\"/>'s memory).");
        writer.WriteLine("/// </summary>");
        if (layers.Count == 0)
        {
            using (writer.WriteBlock("public void MarkWeightsChanged()"))
            {
                writer.WriteLine("// No layer of this network keeps a packed copy of its weights: Predict always reads them directly.");
            }
            return;
        }
        writer.WriteLine("public void MarkWeightsChanged() => _packedWeights.Invalidate();");
        writer.WriteLine();

        writer.WriteLine("/// <summary>Packs every Conv2D and Dense kernel for Predict unless the copies already match the weights.</summary>");
        using (writer.WriteBlock("private void PackWeights()"))
        {
            using (writer.WriteBlock("if (_packedWeights.IsCurrent)"))
            {
                writer.WriteLine("return;");
            }
            using (writer.WriteBlock("lock (_packedWeights)"))
            {
                writer.WriteLine("var version = _packedWeights.Version;");
                using (writer.WriteBlock("if (_packedWeights.IsCurrent)"))
                {
                    writer.WriteLine("return;");
                }
                writer.WriteLine($"{Names.ReadOnlySpan} trainable = _trainable;");
                var parameters = context.Parameters;
                foreach (var layer in layers)
                {
                    var kernel = parameters.Get(layer, "kernel").Span;
                    var bias = parameters.Find(layer, "bias")?.Span ?? Names.ReadOnlySpan + ".Empty";
                    var field = PackedField(layer);
                    writer.WriteLine(layer.Kind == LayerKind.Dense
                        ? $"{Names.Kernels}Dense.Pack({Literal(layer.InputShape.Channels)}, {Literal(layer.OutputShape.Channels)}, {kernel}, {bias}, {field});"
                        : $"{Names.Kernels}Conv2D.Pack(in Geometry.{LayerNames.ToIdentifier(layer.Name)}, {kernel}, {bias}, {field});");
                }
                writer.WriteLine("_packedWeights.MarkPacked(version);");
            }
        }
    }
}
