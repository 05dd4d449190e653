using Generated.Data;

namespace Generated.Runtime.Tests.Data;

public class FashionMnistTests
{
    [FashionMnistFact]
    public void Loads_the_debian_files_with_balanced_classes()
    {
        (ImageDataset train, ImageDataset test) = FashionMnist.Load();

        Assert.Equal(new TensorShape(28, 28, 1), train.SampleShape);
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.All(train.CountPerClass(), n => Assert.Equal(6000, n));
        Assert.All(test.CountPerClass(), n => Assert.Equal(1000, n));
        Assert.Equal((0f, 255f), train.PixelRange());
        Assert.Equal("T-shirt/top", train.ClassNames[0]);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
        // The data set's README lists the first training labels: 9 (ankle boot), 0, 0, 3, 0.
        Assert.Equal(new[] { 9, 0, 0, 3, 0 }, train.Labels[..5].ToArray());
    }

    [Fact]
    public void Missing_folder_names_the_debian_package()
    {
        using var folder = new TempDirectory();
        DatasetUnavailableException error = Assert.Throws<DatasetUnavailableException>(() => FashionMnist.Load(folder.Path));
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains("scripts/setup.sh", error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Contains(folder.Path, error.Message);
    }
}
