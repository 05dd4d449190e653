using System.Globalization;
using Generated.Data;
using StbImageWriteSharp;

namespace ImageFolderPipelineSample;

/// <summary>
/// Writes an in-memory image data set as an image folder, one subfolder per class (<c>T-shirt_top/00017.png</c>), the
/// layout <c>image_dataset_from_directory</c> reads. A marker file records a finished folder so a second run skips it.
/// </summary>
public static class PngFolderWriter
{
    private const string MarkerName = ".complete";

    /// <summary>The folder name of a class: its name with characters a path cannot hold (such as '/') replaced by '_'.</summary>
    public static string FolderName(string className)
    {
        char[] invalid = Path.GetInvalidFileNameChars();
        var name = new char[className.Length];
        for (int i = 0; i < className.Length; i++)
        {
            char c = className[i];
            name[i] = c is '/' or '\\' || Array.IndexOf(invalid, c) >= 0 ? '_' : c;
        }

        return new string(name);
    }

    /// <summary>Whether a finished run wrote <paramref name="count"/> images into <paramref name="folder"/>.</summary>
    public static bool IsComplete(string folder, int count)
    {
        string marker = Path.Combine(folder, MarkerName);
        return File.Exists(marker) && File.ReadAllText(marker).Trim() == count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes the first <paramref name="count"/> images of <paramref name="data"/> (pixels 0..255, grey) under
    /// <paramref name="folder"/>, unless a previous run finished that folder with the same count; returns whether it wrote.
    /// </summary>
    public static bool WriteOnce(ImageDataset data, int count, string folder, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 1 || count > data.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Write 1 to {data.Count} images.");
        }

        if (data.SampleShape.Channels != 1)
        {
            throw new ArgumentException($"Only grey images are written here; the data set has {data.SampleShape}.", nameof(data));
        }

        if (IsComplete(folder, count))
        {
            log.WriteLine($"{folder}: already holds {count} PNGs, not written again.");
            return false;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true); // an interrupted or differently sized earlier run
        }

        foreach (string name in data.ClassNames)
        {
            Directory.CreateDirectory(Path.Combine(folder, FolderName(name)));
        }

        int height = data.SampleShape.Height;
        int width = data.SampleShape.Width;
        Parallel.For(0, count, () => (Writer: new ImageWriter(), Bytes: new byte[height * width]), (i, _, local) =>
        {
            ReadOnlySpan<float> pixels = data.GetImage(i);
            for (int p = 0; p < pixels.Length; p++)
            {
                local.Bytes[p] = (byte)Math.Clamp(MathF.Round(pixels[p]), 0, 255);
            }

            string path = Path.Combine(folder, FolderName(data.ClassNames[data.Labels[i]]), i.ToString("D5", CultureInfo.InvariantCulture) + ".png");
            using var stream = File.Create(path);
            local.Writer.WritePng(local.Bytes, width, height, ColorComponents.Grey, stream);
            return local;
        }, _ => { });

        File.WriteAllText(Path.Combine(folder, MarkerName), count.ToString(CultureInfo.InvariantCulture));
        log.WriteLine($"{folder}: wrote {count} PNGs in {data.ClassCount} class folders.");
        return true;
    }
}
