using Generated.Data;
using StbImageWriteSharp;
using WriteComponents = StbImageWriteSharp.ColorComponents;

namespace Generated.Runtime.Tests.Data;

public class ImageFolderTests
{
    private static void WritePng(string path, int width, int height, WriteComponents components, byte[] pixels)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        new ImageWriter().WritePng(pixels, width, height, components, stream);
    }

    private static byte[] Solid(int width, int height, params byte[] rgb) =>
        Enumerable.Range(0, width * height).SelectMany(_ => rgb).ToArray();

    [Fact]
    public void Infers_sorted_classes_and_labels_from_subfolders()
    {
        using var root = new TempDirectory();
        WritePng(root.File("dogs/b.png"), 3, 2, WriteComponents.RedGreenBlue, Solid(3, 2, 10, 20, 30));
        WritePng(root.File("dogs/a.PNG"), 3, 2, WriteComponents.RedGreenBlue, Solid(3, 2, 40, 50, 60));
        WritePng(root.File("cats/nested/c.png"), 3, 2, WriteComponents.RedGreenBlue, Solid(3, 2, 70, 80, 90));
        File.WriteAllText(root.File("cats/readme.txt"), "not an image");
        Directory.CreateDirectory(root.File("zebras")); // a class without images still counts

        ImageDataset dataset = ImageFolder.Load(root.Path, height: 2, width: 3);

        Assert.Equal(new[] { "cats", "dogs", "zebras" }, dataset.ClassNames);
        Assert.Equal(new TensorShape(2, 3, 3), dataset.SampleShape);
        Assert.Equal(new[] { 0, 1, 1 }, dataset.Labels.ToArray());
        Assert.Equal(new float[] { 70, 80, 90 }, dataset.GetImage(0)[..3].ToArray());
        Assert.Equal(new float[] { 40, 50, 60 }, dataset.GetImage(1)[..3].ToArray()); // a.PNG before b.png
        Assert.Equal(new float[] { 10, 20, 30 }, dataset.GetImage(2)[^3..].ToArray());
    }

    [Fact]
    public void Grayscale_keeps_exact_pixels_at_the_native_size()
    {
        using var root = new TempDirectory();
        byte[] pixels = { 0, 50, 100, 150, 200, 250 };
        WritePng(root.File("digits/x.png"), 3, 2, WriteComponents.Grey, pixels);

        ImageDataset dataset = ImageFolder.Load(root.Path, 2, 3, ColorMode.Grayscale);

        Assert.Equal(new TensorShape(2, 3, 1), dataset.SampleShape);
        Assert.Equal(pixels.Select(p => (float)p), dataset.GetImage(0).ToArray());
    }

    [Fact]
    public void Rgba_keeps_the_alpha_channel()
    {
        using var root = new TempDirectory();
        WritePng(root.File("a/x.png"), 1, 1, WriteComponents.RedGreenBlueAlpha, new byte[] { 1, 2, 3, 128 });
        Assert.Equal(new float[] { 1, 2, 3, 128 }, ImageFolder.Load(root.Path, 1, 1, ColorMode.Rgba).GetImage(0).ToArray());
    }

    [Fact]
    public void Resizes_bilinear_and_nearest_with_half_pixel_centres()
    {
        using var root = new TempDirectory();
        // 2x2 grey image [[0, 100], [200, 40]] upscaled to 4x4.
        WritePng(root.File("a/x.png"), 2, 2, WriteComponents.Grey, new byte[] { 0, 100, 200, 40 });

        float[] bilinear = ImageFolder.Load(root.Path, 4, 4, ColorMode.Grayscale, Interpolation.Bilinear).GetImage(0).ToArray();
        float[] nearest = ImageFolder.Load(root.Path, 4, 4, ColorMode.Grayscale, Interpolation.Nearest).GetImage(0).ToArray();

        // tf.image.resize(method="bilinear"): source positions -0.25, 0.25, 0.75, 1.25 (clamped), weights 0, .25, .75, 1.
        float[] rowTop = { 0, 25, 75, 100 };
        float[] rowBottom = { 200, 160, 80, 40 };
        float[] Row(float w) => rowTop.Zip(rowBottom, (a, b) => a + ((b - a) * w)).ToArray();
        float[] expected = Row(0).Concat(Row(0.25f)).Concat(Row(0.75f)).Concat(Row(1)).ToArray();
        Assert.Equal(expected, bilinear, (a, b) => Math.Abs(a - b) < 1e-4f);

        Assert.Equal(new float[] { 0, 0, 100, 100, 0, 0, 100, 100, 200, 200, 40, 40, 200, 200, 40, 40 }, nearest);

        // Downscaling 2x2 -> 1x1 samples the centre: the mean for bilinear.
        Assert.Equal(85f, ImageFolder.Load(root.Path, 1, 1, ColorMode.Grayscale).GetImage(0)[0], 4);
    }

    [Fact]
    public void Reads_jpeg_and_bmp_too()
    {
        using var root = new TempDirectory();
        Directory.CreateDirectory(root.File("a"));
        using (var jpg = File.Create(root.File("a/x.jpg")))
        {
            new ImageWriter().WriteJpg(Solid(8, 8, 120, 120, 120), 8, 8, WriteComponents.RedGreenBlue, jpg, 95);
        }

        using (var bmp = File.Create(root.File("a/y.bmp")))
        {
            new ImageWriter().WriteBmp(Solid(2, 2, 9, 8, 7), 2, 2, WriteComponents.RedGreenBlue, bmp);
        }

        ImageDataset dataset = ImageFolder.Load(root.Path, 2, 2);
        Assert.Equal(2, dataset.Count);
        Assert.All(dataset.GetImage(0).ToArray(), v => Assert.InRange(v, 115f, 125f)); // lossy
        Assert.Equal(new float[] { 9, 8, 7 }, dataset.GetImage(1)[..3].ToArray());
    }

    [Fact]
    public void Bad_folders_and_files_get_clear_errors()
    {
        using var root = new TempDirectory();
        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Load(root.File("missing"), 4, 4));
        Assert.Contains("one subfolder per class", Assert.Throws<InvalidDataException>(() => ImageFolder.Load(root.Path, 4, 4)).Message);

        Directory.CreateDirectory(root.File("empty"));
        Assert.Contains("hold no images", Assert.Throws<InvalidDataException>(() => ImageFolder.Load(root.Path, 4, 4)).Message);

        File.WriteAllBytes(root.File("empty/broken.png"), new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 });
        InvalidDataException broken = Assert.Throws<InvalidDataException>(() => ImageFolder.Load(root.Path, 4, 4));
        Assert.Contains("broken.png", broken.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.Load(root.Path, 0, 4));
    }
}
