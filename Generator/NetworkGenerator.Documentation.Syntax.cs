using System.Globalization;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// The class's XML doc: a one-line description and the layer table, so hovering the class in an
    /// IDE shows what the attributes expand to.
    /// </summary>
    private static void WriteDocumentation(IndentedWriter writer, EmitContext context)
    {
        var model = context.Model;
        var total = model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture);
        var trainable = context.Parameters.TrainableCount.ToString("N0", CultureInfo.InvariantCulture);
        writer.WriteLine("/// <summary>");
        writer.WriteLine($"/// Generated network: {XmlEscape(model.InputShape.ToString())} in, {XmlEscape(model.OutputShape.ToString())} out, {total} parameters ({trainable} trainable);");
        writer.WriteLine($"/// per sample {BudgetChecks.Count(model.MultiplyAddsPerSample())} multiply-adds and {BudgetChecks.Count(model.ActivationFloatsPerSample())} activation floats.");
        writer.WriteLine("/// <list type=\"table\">");
        writer.WriteLine("/// <listheader><term>Layer (type)</term><description>Output shape: parameters; per sample multiply-adds, activation floats</description></listheader>");
        writer.WriteLine($"/// <item><term>{LayerNames.Input} (input)</term><description>{XmlEscape(model.InputShape.ToKerasString())}</description></item>");
        foreach (var layer in model.Layers)
        {
            var inputs = "";
            if (layer.Inputs.Count > 1)
            {
                var names = new string[layer.Inputs.Count];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = InputName(model, layer.Inputs[i]);
                }
                inputs = " from " + string.Join(" + ", names);
            }
            var facts = ModelFacts.Of(layer);
            var text = $"{layer.OutputShape.ToKerasString()}: {Literal(layer.ParameterCount)}; {BudgetChecks.Count(facts.MultiplyAdds)} multiply-adds, {BudgetChecks.Count(facts.ActivationFloats)} floats{inputs}";
            writer.WriteLine($"/// <item><term>{XmlEscape(layer.Name)} ({layer.Kind})</term><description>{XmlEscape(text)}</description></item>");
        }
        writer.WriteLine("/// </list>");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <remarks>");
        writer.WriteLine("/// Expanded by Generated.Generator from the <c>[Network]</c> and layer attributes: <see cref=\"Summary\"/> is");
        writer.WriteLine("/// the table in Keras' <c>model.summary()</c> layout, <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>");
        writer.WriteLine("/// runs inference, <see cref=\"Forward\"/>/<see cref=\"Backward\"/> train, and <see cref=\"SaveWeights(string)\"/>/<see cref=\"LoadWeights(string)\"/>");
        writer.WriteLine("/// store the parameters as safetensors with Keras' names and layouts.");
        writer.WriteLine("/// </remarks>");
    }
}
