using System.Linq;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// <c>LayerOutput(name)</c>: a layer's output from the last Forward, a slice of the forward buffer where the training
    /// plan keeps every root tensor for Backward. Predict's workspace reuses regions, so only Forward's outputs are read.
    /// </summary>
    private static void WriteLayerOutput(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        var names = StringLiteral(string.Join(", ", graph.Layers.Select(layer => layer.Name)));
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The output of the layer named <paramref name=\"name\"/> for the samples of the last <see cref=\"Forward\"/>: NHWC,");
        writer.WriteLine("/// <c>Layers[i].OutputShape.Size</c> floats per sample, valid until the next Forward (Backward leaves it). Allocates");
        writer.WriteLine("/// nothing. Predict keeps no layer outputs (its workspace reuses their memory): to look inside the network at");
        writer.WriteLine("/// inference, run <c>Forward(input, training: false)</c> and read them here.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"name\">A layer name from <see cref=\"Layers\"/>, e.g. <c>conv2d_1</c>.</param>");
        writer.WriteLine("/// <returns>The layer's output, the samples one after another.</returns>");
        writer.WriteLine($"/// <exception cref=\"{RuntimeApi.InvalidOperationException}\">No Forward ran yet, or the layer feeds nothing the output depends on (Forward does not compute it).</exception>");
        writer.WriteLine($"/// <exception cref=\"{RuntimeApi.ArgumentException}\">No layer has that name.</exception>");
        using (writer.WriteBlock($"public {RuntimeApi.ReadOnlySpan} LayerOutput(string name)"))
        {
            writer.WriteLine("var n = _batch;");
            using (writer.WriteBlock("if (n == 0)"))
            {
                writer.WriteLine($"throw new {RuntimeApi.InvalidOperationException}(\"LayerOutput reads the layer outputs the last Forward kept, and no Forward ran on this instance yet: call Forward(input, training: false) first (Predict keeps no layer outputs).\");");
            }
            writer.WriteLine($"{RuntimeApi.ReadOnlySpan} forward = _forwardBuffer;");
            using (writer.WriteBlock("switch (name)"))
            {
                foreach (var layer in graph.Layers)
                {
                    writer.WriteLine($"case {StringLiteral(layer.Name)}:");
                    writer.Indent();
                    if (!graph.Live[layer.Index])
                    {
                        var message = $"Layer '{layer.Name}' feeds nothing the network's output depends on, so Forward does not compute it; read a layer on the path to the output.";
                        writer.WriteLine($"throw new {RuntimeApi.InvalidOperationException}({StringLiteral(message)});");
                    }
                    else
                    {
                        var root = graph.Root(layer.Index);
                        var offset = root == Graph.NetworkInput ? plan.ActivationOffsets[0] : plan.ActivationOffsets[root + 1];
                        var comment = root == layer.Index ? "" : " // shares its input's memory";
                        writer.WriteLine($"return forward.{Region(offset, graph.Size(layer.Index))};{comment}");
                    }
                    writer.Unindent();
                }
                writer.WriteLine("default:");
                writer.Indent();
                writer.WriteLine($"throw new {RuntimeApi.ArgumentException}(\"No layer is named '\" + name + \"'; the layers are: \" + {names} + \".\", nameof(name));");
                writer.Unindent();
            }
        }
    }
}
