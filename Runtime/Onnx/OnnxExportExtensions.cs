using System;
using System.IO;
using Generated.Onnx.Export;
using Google.Protobuf;

namespace Generated;

/// <summary><c>model.ExportOnnx(path)</c>: any generated network as a standard ONNX model (package <c>Generated.Onnx</c>).</summary>
public static class OnnxExportExtensions
{
    /// <summary>
    /// Writes <paramref name="network"/> as an ONNX model (opset 17) with input <c>input</c> <c>[N, H, W, C]</c> and output
    /// <c>output</c> in the network's NHWC layout (or <c>[N, C]</c>). A layer the exporter cannot translate exactly throws
    /// <see cref="NotSupportedException"/> naming it, and no file is left behind.
    /// </summary>
    public static void ExportOnnx(this INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var model = OnnxExporter.Build(network, network.GetType().Name);
        var temporary = path + ".partial";
        try
        {
            using (var stream = File.Create(temporary))
            {
                model.WriteTo(stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/> (nothing is written when a layer is not supported).</summary>
    public static void ExportOnnx(this INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        OnnxExporter.Build(network, network.GetType().Name).WriteTo(stream);
    }
}
