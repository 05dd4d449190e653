using System.Collections.Generic;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Layers whose Predict kernel reads a packed copy of their weights (their rule says so: Conv2D and Dense).</summary>
    internal static List<LayerModel> PackedLayers(NetworkModel model)
    {
        var layers = new List<LayerModel>();
        foreach (var layer in model.Layers)
        {
            if (LayerRules.For(layer).PacksWeights(layer))
            {
                layers.Add(layer);
            }
        }
        return layers;
    }

    /// <summary>The Conv2D layers of Predict's batch-1 plan (<see cref="DirectPlan"/>), which keep a second packed copy.</summary>
    private static List<LayerModel> DirectLayers(EmitContext context)
    {
        var layers = new List<LayerModel>();
        var direct = context.Inference.Direct;
        foreach (var layer in context.Inference.Graph.Layers)
        {
            if (direct.IsDirect[layer.Index])
            {
                layers.Add(layer);
            }
        }
        return layers;
    }

    /// <summary>
    /// Predict's packed copies of the Conv2D and Dense kernels, the version state that says whether they still match
    /// the weights, <c>MarkWeightsChanged</c>, and <c>PackWeights</c> which re-packs them (under a lock, so threads
    /// predicting at once pack once) when anything that may have written the weights ran since.
    /// </summary>
    private static void WritePackedWeights(IndentedWriter writer, EmitContext context)
    {
        var layers = PackedLayers(context.Model);
        writer.WriteLine("/// <summary>Lets LoadWeights replace the weights while other threads predict: each prediction sees the old or the new ones.</summary>");
        writer.WriteLine($"private readonly {RuntimeApi.WeightVersion} _weightVersion = new {RuntimeApi.WeightVersion}();");
        writer.WriteLine();
        if (layers.Count > 0)
        {
            writer.WriteLine("/// <summary>Whether the packed kernels below still match the weights (bumped by <see cref=\"MarkWeightsChanged\"/> and by every load).</summary>");
            writer.WriteLine($"private {RuntimeApi.PackedWeightState} _packedWeights => _weightVersion.PackedWeights;");
            writer.WriteLine();
            foreach (var layer in layers)
            {
                writer.WriteLine($"/// <summary>{XmlEscape(layer.Name)}'s kernel and bias as Predict's matrix kernel reads them.</summary>");
                writer.WriteLine($"private readonly {RuntimeApi.PackedKernel} {Locals.PackedField(layer)} = new {RuntimeApi.PackedKernel}();");
                writer.WriteLine();
            }
            foreach (var layer in DirectLayers(context))
            {
                var reader = context.Inference.Direct.IsWinograd[layer.Index] ? "Winograd convolution" : "direct convolution";
                writer.WriteLine($"/// <summary>{XmlEscape(layer.Name)}'s kernel and bias as Predict's batch-1 {reader} reads them.</summary>");
                writer.WriteLine($"private readonly {RuntimeApi.PackedKernel} {Locals.DirectField(layer)} = new {RuntimeApi.PackedKernel}();");
                writer.WriteLine();
            }
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Tells the network that its weights were written in a way it cannot see, so the next <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>");
        writer.WriteLine("/// re-packs its copies of the kernels. Getting <see cref=\"TrainableParameters\"/> and <see cref=\"LoadWeights(string)\"/> already");
        writer.WriteLine("/// call it; call it after writing through memory obtained earlier (a span kept across a Predict call, a <see cref=\"" + RuntimeApi.ParameterView + "\"/>'s memory).");
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
                writer.WriteLine($"{RuntimeApi.ReadOnlySpan} trainable = _trainable;");
                var body = new MethodBody(writer.Depth);
                var scope = new ForwardScope(context, body, tensor => throw new System.InvalidOperationException("Packing reads no tensor."), training: null);
                foreach (var layer in layers)
                {
                    LayerRules.For(layer).WritePack(scope, layer);
                }
                foreach (var layer in DirectLayers(context))
                {
                    var kernel = context.Inference.Direct.IsWinograd[layer.Index] ? RuntimeApi.WinogradConv2D : RuntimeApi.DirectConv2D;
                    scope.Writer.WriteLine($"{kernel}.Pack({Locals.Geometry(layer)}, {scope.Weights(layer, "kernel")}, {scope.OptionalWeights(layer, "bias")}, {Locals.DirectField(layer)});");
                }
                body.WriteTo(writer);
                writer.WriteLine("_packedWeights.MarkPacked(version);");
            }
        }
    }
}
