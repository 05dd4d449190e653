using System;
using System.IO;
using StbImageSharp;

namespace Generated.Data;

/// <summary>
/// Decodes one image file with StbImageSharp (managed C#, no native library) and resizes it like
/// <c>tf.image.resize</c>; the errors name the file.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>The file endings Keras' <c>image_dataset_from_directory</c> accepts (compared lower-cased).</summary>
    public static readonly string[] Extensions = { ".bmp", ".gif", ".jpeg", ".jpg", ".png" };

    /// <summary>Whether <paramref name="path"/> ends in one of <see cref="Extensions"/>, in any letter case.</summary>
    public static bool IsImageFile(string path) => Array.IndexOf(Extensions, Path.GetExtension(path).ToLowerInvariant()) >= 0;

    /// <summary>Decodes <paramref name="path"/> to the channels of <paramref name="colorMode"/>, pixel values 0..255.</summary>
    /// <exception cref="InvalidDataException">The file is not an image stb can decode.</exception>
    public static ImageResult Decode(string path, ColorMode colorMode)
    {
        var components = colorMode switch
        {
            ColorMode.Grayscale => ColorComponents.Grey,
            ColorMode.Rgba => ColorComponents.RedGreenBlueAlpha,
            _ => ColorComponents.RedGreenBlue,
        };
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return ImageResult.FromMemory(bytes, components);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
        {
            // stb reports unsupported or damaged files with these; say which file it was.
            throw new InvalidDataException($"'{path}' could not be decoded as an image ({exception.Message}). Remove or replace the file.", exception);
        }
    }

    /// <summary>Decodes <paramref name="path"/> and resizes it into <paramref name="destination"/> (<paramref name="shape"/>, HWC).</summary>
    public static void DecodeInto(string path, ColorMode colorMode, TensorShape shape, Interpolation interpolation, Span<float> destination)
    {
        ImageResult image = Decode(path, colorMode);
        ImageResize.Resize(image.Data, image.Height, image.Width, (int)colorMode, destination, shape.Height, shape.Width, interpolation);
    }
}
