using Generated.Model;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Thread-safe inference: activations live in a thread-static workspace planned at compile time
    /// (regions reused once their last reader ran), inputs are processed in chunks of
    /// <c>PredictChunk</c> samples, and the last layer writes straight into the caller's output.
    /// </summary>
    private static void WritePredict(IndentedWriter writer, EmitContext context)
    {
        var plan = context.Inference;
        var graph = plan.Graph;
        writer.WriteLine("/// <summary>Floats per sample of the Predict workspace (regions reused as soon as their last reader ran).</summary>");
        writer.WriteLine($"private const int PredictWorkspaceSize = {Literal(plan.WorkspaceSize)};");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Each thread's Predict activations, grown to the largest chunk it has seen, so one weight set serves many threads.</summary>");
        writer.WriteLine("[global::System.ThreadStatic]");
        writer.WriteLine("private static float[]? t_predictWorkspace;");
        writer.WriteLine();

        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Runs inference (dropout off, batch normalization on its moving statistics) on <c>input.Length / InputSize</c>");
        writer.WriteLine("/// samples. Thread-safe; allocates nothing after the first call for a chunk size.");
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
            writer.WriteLine("var chunk = global::System.Math.Min(samples, PredictChunk);");
            writer.WriteLine("var workspace = t_predictWorkspace;");
            using (writer.WriteBlock("if (workspace is null || workspace.Length < PredictWorkspaceSize * chunk)"))
            {
                writer.WriteLine("workspace = new float[PredictWorkspaceSize * chunk];");
                writer.WriteLine("t_predictWorkspace = workspace;");
            }
            using (writer.WriteBlock("for (var start = 0; start < samples; start += PredictChunk)"))
            {
                writer.WriteLine("var n = global::System.Math.Min(PredictChunk, samples - start);");
                writer.WriteLine("PredictChunkCore(input.Slice(start * InputSize, n * InputSize), output.Slice(start * OutputSize, n * OutputSize), n, workspace);");
            }
        }
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
                    if (graph.Root(i) == i && i != graph.FinalRoot)
                    {
                        body.WriteLine($"var {Locals.Output(graph.Layers[i])} = workspace.{Region(plan.Offsets[i], graph.Size(i))};");
                    }
                }
                var scope = new ForwardScope(context, Tensor, training: null);
                foreach (var layer in graph.Layers)
                {
                    WriteLayerForward(body, scope, layer, Tensor(layer.Index));
                }
                if (graph.FinalRoot == NetworkInput)
                {
                    body.WriteLine("input.CopyTo(output);");
                }
            });
        }
    }

    /// <summary><c>Slice(offset * n, size * n)</c> for a per-sample region of a batch-scaled buffer.</summary>
    internal static string Region(int offset, int size, string method = "Slice") =>
        offset == 0 ? $"{method}(0, {Literal(size)} * n)" : $"{method}({Literal(offset)} * n, {Literal(size)} * n)";

    /// <summary>Text placed inside an interpolated string literal: braces doubled, quotes escaped.</summary>
    internal static string InterpolatedText(string text) => text.Replace("{", "{{").Replace("}", "}}").Replace("\"", "\\\"");
}
