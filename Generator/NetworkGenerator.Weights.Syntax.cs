using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>The static tensor table and the safetensors Save/Load methods over it.</summary>
    private static void WriteWeights(IndentedWriter writer, EmitContext context)
    {
        var layout = context.Parameters;
        writer.WriteLine("/// <summary>Every tensor's weight-file name, Keras shape, buffer and offset, in declaration order.</summary>");
        writer.WriteLine($"private static readonly {RuntimeApi.TensorSpec}[] WeightSpecs =");
        writer.WriteLine("{");
        writer.Indent();
        foreach (var tensor in layout.All)
        {
            var shape = string.Join(", ", tensor.Tensor.Shape);
            var trainable = tensor.Tensor.Trainable ? "true" : "false";
            writer.WriteLine($"new {RuntimeApi.TensorSpec}({StringLiteral(tensor.FileName)}, new int[] {{ {shape} }}, {trainable}, {Literal(tensor.Offset)}),");
        }
        writer.Unindent();
        writer.WriteLine("};");
        writer.WriteLine();

        const string TensorNames = "<c>{layer}.kernel</c>, <c>{layer}.bias</c>, ...";
        writer.WriteLine($"/// <summary>Writes every parameter to a safetensors file ({TensorNames}, float32, Keras layouts).</summary>");
        writer.WriteLine("/// <param name=\"path\">The file to create or overwrite.</param>");
        writer.WriteLine($"public void SaveWeights(string path) => {RuntimeApi.WeightFile}.Save(path, WeightSpecs, _trainable, _state);");
        writer.WriteLine();
        writer.WriteLine($"/// <summary>Writes every parameter as safetensors ({TensorNames}, float32, Keras layouts) to <paramref name=\"stream\"/>.</summary>");
        writer.WriteLine("/// <param name=\"stream\">A writable stream; left open.</param>");
        writer.WriteLine($"public void SaveWeights(global::System.IO.Stream stream) => {RuntimeApi.WeightFile}.Save(stream, WeightSpecs, _trainable, _state);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>Reads every parameter from a safetensors file, checking each name, shape and dtype.</summary>");
        writer.WriteLine("/// <param name=\"path\">A file written by <see cref=\"SaveWeights(string)\"/> or by a script using the same names and layouts.</param>");
        writer.WriteLine("/// <exception cref=\"" + RuntimeApi.WeightFileException + "\">A tensor is missing, unexpected, of another shape or dtype, or the file is corrupt.</exception>");
        using (writer.WriteBlock("public void LoadWeights(string path)"))
        {
            // All or nothing: the file is checked whole before the weights change, inside the version's write window.
            writer.WriteLine($"{RuntimeApi.WeightFile}.Load(path, WeightSpecs, _trainable, _state, _weightVersion);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Reads every parameter as safetensors from <paramref name=\"stream\"/>, checking each name, shape and dtype.</summary>");
        writer.WriteLine("/// <param name=\"stream\">A readable stream positioned at the file's start; left open.</param>");
        writer.WriteLine("/// <exception cref=\"" + RuntimeApi.WeightFileException + "\">A tensor is missing, unexpected, of another shape or dtype, or the stream is corrupt.</exception>");
        using (writer.WriteBlock("public void LoadWeights(global::System.IO.Stream stream)"))
        {
            // All or nothing: the file is checked whole before the weights change, inside the version's write window.
            writer.WriteLine($"{RuntimeApi.WeightFile}.Load(stream, WeightSpecs, _trainable, _state, _weightVersion);");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Reads parameters from a safetensors file as <paramref name=\"options\"/> say: Keras or PyTorch layout (a PyTorch");
        writer.WriteLine("/// <c>state_dict</c>: OIHW kernels, <c>[out, in]</c> Linear weights whose columns after a Flatten are reordered from NCHW to");
        writer.WriteLine("/// NHWC), modules matched by order or by <see cref=\"" + RuntimeApi.WeightLoadOptions + ".LayerMap\"/>, strict or partial.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"path\">A safetensors file.</param>");
        writer.WriteLine("/// <param name=\"options\">Format, layer map and strictness.</param>");
        writer.WriteLine("/// <returns>What was loaded and what was not (missing, unexpected, other shape).</returns>");
        writer.WriteLine("/// <exception cref=\"" + RuntimeApi.WeightFileException + "\">Strict loading found a problem (nothing was changed), or the file is corrupt.</exception>");
        using (writer.WriteBlock($"public {RuntimeApi.WeightLoadReport} LoadWeights(string path, {RuntimeApi.WeightLoadOptions} options)"))
        {
            writer.WriteLine($"return {RuntimeApi.WeightFile}.Load(path, WeightSpecs, Layers, _trainable, _state, options, _weightVersion);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>Reads parameters as safetensors from <paramref name=\"stream\"/> as <paramref name=\"options\"/> say; see <see cref=\"LoadWeights(string, " + RuntimeApi.WeightLoadOptions + ")\"/>.</summary>");
        writer.WriteLine("/// <param name=\"stream\">A readable stream positioned at the file's start; left open.</param>");
        writer.WriteLine("/// <param name=\"options\">Format, layer map and strictness.</param>");
        writer.WriteLine("/// <returns>What was loaded and what was not (missing, unexpected, other shape).</returns>");
        writer.WriteLine("/// <exception cref=\"" + RuntimeApi.WeightFileException + "\">Strict loading found a problem (nothing was changed), or the stream is corrupt.</exception>");
        using (writer.WriteBlock($"public {RuntimeApi.WeightLoadReport} LoadWeights(global::System.IO.Stream stream, {RuntimeApi.WeightLoadOptions} options)"))
        {
            writer.WriteLine($"return {RuntimeApi.WeightFile}.Load(stream, WeightSpecs, Layers, _trainable, _state, options, _weightVersion);");
        }
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Reads a file written by <see cref=\"SaveWeights(string)\"/> (Keras names and layouts). With <paramref name=\"strict\"/> false it");
        writer.WriteLine("/// loads the tensors whose names and shapes match and leaves the rest (a new head on a trained body).");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"path\">A safetensors file.</param>");
        writer.WriteLine("/// <param name=\"strict\">True: every tensor must match or nothing is loaded (as <see cref=\"LoadWeights(string)\"/>).</param>");
        writer.WriteLine("/// <returns>What was loaded and what was not (missing, unexpected, other shape).</returns>");
        writer.WriteLine("/// <exception cref=\"" + RuntimeApi.WeightFileException + "\">Strict loading found a problem, or the file is corrupt.</exception>");
        writer.WriteLine($"public {RuntimeApi.WeightLoadReport} LoadWeights(string path, bool strict) => LoadWeights(path, new {RuntimeApi.WeightLoadOptions} {{ Strict = strict }});");
    }
}
