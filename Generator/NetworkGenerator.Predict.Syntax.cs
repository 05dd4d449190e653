using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Thread-safe inference: activations live in a thread-static workspace planned at compile time
    /// (regions reused once their last reader ran), inputs are processed in chunks of
    /// <c>PredictChunk</c> samples (several chunks share the worker pool through <c>SampleParallel</c>,
    /// which calls back the explicit <c>IChunkedPredictor.RunChunk</c>), and the last layer writes
    /// straight into the caller's output.
    /// </summary>
    private static void WritePredict(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Inference;
        var graph = plan.Graph;
        writer.WriteLine("/// <summary>Floats per sample of the Predict workspace (regions reused as soon as their last reader ran).</summary>");
        writer.WriteLine($"private const int PredictWorkspaceSize = {Literal(plan.WorkspaceSize)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Each thread's Predict activations, grown to the largest chunk it has run, so one weight set serves many threads.</summary>");
        writer.WriteLine("[global::System.ThreadStatic]");
        writer.WriteLine("private static float[]? t_predictWorkspace;");
        writer.WriteLine();

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Runs inference (dropout off, batch normalization on its moving statistics) on <c>input.Length / InputSize</c>");
        writer.WriteLine("/// samples: up to <see cref=\"PredictChunk\"/> on the calling thread, more in chunks of <see cref=\"PredictChunk\"/>");
        writer.WriteLine("/// samples shared among up to <see cref=\"global::Generated.Kernels.KernelOptions.MaxThreads\"/> threads (the same");
        writer.WriteLine("/// results, to the bit, as on one thread). Thread-safe; allocates nothing after the first call for a chunk size.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"input\">Samples of <see cref=\"InputSize\"/> floats each, NHWC.</param>");
        writer.WriteLine("/// <param name=\"output\">Receives <see cref=\"OutputSize\"/> floats per sample.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The input is not a positive multiple of <see cref=\"InputSize\"/> or the output length does not match.</exception>");
        using (writer.WriteBlock($"public void Predict({Names.ReadOnlySpan} input, {Names.Span} output)"))
        {
            writer.WriteLine("var samples = SampleCount(input, nameof(input));");
            using (writer.WriteBlock("if (output.Length != samples * OutputSize)"))
            {
                writer.WriteLine($"throw new {Names.ArgumentException}($\"output has {{output.Length}} floats; {{samples}} samples of OutputSize = {{OutputSize}} need {{samples * OutputSize}} (input has {{input.Length}} floats, InputSize = {{InputSize}}).\", nameof(output));");
            }
            if (PackedLayers(context.Model).Count > 0)
            {
                writer.WriteLine("PackWeights();");
            }
            using (writer.WriteBlock("if (samples <= PredictChunk)"))
            {
                writer.WriteLine("PredictChunkCore(input, output, samples, PredictWorkspace(samples));");
                writer.WriteLine("return;");
            }
            writer.WriteLine("global::Generated.CompilerServices.SampleParallel.Predict(this, input, output, InputSize, OutputSize, PredictChunk);");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>One chunk of a larger <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>, run by whichever thread took it.</summary>");
        using (writer.WriteBlock($"void global::Generated.CompilerServices.IChunkedPredictor.RunChunk({Names.ReadOnlySpan} input, {Names.Span} output, int samples)"))
        {
            // A whole chunk's room whatever this chunk's size, so what a thread allocates does not depend on which chunks it got.
            writer.WriteLine("PredictChunkCore(input, output, samples, PredictWorkspace(PredictChunk));");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>The calling thread's Predict workspace with room for <paramref name=\"samples\"/> samples (grown, never shrunk).</summary>");
        using (writer.WriteBlock("private static float[] PredictWorkspace(int samples)"))
        {
            writer.WriteLine("var workspace = t_predictWorkspace;");
            using (writer.WriteBlock("if (workspace is null || workspace.Length < PredictWorkspaceSize * samples)"))
            {
                writer.WriteLine("workspace = new float[PredictWorkspaceSize * samples];");
                writer.WriteLine("t_predictWorkspace = workspace;");
            }
            writer.WriteLine("return workspace;");
        }
        writer.WriteLine();

        WritePackedWeights(writer, context);
        writer.WriteLine();

        writer.WriteLine("/// <summary>Runs inference and returns the outputs in a new array (allocates it; use the span overload in loops).</summary>");
        writer.WriteLine("/// <param name=\"input\">Samples of <see cref=\"InputSize\"/> floats each, NHWC.</param>");
        writer.WriteLine("/// <returns><see cref=\"OutputSize\"/> floats per sample.</returns>");
        using (writer.WriteBlock($"public float[] Predict({Names.ReadOnlySpan} input)"))
        {
            writer.WriteLine("var output = new float[SampleCount(input, nameof(input)) * OutputSize];");
            writer.WriteLine("Predict(input, output);");
            writer.WriteLine("return output;");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>Runs inference and returns each sample's highest-scoring output index (allocates the scores and the result).</summary>");
        writer.WriteLine("/// <param name=\"input\">Samples of <see cref=\"InputSize\"/> floats each, NHWC.</param>");
        writer.WriteLine("/// <returns>One class index in <c>[0, OutputSize)</c> per sample.</returns>");
        using (writer.WriteBlock($"public int[] PredictClasses({Names.ReadOnlySpan} input)"))
        {
            writer.WriteLine("var scores = Predict(input);");
            writer.WriteLine("var classes = new int[scores.Length / OutputSize];");
            using (writer.WriteBlock("for (var i = 0; i < classes.Length; i++)"))
            {
                writer.WriteLine("classes[i] = global::System.Numerics.Tensors.TensorPrimitives.IndexOfMax(new " + Names.ReadOnlySpan + "(scores, i * OutputSize, OutputSize));");
            }
            writer.WriteLine("return classes;");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>Samples in <paramref name=\"input\"/>, which must hold a positive multiple of <see cref=\"InputSize\"/> floats.</summary>");
        using (writer.WriteBlock($"private static int SampleCount({Names.ReadOnlySpan} input, string parameter)"))
        {
            using (writer.WriteBlock("if (input.Length == 0 || input.Length % InputSize != 0)"))
            {
                writer.WriteLine($"throw new {Names.ArgumentException}($\"{{parameter}} has {{input.Length}} floats; expected a positive multiple of InputSize = {{InputSize}} ({InterpolatedText(context.Model.InputShape.ToString())} per sample).\", parameter);");
            }
            writer.WriteLine("return input.Length / InputSize;");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>Inference on one chunk of <paramref name=\"n\"/> samples; the workspace holds at least <c>PredictWorkspaceSize * n</c> floats.</summary>");
        using (writer.WriteBlock($"private void PredictChunkCore({Names.ReadOnlySpan} input, {Names.Span} output, int n, {Names.Span} workspace)"))
        {
            string Tensor(int tensor)
            {
                var root = graph.Root(tensor);
                return root == NetworkInput ? "input" : root == graph.FinalRoot ? "output" : Locals.Output(graph.Layers[root]);
            }

            WriteWithBufferLocals(writer, body =>
            {
                for (var i = 0; i < graph.Layers.Length; i++)
                {
                    if (graph.Root(i) == i && i != graph.FinalRoot && !plan.ActivationsIntoNext[i])
                    {
                        body.WriteLine($"var {Locals.Output(graph.Layers[i])} = workspace.{Region(plan.Offsets[i], graph.Size(i))};");
                    }
                }
                var scope = new ForwardScope(context, Tensor, training: null);
                foreach (var layer in graph.Layers)
                {
                    var index = layer.Index;
                    if (plan.ActivationsIntoNext[index])
                    {
                        body.WriteLine(LayerComment(layer));
                        body.WriteLine($"// Applied by {graph.Layers[index + 1].Name}'s kernel, in the same pass as its normalization.");
                    }
                    else if (index > 0 && plan.ActivationsIntoNext[index - 1])
                    {
                        WriteActivatedBatchNormalization(body, context, graph.Layers[index - 1], layer, Tensor(graph.Layers[index - 1].Inputs[0]), Tensor(index));
                    }
                    else
                    {
                        WriteLayerForward(body, scope, layer, Tensor(index));
                    }
                }
                if (graph.FinalRoot == NetworkInput)
                {
                    body.WriteLine("input.CopyTo(output);");
                }
            });
        }
    }

    /// <summary>
    /// Predict's inference batch normalization <paramref name="normalization"/> that also applies the stand-alone
    /// <paramref name="activation"/> layer before it (see <see cref="InferencePlan.ActivationsIntoNext"/>), reading that layer's input.
    /// </summary>
    private static void WriteActivatedBatchNormalization(IndentedWriter writer, EmitContext context, LayerModel activation, LayerModel normalization, string input, string output)
    {
        var parameters = context.Parameters;
        var kind = StandaloneActivation(activation);
        var shape = normalization.InputShape;
        writer.WriteLine(LayerComment(normalization) + $", after {activation.Name}");
        writer.WriteLine($"{Names.Kernels}BatchNormalization.ForwardInference({Rows(shape)}, {Literal(shape.Channels)}, {ActivationLiteral(kind)}, {AlphaLiteral(activation, kind)}, {input}, " +
            $"{parameters.Get(normalization, "gamma").Span}, {parameters.Get(normalization, "beta").Span}, {parameters.Get(normalization, "moving_mean").Span}, " +
            $"{parameters.Get(normalization, "moving_variance").Span}, {FloatLiteral(normalization.Declaration.Epsilon)}, {output});");
    }

    /// <summary><c>Slice(offset * n, size * n)</c> for a per-sample region of a batch-scaled buffer.</summary>
    internal static string Region(int offset, int size, string method = "Slice") =>
        offset == 0 ? $"{method}(0, {Literal(size)} * n)" : $"{method}({Literal(offset)} * n, {Literal(size)} * n)";

    /// <summary>Text placed inside an interpolated string literal: braces doubled, quotes escaped.</summary>
    internal static string InterpolatedText(string text) => text.Replace("{", "{{").Replace("}", "}}").Replace("\"", "\\\"");
}
