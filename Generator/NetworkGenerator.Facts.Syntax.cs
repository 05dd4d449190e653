using System.Collections.Generic;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The model's compile-time facts as constants: multiply-adds and activation floats per sample.</summary>
    private static void WriteFactConstants(IndentedWriter writer, NetworkModel model)
    {
        writer.WriteLine($"/// <summary>Multiply-adds of one sample's forward pass (convolutions and matrix products; PyTorch's FLOP counters count two FLOPs each): {BudgetChecks.Count(model.MultiplyAddsPerSample())}.</summary>");
        writer.WriteLine($"public const long MultiplyAddsPerSample = {Literal(model.MultiplyAddsPerSample())}L;");
        writer.WriteLine();
        var floats = model.ActivationFloatsPerSample();
        writer.WriteLine($"/// <summary>Floats of activations one sample writes, every layer's own output as a training Forward keeps them: {BudgetChecks.Count(floats)} = {XmlEscape(BudgetChecks.Bytes(floats * ModelFacts.BytesPerFloat))}.</summary>");
        writer.WriteLine($"public const long ActivationFloatsPerSample = {Literal(floats)}L;");
        writer.WriteLine();
    }

    /// <summary>The layer with the largest activation, as runtime out-of-memory messages name it: <c>conv2d's output 1080x1920x32</c>.</summary>
    private static string LargestTensor(NetworkModel model)
    {
        LayerModel? largest = null;
        foreach (var layer in model.Layers)
        {
            if (largest is null || layer.OutputShape.Size > largest.OutputShape.Size)
            {
                largest = layer;
            }
        }
        return largest is null ? "the input " + model.InputShape : $"{largest.Name}'s output {largest.OutputShape}";
    }

    /// <summary>The object initializer that adds a layer's facts to its <c>LayerInfo</c>.</summary>
    private static string LayerFactsInitializer(LayerModel layer)
    {
        var facts = ModelFacts.Of(layer);
        return $"MultiplyAdds = {Literal(facts.MultiplyAdds)}L, ActivationFloats = {Literal(facts.ActivationFloats)}L";
    }

    /// <summary>
    /// The facts below Keras' table, in the style of its "Total params" block and after it, so the table itself still
    /// matches Keras row by row.
    /// </summary>
    internal static IEnumerable<string> SummaryFactLines(NetworkModel model, int width)
    {
        var floats = model.ActivationFloatsPerSample();
        yield return "Multiply-adds per sample: " + BudgetChecks.Count(model.MultiplyAddsPerSample());
        yield return "Activations per sample: " + BudgetChecks.Count(floats) + " floats = " + BudgetChecks.Bytes(floats * ModelFacts.BytesPerFloat);
        yield return new string('_', width);
    }
}
