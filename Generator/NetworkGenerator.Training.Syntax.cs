using System.Collections.Generic;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The training forward pass: instance buffers sized once per batch size, every activation kept for Backward.</summary>
    private static void WriteForward(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        var hasBatchNormalization = context.Has(LayerKind.BatchNormalization);
        writer.WriteLine("/// <summary>Floats per sample of the activations Forward keeps for Backward.</summary>");
        writer.WriteLine($"private const int ForwardBufferSize = {Literal(plan.ForwardSize)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Floats per sample of the gradients Backward computes (one region per tensor, plus scratch).</summary>");
        writer.WriteLine($"private const int BackwardBufferSize = {Literal(plan.BackwardSize)};");
        writer.WriteLine();
        writer.WriteLine("private float[] _forwardBuffer = global::System.Array.Empty<float>();");
        writer.WriteLine();
        writer.WriteLine("private float[] _backwardBuffer = global::System.Array.Empty<float>();");
        writer.WriteLine();
        if (plan.StatisticsSize > 0)
        {
            writer.WriteLine("/// <summary>Batch normalization's batch mean and inverse std per channel, saved by Forward for Backward.</summary>");
            writer.WriteLine($"private readonly float[] _batchStatistics = new float[{Literal(plan.StatisticsSize)}];");
            writer.WriteLine();
        }
        writer.WriteLine("/// <summary>Samples the forward buffer holds room for (the backward buffer follows at the next Backward); they grow only when a larger batch arrives.</summary>");
        writer.WriteLine("private int _capacity;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Samples of the last Forward (0 before the first), whose activations Backward uses.</summary>");
        writer.WriteLine("private int _batch;");
        writer.WriteLine();
        if (hasBatchNormalization)
        {
            writer.WriteLine("/// <summary>Whether the last Forward used batch statistics (Backward through batch normalization needs them).</summary>");
            writer.WriteLine("private bool _forwardTraining;");
            writer.WriteLine();
        }

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Runs the network on <c>input.Length / InputSize</c> samples and keeps the activations for <see cref=\"Backward\"/>.");
        writer.WriteLine("/// With <paramref name=\"training\"/>, dropout is active and batch normalization uses (and updates the moving");
        writer.WriteLine("/// averages from) batch statistics. Allocates only when the batch is larger than any before.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"input\">Samples of <see cref=\"InputSize\"/> floats each, NHWC.</param>");
        writer.WriteLine("/// <param name=\"training\">Training semantics (dropout, batch statistics) instead of inference.</param>");
        writer.WriteLine("/// <returns>The outputs, <see cref=\"OutputSize\"/> floats per sample, valid until the next call.</returns>");
        using (writer.WriteBlock($"public {RuntimeApi.ReadOnlySpan} Forward({RuntimeApi.ReadOnlySpan} input, bool training)"))
        {
            writer.WriteLine("var n = SampleCount(input, nameof(input));");
            using (writer.WriteBlock("if (n > _capacity)"))
            {
                var network = StringLiteral(context.Model.Declaration.TypeName);
                var largest = StringLiteral(LargestTensor(context.Model));
                writer.WriteLine($"_forwardBuffer = {RuntimeApi.Workspace}.Allocate(ForwardBufferSize, n, {network}, \"Forward buffer\", {largest});");
                writer.WriteLine("_capacity = n;");
            }
            writer.WriteLine("_batch = n;");
            writer.WriteLine("Trainability.Plan(_layerTrainable, _forwardTrainable, _backwardNeeded);");
            if (hasBatchNormalization)
            {
                writer.WriteLine("_forwardTraining = training;");
            }
            var body = BodyWithBufferLocals(writer);
            foreach (var (name, expression, buffer) in plan.ForwardLocals)
            {
                body.Writer.WriteLine($"var {name} = {expression};");
                body.Use(buffer);
            }
            body.Writer.WriteLine("input.CopyTo(networkInput);");
            var scope = new ForwardScope(context, body, TrainingTensor(graph), plan);
            foreach (var layer in graph.Layers)
            {
                if (!graph.Live[layer.Index])
                {
                    body.Writer.WriteLine(UnreadComment(layer));
                    continue;
                }
                body.Writer.WriteLine(LayerRule.Comment(layer));
                LayerRules.For(layer).WriteForward(scope, layer, TrainingTensor(graph)(layer.Index));
            }
            body.Writer.WriteLine($"return {TrainingTensor(graph)(graph.Layers.Length - 1)};");
            body.WriteTo(writer);
        }
    }

    private static System.Func<int, string> TrainingTensor(Graph graph) => tensor =>
    {
        var root = graph.Root(tensor);
        return root == Graph.NetworkInput ? "networkInput" : Locals.Output(graph.Layers[root]);
    };

    /// <summary>
    /// Back-propagation through every layer in reverse. Each root tensor has one gradient region; its
    /// first writer (its last reader in forward order) overwrites it and later writers add to it, so
    /// fan-out into Add/Concatenate skips sums correctly.
    /// </summary>
    private static void WriteBackward(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Back-propagates <paramref name=\"outputGradient\"/> (dLoss/dOutput of the last <see cref=\"Forward\"/>) through every");
        writer.WriteLine("/// layer, adds the parameter gradients into <see cref=\"Gradients\"/> and returns dLoss/dInput.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"outputGradient\"><see cref=\"OutputSize\"/> floats per sample of the last Forward.</param>");
        writer.WriteLine("/// <returns>The gradient with respect to the input, valid until the next call.</returns>");
        writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">No Forward ran before.</exception>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The gradient's length does not match the last Forward's outputs.</exception>");
        var skipsInputGradient = InputGradientIsSkippable(graph);
        writer.WriteLine($"public {RuntimeApi.ReadOnlySpan} Backward({RuntimeApi.ReadOnlySpan} outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: true);");
        writer.WriteLine();
        WriteAccumulateGradientsDocumentation(writer);
        writer.WriteLine($"public void AccumulateGradients({RuntimeApi.ReadOnlySpan} outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: false);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// <see cref=\"Backward\"/>; unless <paramref name=\"inputGradientNeeded\"/>, it skips the backward step of every layer with no");
        writer.WriteLine(skipsInputGradient
            ? "/// trainable weights in or upstream of it (frozen layers), and the first layer's input gradient."
            : "/// trainable weights in or upstream of it (frozen layers).");
        writer.WriteLine("/// </summary>");
        using (writer.WriteBlock($"private {RuntimeApi.ReadOnlySpan} BackwardCore({RuntimeApi.ReadOnlySpan} outputGradient, bool inputGradientNeeded)"))
        {
            WriteBackwardMethodBody(writer, context, skipsInputGradient);
        }
    }

    private static void WriteAccumulateGradientsDocumentation(IndentedWriter writer)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// <see cref=\"Backward\"/> for a training step on data: adds the parameter gradients into");
        writer.WriteLine("/// <see cref=\"Gradients\"/> and may skip dLoss/dInput, which only a network feeding another one needs.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"outputGradient\"><see cref=\"OutputSize\"/> floats per sample of the last Forward.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">No Forward ran before.</exception>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The gradient's length does not match the last Forward's outputs.</exception>");
    }

    /// <summary>
    /// Whether the network input's only reader is a Conv2D, Conv2DTranspose or Dense: their kernels skip an empty
    /// input gradient, so a training step on data can leave out the first layer's most expensive backward product.
    /// </summary>
    private static bool InputGradientIsSkippable(Graph graph)
    {
        if (graph.FinalRoot == Graph.NetworkInput)
        {
            return false;
        }
        LayerModel? reader = null;
        foreach (var layer in graph.Layers)
        {
            if (graph.Root(layer.Index) != layer.Index || !graph.Live[layer.Index] || !graph.ReceivesGradient(layer.Index))
            {
                continue; // an alias (Flatten, Reshape) is read through by its own readers; an unread layer is not run
            }
            foreach (var input in layer.Inputs)
            {
                if (graph.Root(input) == Graph.NetworkInput)
                {
                    if (reader is not null)
                    {
                        return false;
                    }
                    reader = layer;
                }
            }
        }
        return reader is not null && LayerRules.For(reader).SkipsEmptyInputGradient;
    }

    private static void WriteBackwardMethodBody(IndentedWriter writer, EmitContext context, bool skipsInputGradient)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        writer.WriteLine("var n = _batch;");
        using (writer.WriteBlock("if (n == 0)"))
        {
            writer.WriteLine($"throw new {RuntimeApi.InvalidOperationException}(\"Backward needs the activations of a Forward call: call Forward(input, training: true) first.\");");
        }
        using (writer.WriteBlock("if (outputGradient.Length != n * OutputSize)"))
        {
            writer.WriteLine($"throw new {RuntimeApi.ArgumentException}($\"outputGradient has {{outputGradient.Length}} floats; the last Forward ran {{n}} samples of OutputSize = {{OutputSize}}, so it needs {{n * OutputSize}}.\", nameof(outputGradient));");
        }
        // The gradients' room is grown by the first Backward after Forward grew, so a network that only runs Forward
        // (inference through Forward, a frozen discriminator's scores) never holds it. Sized for the Forward capacity, so
        // a smaller last batch reuses it.
        using (writer.WriteBlock("if (_backwardBuffer.Length < (long)BackwardBufferSize * _capacity)"))
        {
            writer.WriteLine($"_backwardBuffer = {RuntimeApi.Workspace}.Allocate(BackwardBufferSize, _capacity, {StringLiteral(context.Model.Declaration.TypeName)}, \"Backward buffer\", {StringLiteral(LargestTensor(context.Model))});");
        }
        var body = BodyWithBufferLocals(writer);
        foreach (var (name, expression, buffer) in plan.ForwardLocals)
        {
            body.Offer(name, $"var {name} = {expression};", buffer);
        }
        var inputGradient = $"backward.{Region(plan.GradientOffsets[0], graph.Size(Graph.NetworkInput))}";
        body.Offer("inputGradient", skipsInputGradient
            ? $"var inputGradient = inputGradientNeeded ? {inputGradient} : {RuntimeApi.Span}.Empty;"
            : $"var inputGradient = {inputGradient};", "backward");
        body.Use("inputGradient");
        foreach (var layer in graph.Layers)
        {
            var i = layer.Index;
            if (graph.Root(i) == i && i != graph.FinalRoot)
            {
                body.Offer(Locals.Gradient(layer), $"var {Locals.Gradient(layer)} = backward.{Region(plan.GradientOffsets[i + 1], graph.Size(i))};", "backward");
            }
        }
        WriteBackwardBody(body, context);
        body.Writer.WriteLine("return inputGradient;");
        body.WriteTo(writer);
    }

    private static void WriteBackwardBody(MethodBody body, EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        var writer = body.Writer;
        var written = new HashSet<int>();

        string GradientOf(int root) => body.Use(
            root == Graph.NetworkInput ? "inputGradient" : root == graph.FinalRoot ? "outputGradient" : Locals.Gradient(graph.Layers[root]));

        if (graph.FinalRoot == Graph.NetworkInput)
        {
            writer.WriteLine("// Every layer aliases the input: the input gradient is the output gradient.");
            writer.WriteLine("outputGradient.CopyTo(inputGradient);");
            return;
        }

        for (var i = graph.Layers.Length - 1; i >= 0; i--)
        {
            var layer = graph.Layers[i];
            if (graph.Root(i) != i || !graph.Live[i] || !graph.ReceivesGradient(i))
            {
                continue; // an alias shares its input's gradient region; a layer no gradient reaches has nothing to pass on
            }
            writer.WriteLine(LayerRule.Comment(layer));
            // A training step leaves out layers with nothing trainable in or upstream of them (see LayerTrainability.Plan).
            using (writer.WriteBlock($"if (inputGradientNeeded || _backwardNeeded[{Literal(i)}])"))
            {
                var scope = new BackwardScope(context, body, TrainingTensor(graph), GradientOf(i), (slot, scratch) =>
                {
                    var root = graph.Root(layer.Inputs[slot]);
                    if (written.Add(root))
                    {
                        return (GradientOf(root), null);
                    }
                    if (!scratch)
                    {
                        return (GradientOf(root), GradientOf(root));
                    }
                    var size = graph.Size(layer.Inputs[slot]);
                    writer.WriteLine($"var accumulator{slot} = {body.Use("backward")}.{Region(plan.AccumulatorOffset, size)};");
                    return ($"accumulator{slot}", GradientOf(root));
                });
                LayerRules.For(layer).WriteBackward(scope, layer);
            }
        }
    }
}
