using System.Collections.Generic;
using System.Text.RegularExpressions;
using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>Span locals over the forward buffer: every root tensor and what Backward needs besides.</summary>
    private static List<(string Name, string Expression)> ForwardLocals(EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        var locals = new List<(string, string)>
        {
            ("networkInput", "forward." + Region(plan.ActivationOffsets[0], graph.Size(NetworkInput))),
        };
        foreach (var layer in graph.Layers)
        {
            var i = layer.Index;
            if (graph.Root(i) != i)
            {
                continue;
            }
            var size = graph.Size(i);
            locals.Add((Locals.Output(layer), "forward." + Region(plan.ActivationOffsets[i + 1], size)));
            if (HasSwish(layer))
            {
                locals.Add((Locals.PreActivation(layer), "forward." + Region(plan.PreActivationOffsets[i], size)));
            }
            if (layer.Kind == LayerKind.Dropout)
            {
                locals.Add((Locals.Mask(layer), "forward." + Region(plan.MaskOffsets[i], size)));
            }
            if (layer.Kind == LayerKind.LayerNormalization)
            {
                var rows = layer.InputShape.Height * layer.InputShape.Width;
                var offset = plan.RowStatisticsOffsets[i];
                locals.Add((Locals.Mean(layer), "forward." + Region(offset, rows)));
                locals.Add((Locals.InverseStd(layer), "forward." + Region(offset + rows, rows)));
            }
            if (layer.Kind == LayerKind.BatchNormalization)
            {
                var channels = layer.InputShape.Channels;
                var offset = plan.StatisticsOffsets[i];
                locals.Add((Locals.Mean(layer), $"statistics.Slice({Literal(offset)}, {Literal(channels)})"));
                locals.Add((Locals.InverseStd(layer), $"statistics.Slice({Literal(offset + channels)}, {Literal(channels)})"));
            }
        }
        return locals;
    }

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
        writer.WriteLine("/// <summary>Samples the buffers hold room for; they grow only when a larger batch arrives.</summary>");
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
        using (writer.WriteBlock($"public {Names.ReadOnlySpan} Forward({Names.ReadOnlySpan} input, bool training)"))
        {
            writer.WriteLine("var n = SampleCount(input, nameof(input));");
            using (writer.WriteBlock("if (n > _capacity)"))
            {
                writer.WriteLine("_forwardBuffer = new float[ForwardBufferSize * n];");
                writer.WriteLine("_backwardBuffer = new float[BackwardBufferSize * n];");
                writer.WriteLine("_capacity = n;");
            }
            writer.WriteLine("_batch = n;");
            if (hasBatchNormalization)
            {
                writer.WriteLine("_forwardTraining = training;");
            }
            WriteWithBufferLocals(writer, body =>
            {
                foreach (var (name, expression) in ForwardLocals(context))
                {
                    body.WriteLine($"var {name} = {expression};");
                }
                body.WriteLine("input.CopyTo(networkInput);");
                var scope = new ForwardScope(context, TrainingTensor(graph), plan);
                foreach (var layer in graph.Layers)
                {
                    WriteLayerForward(body, scope, layer, TrainingTensor(graph)(layer.Index));
                }
                body.WriteLine($"return {TrainingTensor(graph)(graph.Layers.Length - 1)};");
            });
        }
    }

    private static System.Func<int, string> TrainingTensor(Graph graph) => tensor =>
    {
        var root = graph.Root(tensor);
        return root == NetworkInput ? "networkInput" : Locals.Output(graph.Layers[root]);
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
        if (!skipsInputGradient)
        {
            using (writer.WriteBlock($"public {Names.ReadOnlySpan} Backward({Names.ReadOnlySpan} outputGradient)"))
            {
                WriteBackwardMethodBody(writer, context, skipsInputGradient);
            }
            writer.WriteLine();
            WriteAccumulateGradientsDocumentation(writer);
            writer.WriteLine($"public void AccumulateGradients({Names.ReadOnlySpan} outputGradient) => Backward(outputGradient);");
            return;
        }
        writer.WriteLine($"public {Names.ReadOnlySpan} Backward({Names.ReadOnlySpan} outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: true);");
        writer.WriteLine();
        WriteAccumulateGradientsDocumentation(writer);
        writer.WriteLine($"public void AccumulateGradients({Names.ReadOnlySpan} outputGradient) => BackwardCore(outputGradient, inputGradientNeeded: false);");
        writer.WriteLine();
        writer.WriteLine("/// <summary><see cref=\"Backward\"/>, skipping the first layer's input gradient unless <paramref name=\"inputGradientNeeded\"/>.</summary>");
        using (writer.WriteBlock($"private {Names.ReadOnlySpan} BackwardCore({Names.ReadOnlySpan} outputGradient, bool inputGradientNeeded)"))
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
        if (graph.FinalRoot == NetworkInput)
        {
            return false;
        }
        LayerModel? reader = null;
        foreach (var layer in graph.Layers)
        {
            if (graph.Root(layer.Index) != layer.Index)
            {
                continue; // an alias (Flatten, Reshape) is read through by its own readers
            }
            foreach (var input in layer.Inputs)
            {
                if (graph.Root(input) == NetworkInput)
                {
                    if (reader is not null)
                    {
                        return false;
                    }
                    reader = layer;
                }
            }
        }
        return reader is { Kind: LayerKind.Conv2D or LayerKind.Conv2DTranspose or LayerKind.Dense };
    }

    private static void WriteBackwardMethodBody(IndentedWriter writer, EmitContext context, bool skipsInputGradient)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        writer.WriteLine("var n = _batch;");
        using (writer.WriteBlock("if (n == 0)"))
        {
            writer.WriteLine($"throw new {Names.InvalidOperationException}(\"Backward needs the activations of a Forward call: call Forward(input, training: true) first.\");");
        }
        using (writer.WriteBlock("if (outputGradient.Length != n * OutputSize)"))
        {
            writer.WriteLine($"throw new {Names.ArgumentException}($\"outputGradient has {{outputGradient.Length}} floats; the last Forward ran {{n}} samples of OutputSize = {{OutputSize}}, so it needs {{n * OutputSize}}.\", nameof(outputGradient));");
        }
        WriteWithBufferLocals(writer, outer =>
        {
            var body = new IndentedWriter(outer.Depth);
            WriteBackwardBody(body, context);
            var text = body.ToString();
            foreach (var (name, expression) in ForwardLocals(context))
            {
                if (Regex.IsMatch(text, @"\b" + name + @"\b"))
                {
                    outer.WriteLine($"var {name} = {expression};");
                }
            }
            var inputGradient = $"backward.{Region(plan.GradientOffsets[0], graph.Size(NetworkInput))}";
            outer.WriteLine(skipsInputGradient
                ? $"var inputGradient = inputGradientNeeded ? {inputGradient} : {Names.Span}.Empty;"
                : $"var inputGradient = {inputGradient};");
            foreach (var layer in graph.Layers)
            {
                var i = layer.Index;
                if (graph.Root(i) == i && i != graph.FinalRoot && Regex.IsMatch(text, @"\b" + Locals.Gradient(layer) + @"\b"))
                {
                    outer.WriteLine($"var {Locals.Gradient(layer)} = backward.{Region(plan.GradientOffsets[i + 1], graph.Size(i))};");
                }
            }
            outer.WriteRaw(text);
            outer.WriteLine("return inputGradient;");
        });
    }

    private static void WriteBackwardBody(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Training;
        var graph = plan.Graph;
        var parameters = context.Parameters;
        var tensor = TrainingTensor(graph);
        var written = new HashSet<int>();

        string GradientOf(int root) =>
            root == NetworkInput ? "inputGradient" : root == graph.FinalRoot ? "outputGradient" : Locals.Gradient(graph.Layers[root]);

        if (graph.FinalRoot == NetworkInput)
        {
            writer.WriteLine("// Every layer aliases the input: the input gradient is the output gradient.");
            writer.WriteLine("outputGradient.CopyTo(inputGradient);");
            return;
        }

        for (var i = graph.Layers.Length - 1; i >= 0; i--)
        {
            var layer = graph.Layers[i];
            if (graph.Root(i) != i)
            {
                continue; // an alias shares its input's gradient region
            }
            writer.WriteLine(LayerComment(layer));
            using (writer.WriteBlock())
            {
                WriteLayerBackward(writer, context, layer, tensor, GradientOf(i), (slot, scratch) =>
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
                    writer.WriteLine($"var accumulator{slot} = backward.{Region(plan.AccumulatorOffset, size)};");
                    return ($"accumulator{slot}", GradientOf(root));
                });
            }
        }
    }

    /// <summary>
    /// One layer's backward call(s). <paramref name="target"/> gives, for an input slot, where its gradient goes and,
    /// when that input already has a gradient from another reader, the region to add it into afterwards.
    /// </summary>
    private static void WriteLayerBackward(IndentedWriter writer, EmitContext context, LayerModel layer, System.Func<int, string> tensor,
        string outputGradient, System.Func<int, bool, (string Target, string? AddInto)> target)
    {
        var plan = context.Training;
        var parameters = context.Parameters;
        var d = layer.Declaration;
        var input = tensor(layer.Inputs[0]);
        var output = Locals.Output(layer);
        var inputShape = layer.InputShape;
        var outputShape = layer.OutputShape;
        var geometry = "in Geometry." + LayerNames.ToIdentifier(layer.Name);
        var dY = outputGradient;

        void Finish((string Target, string? AddInto) slot)
        {
            if (slot.AddInto is { } into)
            {
                writer.WriteLine($"{Names.Kernels}Merge.Add({into}, {slot.Target}, {into});");
            }
        }

        switch (layer.Kind)
        {
            case LayerKind.Conv2D:
            case LayerKind.Conv2DTranspose:
            case LayerKind.Dense:
            {
                var kernel = parameters.Get(layer, "kernel");
                var bias = parameters.Find(layer, "bias");
                var delta = dY;
                if (ReluMaskedByReader(plan.Graph, layer.Index))
                {
                    writer.WriteLine("// The ReLU derivative was applied by the reader's backward pass.");
                }
                else if (d.Activation != ActivationKind.Linear)
                {
                    var preActivation = d.Activation == ActivationKind.Swish ? Locals.PreActivation(layer) : Names.ReadOnlySpan + ".Empty";
                    if (dY == "outputGradient")
                    {
                        // The caller's span is read-only: the gradient through the activation goes to scratch.
                        delta = "delta";
                        writer.WriteLine($"var delta = backward.{Region(plan.DeltaOffset, (int)outputShape.Size)};");
                    }
                    // Otherwise in place: nothing reads this layer's output gradient after its own backward pass.
                    writer.WriteLine($"{Names.Kernels}Activations.Backward({ActivationLiteral(d.Activation)}, {AlphaLiteral(layer, d.Activation)}, {Literal(outputShape.Channels)}, {preActivation}, {output}, {dY}, {delta});");
                }
                var slot = target(0, true);
                var biasGradient = bias?.GradientSpan ?? Names.Span + ".Empty";
                if (layer.Kind == LayerKind.Dense)
                {
                    writer.WriteLine($"{Names.Kernels}Dense.Backward({Rows(inputShape)}, {Literal(inputShape.Channels)}, {Literal(outputShape.Channels)}, {input}, {kernel.Span}, {delta}, {slot.Target}, {kernel.GradientSpan}, {biasGradient});");
                }
                else
                {
                    var method = MasksInputByRelu(plan.Graph, layer) ? "BackwardThroughRelu" : "Backward";
                    writer.WriteLine($"{Names.Kernels}{layer.Kind}.{method}({geometry}, n, {input}, {kernel.Span}, {delta}, {slot.Target}, {kernel.GradientSpan}, {biasGradient});");
                }
                Finish(slot);
                break;
            }

            case LayerKind.MaxPooling2D:
            {
                var slot = target(0, true);
                var method = MasksInputByRelu(plan.Graph, layer) ? "BackwardThroughRelu" : "Backward";
                writer.WriteLine($"{Names.Kernels}MaxPool2D.{method}({geometry}, n, {input}, {output}, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.AveragePooling2D:
            {
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}AveragePool2D.Backward({geometry}, n, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.GlobalAveragePooling2D:
            {
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}GlobalAveragePool2D.Backward(n, {Literal(inputShape.Height * inputShape.Width)}, {Literal(inputShape.Channels)}, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.GlobalMaxPooling2D:
            {
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}GlobalMaxPool2D.Backward(n, {Literal(inputShape.Height * inputShape.Width)}, {Literal(inputShape.Channels)}, {input}, {output}, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.UpSampling2D:
            {
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}UpSampling2D.Backward({geometry}, {Names.Interpolation}{d.Interpolation}, n, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.Dropout:
            {
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}Dropout.Backward({Locals.Mask(layer)}, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.BatchNormalization:
            {
                // After Forward(training: false) the moving statistics were constants of the forward pass (Keras' training=False).
                var gamma = parameters.Get(layer, "gamma");
                var beta = parameters.Get(layer, "beta");
                var mean = parameters.Get(layer, "moving_mean").Span;
                var variance = parameters.Get(layer, "moving_variance").Span;
                var rows = Rows(inputShape);
                var channels = Literal(inputShape.Channels);
                var slot = target(0, true);
                using (writer.WriteBlock("if (_forwardTraining)"))
                {
                    writer.WriteLine($"{Names.Kernels}BatchNormalization.Backward({rows}, {channels}, {input}, {gamma.Span}, {Locals.Mean(layer)}, {Locals.InverseStd(layer)}, {dY}, {slot.Target}, {gamma.GradientSpan}, {beta.GradientSpan});");
                }
                using (writer.WriteBlock("else"))
                {
                    writer.WriteLine($"{Names.Kernels}BatchNormalization.BackwardInference({rows}, {channels}, {input}, {gamma.Span}, {mean}, {variance}, {FloatLiteral(d.Epsilon)}, {dY}, {slot.Target}, {gamma.GradientSpan}, {beta.GradientSpan});");
                }
                Finish(slot);
                break;
            }

            case LayerKind.LayerNormalization:
            {
                var gamma = parameters.Get(layer, "gamma");
                var beta = parameters.Get(layer, "beta");
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}{layer.Kind}.Backward({Rows(inputShape)}, {Literal(inputShape.Channels)}, {input}, {gamma.Span}, {Locals.Mean(layer)}, {Locals.InverseStd(layer)}, {dY}, {slot.Target}, {gamma.GradientSpan}, {beta.GradientSpan});");
                Finish(slot);
                break;
            }

            case LayerKind.Activation:
            case LayerKind.ReLU:
            case LayerKind.LeakyReLU:
            case LayerKind.Softmax:
            {
                var kind = StandaloneActivation(layer);
                var preActivation = kind == ActivationKind.Swish ? input : Names.ReadOnlySpan + ".Empty";
                var slot = target(0, true);
                writer.WriteLine($"{Names.Kernels}Activations.Backward({ActivationLiteral(kind)}, {AlphaLiteral(layer, kind)}, {Literal(outputShape.Channels)}, {preActivation}, {output}, {dY}, {slot.Target});");
                Finish(slot);
                break;
            }

            case LayerKind.Add:
                for (var i = 0; i < layer.Inputs.Count; i++)
                {
                    var slot = target(i, false);
                    if (slot.AddInto is { } into)
                    {
                        writer.WriteLine($"{Names.Kernels}Merge.Add({into}, {dY}, {into});");
                    }
                    else
                    {
                        writer.WriteLine($"{dY}.CopyTo({slot.Target});");
                    }
                }
                break;

            case LayerKind.Concatenate:
            {
                var pixels = Rows(outputShape);
                var offset = 0;
                for (var i = 0; i < layer.Inputs.Count; i++)
                {
                    var channels = layer.InputShapes[i].Channels;
                    var slot = target(i, true);
                    writer.WriteLine($"{Names.Kernels}Merge.SliceChannels({pixels}, {dY}, {Literal(outputShape.Channels)}, {Literal(offset)}, {slot.Target}, {Literal(channels)});");
                    Finish(slot);
                    offset += channels;
                }
                break;
            }

            default:
                throw new System.InvalidOperationException($"No backward emitter for layer kind {layer.Kind}.");
        }
    }
}
