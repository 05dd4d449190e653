using Generated.Model;

using static Generated.Generator.Code;

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
        writer.WriteLine("/// samples shared among up to <see cref=\"" + RuntimeApi.KernelOptionsMaxThreads + "\"/> threads (the same");
        writer.WriteLine("/// results, to the bit, as on one thread). Thread-safe; allocates nothing after the first call for a chunk size.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"input\">Samples of <see cref=\"InputSize\"/> floats each, NHWC.</param>");
        writer.WriteLine("/// <param name=\"output\">Receives <see cref=\"OutputSize\"/> floats per sample.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\">The input is not a positive multiple of <see cref=\"InputSize\"/> or the output length does not match.</exception>");
        using (writer.WriteBlock($"public void Predict({RuntimeApi.ReadOnlySpan} input, {RuntimeApi.Span} output)"))
        {
            writer.WriteLine("var samples = SampleCount(input, nameof(input));");
            using (writer.WriteBlock("if (output.Length != samples * OutputSize)"))
            {
                writer.WriteLine($"throw new {RuntimeApi.ArgumentException}($\"output has {{output.Length}} floats; {{samples}} samples of OutputSize = {{OutputSize}} need {{samples * OutputSize}} (input has {{input.Length}} floats, InputSize = {{InputSize}}).\", nameof(output));");
            }
            writer.WriteLine("var version = _weightVersion.BeginRead();");
            writer.WriteLine("PredictSamples(input, output, samples);");
            using (writer.WriteBlock("if (_weightVersion.IsUnchanged(version))"))
            {
                writer.WriteLine("return;");
            }
            writer.WriteLine("// LoadWeights wrote the weights while that run read them: run again, holding the gate no load passes.");
            writer.WriteLine("_weightVersion.EnterExclusiveRead();");
            using (writer.WriteBlock("try"))
            {
                writer.WriteLine("PredictSamples(input, output, samples);");
            }
            using (writer.WriteBlock("finally"))
            {
                writer.WriteLine("_weightVersion.ExitExclusiveRead();");
            }
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>One run of <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/> over checked spans of <paramref name=\"samples\"/> samples.</summary>");
        using (writer.WriteBlock($"private void PredictSamples({RuntimeApi.ReadOnlySpan} input, {RuntimeApi.Span} output, int samples)"))
        {
            if (PackedLayers(context.Model).Count > 0)
            {
                writer.WriteLine("PackWeights();");
            }
            using (writer.WriteBlock("if (samples <= PredictChunk)"))
            {
                writer.WriteLine("PredictChunkCore(input, output, samples, PredictWorkspace(samples));");
                writer.WriteLine("return;");
            }
            writer.WriteLine($"{RuntimeApi.SampleParallel}.Predict(this, input, output, InputSize, OutputSize, PredictChunk);");
        }
        writer.WriteLine();

        writer.WriteLine("/// <summary>One chunk of a larger <see cref=\"Predict(global::System.ReadOnlySpan{float}, global::System.Span{float})\"/>, run by whichever thread took it.</summary>");
        using (writer.WriteBlock($"void {RuntimeApi.IChunkedPredictor}.RunChunk({RuntimeApi.ReadOnlySpan} input, {RuntimeApi.Span} output, int samples)"))
        {
            // A whole chunk's room whatever this chunk's size, so what a thread allocates does not depend on which chunks it got.
            writer.WriteLine("PredictChunkCore(input, output, samples, PredictWorkspace(PredictChunk));");
        }
        writer.WriteLine();

        writer.WriteLines($$"""
            /// <summary>
            /// The calling thread's Predict workspace with room for <paramref name="samples"/> samples: grown to the largest
            /// batch (up to <see cref="PredictChunk"/>) this thread has run, never shrunk, so batch-1 calls hold one sample's room.
            /// </summary>
            private static float[] PredictWorkspace(int samples)
            {
                var workspace = t_predictWorkspace;
                if (workspace is null || workspace.Length < (long)PredictWorkspaceSize * samples)
                {
                    workspace = {{RuntimeApi.Workspace}}.Allocate(PredictWorkspaceSize, samples, {{StringLiteral(context.Model.Declaration.TypeName)}}, "Predict workspace", {{StringLiteral(LargestTensor(context.Model))}});
                    t_predictWorkspace = workspace;
                }
                return workspace;
            }

            """);
        WritePackedWeights(writer, context);
        writer.WriteLine();

        var span = RuntimeApi.ReadOnlySpan;
        writer.WriteLines($$"""
            /// <summary>Runs inference and returns the outputs in a new array (allocates it; use the span overload in loops).</summary>
            /// <param name="input">Samples of <see cref="InputSize"/> floats each, NHWC.</param>
            /// <returns><see cref="OutputSize"/> floats per sample.</returns>
            public float[] Predict({{span}} input)
            {
                var output = new float[SampleCount(input, nameof(input)) * OutputSize];
                Predict(input, output);
                return output;
            }

            /// <summary>Runs inference and returns each sample's highest-scoring output index (allocates the scores and the result).</summary>
            /// <param name="input">Samples of <see cref="InputSize"/> floats each, NHWC.</param>
            /// <returns>One class index in <c>[0, OutputSize)</c> per sample.</returns>
            public int[] PredictClasses({{span}} input)
            {
                var scores = Predict(input);
                var classes = new int[scores.Length / OutputSize];
                for (var i = 0; i < classes.Length; i++)
                {
                    classes[i] = global::System.Numerics.Tensors.TensorPrimitives.IndexOfMax(new {{span}}(scores, i * OutputSize, OutputSize));
                }
                return classes;
            }

            /// <summary>Samples in <paramref name="input"/>, which must hold a positive multiple of <see cref="InputSize"/> floats.</summary>
            private static int SampleCount({{span}} input, string parameter)
            {
                if (input.Length == 0 || input.Length % InputSize != 0)
                {
                    throw new {{RuntimeApi.ArgumentException}}($"{parameter} has {input.Length} floats; expected a positive multiple of InputSize = {InputSize} ({{InterpolatedText(context.Model.InputShape.ToString())}} per sample).", parameter);
                }
                return input.Length / InputSize;
            }

            """);
        writer.WriteLine("/// <summary>Inference on one chunk of <paramref name=\"n\"/> samples; the workspace holds at least <c>PredictWorkspaceSize * n</c> floats.</summary>");
        using (writer.WriteBlock($"private void PredictChunkCore({RuntimeApi.ReadOnlySpan} input, {RuntimeApi.Span} output, int n, {RuntimeApi.Span} workspace)"))
        {
            string Tensor(int tensor)
            {
                var root = graph.Root(tensor);
                return root == Graph.NetworkInput ? "input" : root == graph.FinalRoot ? "output" : Locals.Output(graph.Layers[root]);
            }

            if (plan.Direct.Any)
            {
                using (writer.WriteBlock("if (n == 1)"))
                {
                    writer.WriteLine("PredictSampleCore(input, output, n, workspace);");
                    writer.WriteLine("return;");
                }
            }
            var body = BodyWithBufferLocals(writer);
            WriteRegions(context, body, direct: null);
            var scope = new ForwardScope(context, body, Tensor, training: null);
            WriteLayers(context, body, scope, Tensor, direct: null);
            if (graph.FinalRoot == Graph.NetworkInput)
            {
                body.Writer.WriteLine("input.CopyTo(output);");
            }
            body.WriteTo(writer);
        }
        if (!plan.Direct.Any)
        {
            return;
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Inference on one sample (the batch-1 plan): direct convolutions, which hold a block of output pixels and channels");
        writer.WriteLine("/// in registers, and Winograd convolutions for 3x3 kernels over many channels, each taking a following 2x2 max pool");
        writer.WriteLine("/// into its store; the workspace holds at least");
        writer.WriteLine("/// <c>PredictWorkspaceSize</c> floats; <paramref name=\"n\"/> is 1 (the other kernels' batch).");
        writer.WriteLine("/// </summary>");
        using (writer.WriteBlock($"private void PredictSampleCore({RuntimeApi.ReadOnlySpan} input, {RuntimeApi.Span} output, int n, {RuntimeApi.Span} workspace)"))
        {
            string Tensor(int tensor)
            {
                var root = graph.Root(tensor);
                return root == Graph.NetworkInput ? "input" : root == graph.FinalRoot ? "output" : Locals.Output(graph.Layers[root]);
            }

            var body = BodyWithBufferLocals(writer);
            WriteRegions(context, body, plan.Direct);
            var scope = new ForwardScope(context, body, Tensor, training: null);
            WriteLayers(context, body, scope, Tensor, plan.Direct);
            body.WriteTo(writer);
        }
    }

    /// <summary>The workspace region of every tensor Predict writes (not the convolution maps a batch-1 direct convolution pools in its store).</summary>
    private static void WriteRegions(EmitContext context, MethodBody body, DirectPlan? direct)
    {
        var plan = context.Inference;
        var graph = plan.Graph;
        for (var i = 0; i < graph.Layers.Length; i++)
        {
            if (graph.Root(i) == i && i != graph.FinalRoot && !plan.ActivationsIntoNext[i] && graph.Live[i] && (direct is null || direct.PoolOf[i] < 0))
            {
                body.Writer.WriteLine($"var {Locals.Output(graph.Layers[i])} = workspace.{Region(plan.Offsets[i], graph.Size(i))};");
            }
        }
    }

    /// <summary>Predict's kernel calls, layer by layer: the batch-1 plan when <paramref name="direct"/> is given, else the GEMM plan for any chunk.</summary>
    private static void WriteLayers(EmitContext context, MethodBody body, ForwardScope scope, System.Func<int, string> Tensor, DirectPlan? direct)
    {
        var plan = context.Inference;
        var graph = plan.Graph;
        foreach (var layer in graph.Layers)
        {
            var index = layer.Index;
            if (!graph.Live[index])
            {
                body.Writer.WriteLine(UnreadComment(layer));
            }
            else if (plan.ActivationsIntoNext[index])
            {
                body.Writer.WriteLine(LayerRule.Comment(layer));
                body.Writer.WriteLine($"// Applied by {graph.Layers[index + 1].Name}'s kernel, in the same pass as its normalization.");
            }
            else if (index > 0 && plan.ActivationsIntoNext[index - 1])
            {
                BatchNormalizationRule.WriteAfterActivation(scope, graph.Layers[index - 1], layer, Tensor(index));
            }
            else if (direct is not null && direct.PooledInto[index] >= 0)
            {
                body.Writer.WriteLine(LayerRule.Comment(layer));
                body.Writer.WriteLine($"// Taken by {graph.Layers[direct.PooledInto[index]].Name}'s batch-1 convolution, in its store.");
            }
            else if (direct is not null && direct.IsDirect[index])
            {
                body.Writer.WriteLine(LayerRule.Comment(layer));
                var activation = ActivationLiteral(layer.Declaration.Activation);
                var pool = direct.PoolOf[index];
                var kernel = direct.IsWinograd[index] ? RuntimeApi.WinogradConv2D : RuntimeApi.DirectConv2D;
                if (pool >= 0)
                {
                    var pooling = graph.Layers[pool];
                    body.Writer.WriteLine($"{kernel}.ForwardMaxPool({Locals.Geometry(layer)}, {Locals.Geometry(pooling)}, 1, {scope.Input(layer)}, {Locals.DirectField(layer)}, {activation}, {Tensor(pool)});");
                }
                else
                {
                    body.Writer.WriteLine($"{kernel}.Forward({Locals.Geometry(layer)}, 1, {scope.Input(layer)}, {Locals.DirectField(layer)}, {activation}, {Tensor(index)});");
                }
            }
            else
            {
                body.Writer.WriteLine(LayerRule.Comment(layer));
                LayerRules.For(layer).WriteForward(scope, layer, Tensor(index));
            }
        }
    }

    /// <summary>The comment in place of a layer the output does not depend on (NNG0028), which is not computed.</summary>
    private static string UnreadComment(LayerModel layer) => $"// {layer.Name} ({layer.Kind}): read by no layer the output depends on, so not computed";
}
