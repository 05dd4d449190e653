using System;
using System.CommandLine;
using System.IO;
using Generated.Onnx.Import;

namespace Generated.Import;

/// <summary>The command line: <c>generated-import model.onnx [--name Class] [--namespace Ns] [--output dir]</c>.</summary>
internal static class ImportCommand
{
    /// <summary>Runs the tool; 0 on success, 1 when the model cannot be imported (the reason on <paramref name="error"/>), 2 on bad arguments.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var model = new Argument<FileInfo>("model") { Description = "The ONNX model (as torch.onnx.export writes it)." };
        var name = new Option<string?>("--name") { Description = "The network class's name (default: the file name in PascalCase)." };
        var ns = new Option<string?>("--namespace") { Description = "The class's namespace (default: none)." };
        var directory = new Option<DirectoryInfo?>("--output", "-o") { Description = "Where to write <Name>.cs and <Name>.safetensors (default: the current directory)." };
        var root = new RootCommand("Writes the [Network] declaration and the safetensors weights of an ONNX CNN. Nothing is written when an operator or shape cannot be expressed.")
        {
            model, name, ns, directory,
        };
        var exitCode = 0;
        root.SetAction(result =>
        {
            var file = result.GetValue(model)!;
            var className = result.GetValue(name) ?? ClassName(file.Name);
            try
            {
                var imported = OnnxImporter.Import(file.FullName, new ImportOptions(className, result.GetValue(ns)));
                var (sourcePath, weightsPath) = imported.Write(result.GetValue(directory)?.FullName ?? Directory.GetCurrentDirectory());
                output.WriteLine($"Wrote {sourcePath} and {weightsPath} ({imported.Weights.Count} tensors).");
                output.WriteLine(imported.OutputIsImage
                    ? "The output is a feature map: NHWC here, NCHW in the ONNX model."
                    : "Inputs are NHWC here (transpose PyTorch's NCHW images before Predict).");
            }
            catch (Exception e) when (e is OnnxImportException or ArgumentException or IOException)
            {
                error.WriteLine($"generated-import: {file.Name}: {e.Message}");
                exitCode = 1;
            }
        });
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine(problem.Message);
            }
            return 2;
        }
        var invoked = parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        return invoked != 0 ? invoked : exitCode;
    }

    /// <summary><c>m1_mnist-convnet.onnx</c> becomes <c>M1MnistConvnet</c>.</summary>
    public static string ClassName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var builder = new System.Text.StringBuilder();
        var upper = true;
        foreach (var c in stem)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        var name = builder.ToString();
        return name.Length == 0 ? "ImportedNetwork" : char.IsDigit(name[0]) ? "Model" + name : name;
    }
}
