using System.Globalization;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Sizes and shapes as constants, plus the explicit <c>INetwork</c> members they would clash with.</summary>
    private static void WriteConstants(IndentedWriter writer, EmitContext context)
    {
        var model = context.Model;
        var total = model.ParameterCount;
        var trainable = context.Parameters.TrainableCount;
        writer.WriteLine($"/// <summary>All parameters, trainable or not (Keras' <c>count_params()</c>): {total.ToString("N0", CultureInfo.InvariantCulture)}.</summary>");
        writer.WriteLine($"public const int ParameterCount = {Literal(total)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Parameters the optimizer updates (all but batch normalization's moving statistics); the length of <see cref=\"TrainableParameters\"/>.</summary>");
        writer.WriteLine($"public const int TrainableParameterCount = {Literal(trainable)};");
        writer.WriteLine();
        WriteFactConstants(writer, model);
        writer.WriteLine($"/// <summary>Floats per input sample ({XmlEscape(model.InputShape.ToString())}).</summary>");
        writer.WriteLine($"public const int InputSize = {Literal(model.InputShape.Size)};");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Floats per output sample ({XmlEscape(model.OutputShape.ToString())}).</summary>");
        writer.WriteLine($"public const int OutputSize = {Literal(model.OutputShape.Size)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Most samples <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> runs through the network at once:");
        writer.WriteLine("/// larger inputs are cut into chunks of this size (sized so one chunk's activations stay in cache), which run on");
        writer.WriteLine("/// up to <see cref=\"" + RuntimeApi.KernelOptionsMaxThreads + "\"/> threads.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine($"public const int PredictChunk = {Literal(context.Inference.ChunkSamples)};");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Shape of one input sample: {XmlEscape(model.InputShape.ToString())}.</summary>");
        writer.WriteLine($"public static {RuntimeApi.TensorShape} InputShape => {ShapeExpression(model.InputShape)};");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Shape of one output sample: {XmlEscape(model.OutputShape.ToString())}.</summary>");
        writer.WriteLine($"public static {RuntimeApi.TensorShape} OutputShape => {ShapeExpression(model.OutputShape)};");
        writer.WriteLine();
        writer.WriteLine($"{RuntimeApi.TensorShape} {RuntimeApi.INetwork}.InputShape => InputShape;");
        writer.WriteLine();
        writer.WriteLine($"{RuntimeApi.TensorShape} {RuntimeApi.INetwork}.OutputShape => OutputShape;");
        writer.WriteLine();
        writer.WriteLine($"int {RuntimeApi.INetwork}.ParameterCount => ParameterCount;");
    }

    /// <summary>Keras' <c>model.summary()</c> table as a constant, one line per string piece.</summary>
    private static void WriteSummary(IndentedWriter writer, EmitContext context)
    {
        var lines = SummaryLines(context.Model);
        writer.WriteLine("/// <summary>The layer table in Keras 2's <c>model.summary()</c> layout.</summary>");
        writer.WriteLine("public const string Summary =");
        writer.Indent();
        for (var i = 0; i < lines.Count; i++)
        {
            var last = i == lines.Count - 1;
            writer.WriteLine(StringLiteral(last ? lines[i] : lines[i] + "\n") + (last ? ";" : " +"));
        }
        writer.Unindent();
    }

    /// <summary>The static <c>Layers</c> list: name, kind, shapes, parameter count and inputs of each layer.</summary>
    private static void WriteLayers(IndentedWriter writer, EmitContext context)
    {
        var model = context.Model;
        writer.WriteLine("/// <summary>Every layer in declaration order: name, kind, input and output shape, parameter count, the layers it reads, its arguments, multiply-adds and activation floats.</summary>");
        writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{RuntimeApi.LayerInfo}> Layers {{ get; }} = global::System.Array.AsReadOnly(new {RuntimeApi.LayerInfo}[]");
        writer.WriteLine("{");
        writer.Indent();
        foreach (var layer in model.Layers)
        {
            var inputs = new string[layer.Inputs.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = StringLiteral(InputName(model, layer.Inputs[i]));
            }
            var entries = LayerRules.For(layer.Kind).Config(layer).Entries;
            var config = new string[entries.Count];
            for (var i = 0; i < config.Length; i++)
            {
                config[i] = $"{{ {StringLiteral(entries[i].Key)}, {StringLiteral(entries[i].Value)} }}";
            }
            var configInitializer = config.Length == 0 ? "" : $"Config = new global::System.Collections.Generic.Dictionary<string, string> {{ {string.Join(", ", config)} }}, ";
            var initializer = $"{{ {configInitializer}{LayerFactsInitializer(layer)} }}";
            writer.WriteLine($"new {RuntimeApi.LayerInfo}({StringLiteral(layer.Name)}, {StringLiteral(layer.Kind.ToString())}, " +
                $"{ShapeExpression(layer.InputShape)}, {ShapeExpression(layer.OutputShape)}, {Literal(layer.ParameterCount)}, new string[] {{ {string.Join(", ", inputs)} }}) {initializer},");
        }
        writer.Unindent();
        writer.WriteLine("});");
        writer.WriteLine();
        writer.WriteLine($"global::System.Collections.Generic.IReadOnlyList<{RuntimeApi.LayerInfo}> {RuntimeApi.INetwork}.Layers => Layers;");
    }
}
