namespace Generated.Runtime.Tests;

public class TensorShapeTests
{
    [Fact]
    public void Image_shape_reports_size_and_keras_dimensions()
    {
        var shape = new TensorShape(28, 28, 1);
        Assert.Equal(784, shape.Size);
        Assert.Equal(new[] { 28, 28, 1 }, shape.ToArray());
        Assert.Equal("28x28x1", shape.ToString());
    }

    [Fact]
    public void Vector_shape_keeps_its_length_on_the_last_axis()
    {
        var shape = new TensorShape(10);
        Assert.Equal((1, 1, 1, 10), (shape.Rank, shape.Height, shape.Width, shape.Channels));
        Assert.Equal(new[] { 10 }, shape.ToArray());
        Assert.Equal("10", shape.ToString());
    }
}
