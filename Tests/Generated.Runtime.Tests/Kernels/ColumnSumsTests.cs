using Generated.Kernels;
using Generated.Kernels.Gemm;
using Generated.Runtime.Tests.Common;

namespace Generated.Runtime.Tests.Kernels;

/// <summary>The bias-gradient column sums against a double-precision loop, for every way the flat chunks and the rows can fall.</summary>
public unsafe class ColumnSumsTests
{
    public static IEnumerable<object[]> Shapes()
    {
        int[] columns = [1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 16, 17, 24, 64, 100, 127, 1000, 1023, 1024, 1025, 2000];
        int[] rows = [0, 1, 2, 3, 7, 8, 9, 33, 257];
        for (var i = 0; i < columns.Length; i++)
        {
            yield return [rows[i % rows.Length], columns[i]];
            yield return [rows[(i + 4) % rows.Length], columns[i]];
        }
        yield return [64 * 28 * 28, 1]; // an autoencoder's last layer at batch 64
        yield return [64 * 12 * 12, 10]; // a strided 10-filter layer
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddTo_adds_every_column_sum(int rows, int columns)
    {
        var data = TestData.Uniform(rows * columns, rows * 31 + columns);
        var sums = TestData.Uniform(columns, columns);
        var expected = new float[columns];
        for (var j = 0; j < columns; j++)
        {
            double sum = sums[j];
            for (var r = 0; r < rows; r++)
            {
                sum += data[r * columns + j];
            }
            expected[j] = (float)sum;
        }
        fixed (float* pointer = data)
        {
            ColumnSums.AddTo(rows, columns, pointer, sums);
        }
        NumericAssert.Close(expected, sums, 1e-4, $"{rows} x {columns}");
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(4, 64)]
    [InlineData(10, 80)]
    [InlineData(12, 72)]
    [InlineData(16, 64)]
    [InlineData(100, 200)]
    [InlineData(1000, 1000)]
    [InlineData(1023, 1023)]
    public void Period_is_whole_rows_and_several_whole_vectors_while_small(int columns, int period)
    {
        Assert.Equal(period, ColumnSums.Period(columns));
    }
}
