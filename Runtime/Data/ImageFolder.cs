using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using StbImageSharp;

namespace Generated.Data;

/// <summary>
/// Loads a labelled image data set from a folder with one subfolder per class, like Keras'
/// <c>image_dataset_from_directory(labels="inferred")</c>.
/// </summary>
/// <remarks>
/// Class names are the subfolder names in ordinal (code point) order, the class index is the position
/// in that order, and every <c>.png</c>, <c>.jpg</c>, <c>.jpeg</c>, <c>.bmp</c> or <c>.gif</c> below a
/// class folder (recursively, in ordinal path order) is one sample. Images are decoded with
/// StbImageSharp (grayscale is stb's luminance <c>(77 R + 150 G + 29 B) / 256</c>), resized to the
/// requested size like <c>tf.image.resize</c> (half-pixel centres, no antialiasing; bilinear by
/// default as in Keras, or nearest), and kept as pixel values 0..255.
/// </remarks>
public static partial class ImageFolder
{
    /// <summary>
    /// Loads every image under <paramref name="directory"/>'s class subfolders as
    /// <paramref name="height"/> x <paramref name="width"/> x channels-of-<paramref name="colorMode"/>.
    /// </summary>
    /// <param name="directory">A folder whose subfolders are the classes.</param>
    /// <param name="height">Rows every image is resized to.</param>
    /// <param name="width">Columns every image is resized to.</param>
    /// <param name="colorMode">Decode to grayscale, RGB (default) or RGBA.</param>
    /// <param name="interpolation"><see cref="Interpolation.Bilinear"/> (default) or <see cref="Interpolation.Nearest"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no class subfolders or no images, or an image cannot be decoded.</exception>
    public static ImageDataset Load(
        string directory, int height, int width, ColorMode colorMode = ColorMode.Rgb, Interpolation interpolation = Interpolation.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(
                height <= 0 ? nameof(height) : nameof(width),
                string.Create(CultureInfo.InvariantCulture, $"The target size must be positive, got {height}x{width}."));
        }

        if (colorMode is not (ColorMode.Grayscale or ColorMode.Rgb or ColorMode.Rgba))
        {
            throw new ArgumentOutOfRangeException(nameof(colorMode), colorMode, "Use ColorMode.Grayscale, ColorMode.Rgb or ColorMode.Rgba.");
        }

        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Images are resized with Interpolation.Bilinear or Interpolation.Nearest.");
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The image folder '{directory}' does not exist.");
        }

        string[] classFolders = Directory.GetDirectories(directory);
        Array.Sort(classFolders, StringComparer.Ordinal);
        if (classFolders.Length == 0)
        {
            throw new InvalidDataException(
                $"'{directory}' has no subfolders; ImageFolder.Load expects one subfolder per class (e.g. cats/ and dogs/), each holding that class's images.");
        }

        var classNames = new string[classFolders.Length];
        var files = new List<(string Path, int Label)>();
        for (int c = 0; c < classFolders.Length; c++)
        {
            classNames[c] = Path.GetFileName(classFolders[c]);
            foreach (string file in ImageFiles(classFolders[c]))
            {
                files.Add((file, c));
            }
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException(
                $"The class folders of '{directory}' ({string.Join(", ", classNames)}) hold no images; supported files end in {string.Join(", ", ImageDecoder.Extensions)}.");
        }

        var shape = new TensorShape(height, width, (int)colorMode);
        var pixels = new float[(long)files.Count * shape.Size];
        var labels = new int[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            ImageResult image = ImageDecoder.Decode(files[i].Path, colorMode);
            ImageResize.Resize(image.Data, image.Height, image.Width, (int)colorMode, pixels.AsSpan(i * shape.Size, shape.Size), height, width, interpolation);
            labels[i] = files[i].Label;
        }

        return new ImageDataset(pixels, shape, labels, classNames.Length, classNames);
    }

    private static IEnumerable<string> ImageFiles(string classFolder)
    {
        var found = new List<string>();
        foreach (string file in Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories))
        {
            if (ImageDecoder.IsImageFile(file))
            {
                found.Add(file);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
