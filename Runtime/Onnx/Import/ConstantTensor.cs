using System;
using System.Buffers.Binary;
using System.Linq;
using Generated.Onnx.Protobuf;

namespace Generated.Onnx.Import;

/// <summary>An initializer or Constant node's value: dimensions and values as doubles (float, int64 and int32 tensors).</summary>
internal sealed record ConstantTensor(string Name, long[] Dims, double[] Values)
{
    public long Count => Dims.Aggregate(1L, (a, b) => a * b);

    /// <summary>The values as float32 (weights).</summary>
    public float[] Floats() => Array.ConvertAll(Values, v => (float)v);

    public static ConstantTensor From(TensorProto tensor, string name)
    {
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new OnnxImportException($"Tensor '{name}' keeps its data in an external file; save the model with the weights inside (torch.onnx.export does for models under 2 GB).");
        }
        var dims = tensor.Dims.ToArray();
        var count = dims.Aggregate(1L, (a, b) => a * b);
        var type = (TensorProto.Types.DataType)tensor.DataType;
        double[] values = type switch
        {
            TensorProto.Types.DataType.Float => tensor.RawData.Length > 0
                ? Raw(tensor, name, 4, count, bytes => BinaryPrimitives.ReadSingleLittleEndian(bytes))
                : tensor.FloatData.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Double => tensor.RawData.Length > 0
                ? Raw(tensor, name, 8, count, bytes => BinaryPrimitives.ReadDoubleLittleEndian(bytes))
                : tensor.DoubleData.ToArray(),
            TensorProto.Types.DataType.Int64 => tensor.RawData.Length > 0
                ? Raw(tensor, name, 8, count, bytes => BinaryPrimitives.ReadInt64LittleEndian(bytes))
                : tensor.Int64Data.Select(v => (double)v).ToArray(),
            TensorProto.Types.DataType.Int32 => tensor.RawData.Length > 0
                ? Raw(tensor, name, 4, count, bytes => BinaryPrimitives.ReadInt32LittleEndian(bytes))
                : tensor.Int32Data.Select(v => (double)v).ToArray(),
            _ => throw new OnnxImportException($"Tensor '{name}' has element type {type}; the importer reads float, double, int64 and int32 tensors."),
        };
        if (values.Length != count)
        {
            throw new OnnxImportException($"Tensor '{name}' has {values.Length} values but its shape [{string.Join(", ", dims)}] needs {count} (truncated or corrupt file).");
        }
        return new ConstantTensor(name, dims, values);
    }

    private delegate double Reader(ReadOnlySpan<byte> bytes);

    private static double[] Raw(TensorProto tensor, string name, int size, long count, Reader read)
    {
        var bytes = tensor.RawData.Span;
        if (bytes.Length != count * size)
        {
            throw new OnnxImportException($"Tensor '{name}' has {bytes.Length} bytes of data but its shape [{string.Join(", ", tensor.Dims)}] needs {count * size} (truncated or corrupt file).");
        }
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes.Slice(i * size, size));
        }
        return values;
    }
}
