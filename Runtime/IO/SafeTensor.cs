using System;

namespace Generated.IO;

/// <summary>One tensor of a safetensors file: name, element type, shape and (for F32) its values.</summary>
public sealed class SafeTensor
{
    /// <summary>Creates a float32 tensor.</summary>
    public SafeTensor(string name, int[] shape, float[] data)
        : this(name, SafeTensors.Float32, shape, data)
    {
        if (data.LongLength != ElementCount)
        {
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(", ", shape)}] ({ElementCount} values) but {data.Length} values were given.", nameof(data));
        }
    }

    internal SafeTensor(string name, string dtype, int[] shape, float[]? data)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The tensor's key in the file, e.g. <c>conv2d.kernel</c>.</summary>
    public string Name { get; }

    /// <summary>The safetensors dtype string (<c>F32</c>, <c>F16</c>, <c>I64</c>, ...).</summary>
    public string DType { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>The values for <c>F32</c> tensors; null for other dtypes (this library stores float32 only).</summary>
    public float[]? Data { get; }

    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var dimension in Shape)
            {
                count *= dimension;
            }
            return count;
        }
    }

    /// <summary>The shape as Python prints it, e.g. <c>[3, 3, 1, 32]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
