using Generated.Model;

namespace Generated.Generator.Tests;

public class ConvArithmeticTests
{
    private const int Valid = (int)PaddingKind.Valid;
    private const int Same = (int)PaddingKind.Same;

    [Theory]
    // Valid: floor((in - d*(k-1) - 1) / s) + 1
    [InlineData(3, 2, 1, 1, Valid, 2)]
    [InlineData(28, 5, 2, 1, Valid, 12)] // DESIGN.md: MNIST 28x28, 5x5 stride 2 -> 12x12
    [InlineData(12, 3, 2, 1, Valid, 5)]  // then 3x3 stride 2 -> 5x5
    [InlineData(10, 3, 1, 2, Valid, 6)]
    // Same: ceil(in / s)
    [InlineData(3, 2, 1, 1, Same, 3)]
    [InlineData(7, 3, 2, 1, Same, 4)]
    public void Forward_output_matches_keras(int input, int kernel, int stride, int dilation, int padding, int expected)
    {
        Assert.Equal(expected, ConvArithmetic.Forward(input, kernel, stride, dilation, (PaddingKind)padding).Output);
    }

    [Fact]
    public void Same_padding_puts_the_odd_cell_after()
    {
        // in 3, k 2, s 1: total padding 1, all of it at the bottom/right (TensorFlow).
        var axis = ConvArithmetic.Forward(3, 2, 1, 1, PaddingKind.Same);
        Assert.Equal((0, 1), (axis.PadBefore, axis.PadAfter));
        // in 6, k 4, s 2: out 3, total (3-1)*2+4-6 = 2, split 1/1.
        axis = ConvArithmetic.Forward(6, 4, 2, 1, PaddingKind.Same);
        Assert.Equal((3, 1, 1), (axis.Output, axis.PadBefore, axis.PadAfter));
    }

    [Fact]
    public void Valid_reports_unused_cells_and_nonpositive_outputs()
    {
        Assert.Equal(1, ConvArithmetic.Forward(28, 5, 2, 1, PaddingKind.Valid).Unused); // 12 windows reach row 26
        Assert.True(ConvArithmetic.Forward(4, 5, 1, 1, PaddingKind.Valid).Output <= 0);
    }

    [Theory]
    [InlineData(7, 3, 2, Same, 14)]
    [InlineData(7, 3, 2, Valid, 15)]  // in*s + max(k - s, 0)
    [InlineData(7, 2, 3, Valid, 21)]  // k < s: Keras gives in*s
    [InlineData(5, 5, 1, Valid, 9)]
    public void Transpose_output_matches_keras(int input, int kernel, int stride, int padding, int expected)
    {
        Assert.Equal(expected, ConvArithmetic.Transpose(input, kernel, stride, 1, (PaddingKind)padding).Output);
    }
}
