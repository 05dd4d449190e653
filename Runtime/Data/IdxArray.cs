using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Generated.Data;

/// <summary>
/// The contents of one IDX file: element type, dimensions (outermost first) and the elements in the
/// file's big-endian byte order.
/// </summary>
public sealed class IdxArray
{
    private readonly int[] dimensions;
    private readonly byte[] data;

    internal IdxArray(IdxDataType dataType, int[] dimensions, byte[] data, long length)
    {
        DataType = dataType;
        this.dimensions = dimensions;
        this.data = data;
        Length = checked((int)length);
    }

    /// <summary>The element type the file declares.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions, outermost first (<c>[60000, 28, 28]</c> for MNIST's training images).</summary>
    public IReadOnlyList<int> Dimensions => dimensions;

    /// <summary>The number of elements (the product of <see cref="Dimensions"/>).</summary>
    public int Length { get; }

    /// <summary>The elements' bytes exactly as stored (multi-byte types are big-endian).</summary>
    public ReadOnlySpan<byte> RawData => data.AsSpan(0, Length * ElementSize(DataType));

    /// <summary>The dimensions written as <c>60000x28x28</c>.</summary>
    public string DimensionsText => FormatDimensions(dimensions);

    /// <summary>Every element converted to <see cref="float"/> (unsigned bytes become 0..255).</summary>
    public float[] ToSingleArray()
    {
        float[] result = GC.AllocateUninitializedArray<float>(Length);
        ReadOnlySpan<byte> bytes = RawData;
        switch (DataType)
        {
            case IdxDataType.UnsignedByte:
                TensorPrimitives.ConvertChecked<byte, float>(bytes, result); // exact: every byte is a float
                break;
            case IdxDataType.SignedByte:
                TensorPrimitives.ConvertChecked<sbyte, float>(MemoryMarshal.Cast<byte, sbyte>(bytes), result);
                break;
            case IdxDataType.Int16:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(2 * i));
                }

                break;
            case IdxDataType.Int32:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 * i));
                }

                break;
            case IdxDataType.Single:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.Slice(4 * i));
                }

                break;
            default:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(bytes.Slice(8 * i));
                }

                break;
        }

        return result;
    }

    /// <summary>Every element as an <see cref="int"/>; only for the integer element types (labels).</summary>
    /// <exception cref="InvalidOperationException">The file stores floating-point values.</exception>
    public int[] ToInt32Array()
    {
        var result = new int[Length];
        ReadOnlySpan<byte> bytes = RawData;
        switch (DataType)
        {
            case IdxDataType.UnsignedByte:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = bytes[i];
                }

                break;
            case IdxDataType.SignedByte:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = (sbyte)bytes[i];
                }

                break;
            case IdxDataType.Int16:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.Slice(2 * i));
                }

                break;
            case IdxDataType.Int32:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.Slice(4 * i));
                }

                break;
            default:
                throw new InvalidOperationException(
                    $"This IDX array stores {DataType} values; integer labels need an integer element type (ubyte, byte, short or int). Use ToSingleArray() for floating-point data.");
        }

        return result;
    }

    /// <summary>Bytes per element of <paramref name="dataType"/>.</summary>
    public static int ElementSize(IdxDataType dataType) => dataType switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Not an IDX element type."),
    };

    internal static string FormatDimensions(ReadOnlySpan<int> dimensions)
    {
        var parts = new string[dimensions.Length];
        for (int i = 0; i < dimensions.Length; i++)
        {
            parts[i] = dimensions[i].ToString(CultureInfo.InvariantCulture);
        }

        return string.Join("x", parts);
    }
}
