using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Generated.IO;
using Generated.Onnx.Protobuf;
using Google.Protobuf;

namespace Generated.Onnx.Import;

/// <summary>What the importer is asked to write: the class's name and namespace.</summary>
/// <param name="ClassName">The network class (a C# identifier).</param>
/// <param name="Namespace">Its namespace, or null for the global one.</param>
public sealed record ImportOptions(string ClassName = "ImportedNetwork", string? Namespace = null);

/// <summary>An imported network: the C# declaration and its weights in the contract's layout (HWIO kernels, Dense [in, out], Keras names).</summary>
/// <param name="ClassName">The declared class.</param>
/// <param name="Source">The declaration: attributes on a partial class.</param>
/// <param name="Weights">One tensor per parameter, named as the generated class's <c>LoadWeights</c> expects.</param>
/// <param name="OutputIsImage">Whether the output is a feature map: NCHW in the ONNX model, NHWC in the declaration.</param>
public sealed record ImportedNetwork(string ClassName, string Source, IReadOnlyList<SafeTensor> Weights, bool OutputIsImage)
{
    /// <summary>
    /// Writes <c>{ClassName}.cs</c> and <c>{ClassName}.safetensors</c> into <paramref name="directory"/> (created if needed):
    /// both or neither, through temporary files.
    /// </summary>
    public (string SourcePath, string WeightsPath) Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var sourcePath = Path.Combine(directory, ClassName + ".cs");
        var weightsPath = Path.Combine(directory, ClassName + ".safetensors");
        var sourceTemporary = sourcePath + ".partial";
        var weightsTemporary = weightsPath + ".partial";
        try
        {
            File.WriteAllText(sourceTemporary, Source, new UTF8Encoding(false));
            SafeTensors.Write(weightsTemporary, Weights.ToList(), new Dictionary<string, string> { ["format"] = "generated", ["source"] = "generated-import" });
            File.Move(weightsTemporary, weightsPath, overwrite: true);
            File.Move(sourceTemporary, sourcePath, overwrite: true);
        }
        finally
        {
            File.Delete(sourceTemporary);
            File.Delete(weightsTemporary);
        }
        return (sourcePath, weightsPath);
    }
}

/// <summary>
/// Reads an ONNX CNN (as PyTorch's <c>torch.onnx.export</c> writes it) and translates it into a <c>[Network]</c>
/// declaration plus weights. Unsupported operators, shapes a declaration cannot express and corrupt files throw
/// <see cref="OnnxImportException"/> naming what was wrong.
/// </summary>
public static class OnnxImporter
{
    /// <summary>The ONNX operators the importer translates.</summary>
    public static IReadOnlyList<string> SupportedOperators => GraphTranslator.SupportedOperators;

    /// <summary>Imports the model file at <paramref name="path"/>.</summary>
    public static ImportedNetwork Import(string path, ImportOptions options)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new OnnxImportException($"Cannot read '{path}': {e.Message}", e);
        }
        return Import(bytes, options, Path.GetFileName(path));
    }

    /// <summary>Imports a model from its serialized bytes; <paramref name="sourceName"/> appears in the declaration's comment.</summary>
    public static ImportedNetwork Import(byte[] model, ImportOptions options, string sourceName = "model.onnx")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!SyntaxFacts.IsIdentifier(options.ClassName))
        {
            throw new ArgumentException($"'{options.ClassName}' is not a C# identifier.", nameof(options));
        }
        if (options.Namespace is { } ns && !ns.Split('.').All(SyntaxFacts.IsIdentifier))
        {
            throw new ArgumentException($"'{ns}' is not a C# namespace name.", nameof(options));
        }
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxImportException($"'{sourceName}' is not a valid ONNX model (corrupt or truncated protobuf: {e.Message}).", e);
        }
        if (proto.Graph is null || proto.Graph.Node.Count == 0)
        {
            throw new OnnxImportException($"'{sourceName}' has no graph or no nodes (empty, truncated or not an ONNX model).");
        }
        var opset = proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;
        if (opset is < 7)
        {
            throw new OnnxImportException($"'{sourceName}' declares ONNX opset {opset}; the importer reads opset 7 and newer.");
        }
        var translator = new GraphTranslator(proto.Graph);
        translator.Translate();
        return DeclarationWriter.Write(translator, options, sourceName, $"opset {opset}, producer {proto.ProducerName} {proto.ProducerVersion}".TrimEnd());
    }

    /// <summary>Identifier check without Roslyn.</summary>
    private static class SyntaxFacts
    {
        public static bool IsIdentifier(string name) =>
            name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
    }
}
