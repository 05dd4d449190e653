namespace DigitPad;

/// <summary>
/// MNIST test digits shipped as wwwroot/test-digits.bin (made by Samples/DigitPad/scripts/make_test_digits.py):
/// records of one label byte followed by 784 pixel bytes (0..255, row by row).
/// </summary>
public sealed class TestDigits
{
    /// <summary>Bytes in one record: the label and the 28x28 pixels.</summary>
    public const int RecordSize = 1 + DigitNormalizer.Side * DigitNormalizer.Side;

    private readonly byte[] _records;

    /// <summary>Reads the records.</summary>
    /// <param name="records">The file's bytes.</param>
    /// <exception cref="InvalidDataException">Empty, not a whole number of records, or a label outside 0..9.</exception>
    public TestDigits(byte[] records)
    {
        if (records.Length == 0 || records.Length % RecordSize != 0)
        {
            throw new InvalidDataException($"test-digits.bin has {records.Length} bytes, not a whole number of {RecordSize}-byte records.");
        }
        for (var offset = 0; offset < records.Length; offset += RecordSize)
        {
            if (records[offset] > 9)
            {
                throw new InvalidDataException($"Record {offset / RecordSize} has label {records[offset]}, not a digit.");
            }
        }
        _records = records;
    }

    /// <summary>Number of digits.</summary>
    public int Count => _records.Length / RecordSize;

    /// <summary>The label of digit <paramref name="index"/>.</summary>
    public int Label(int index) => _records[Offset(index)];

    /// <summary>The 784 pixel bytes of digit <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Pixels(int index) => _records.AsSpan(Offset(index) + 1, RecordSize - 1);

    private int Offset(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index * RecordSize;
    }
}
