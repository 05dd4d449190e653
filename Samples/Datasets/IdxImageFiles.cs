using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Generated.Data;

/// <summary>Finds and loads the image/label IDX file pairs that MNIST-style data sets ship as.</summary>
internal static class IdxImageFiles
{
    /// <summary>
    /// The path of <paramref name="stem"/> (e.g. <c>train-images-idx3-ubyte</c>) in
    /// <paramref name="directory"/>, plain or <c>.gz</c>, also under the original site's
    /// <c>train-images.idx3-ubyte</c> spelling; null when none exists.
    /// </summary>
    public static string? Find(string directory, string stem)
    {
        string dotted = DottedName(stem);
        foreach (string name in new[] { stem, stem + ".gz", dotted, dotted + ".gz" })
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>
    /// Loads an image file (<c>[N, H, W]</c> or <c>[N, H, W, C]</c> unsigned bytes, pixels 0..255) and its
    /// label file (<c>[N]</c>), checking that both agree with each other and with the expected sizes.
    /// </summary>
    public static ImageDataset Load(
        string imagesPath, string labelsPath, int expectedCount, TensorShape expectedShape, IReadOnlyList<string> classNames)
    {
        IdxArray images = IdxReader.Read(imagesPath);
        IdxArray labels = IdxReader.Read(labelsPath);
        IReadOnlyList<int> dims = images.Dimensions;
        int channels = dims.Count == 4 ? dims[3] : 1;
        if (images.DataType != IdxDataType.UnsignedByte || dims.Count is not (3 or 4)
            || dims[1] != expectedShape.Height || dims[2] != expectedShape.Width || channels != expectedShape.Channels)
        {
            throw new IdxFormatException(
                imagesPath,
                $"'{imagesPath}' holds {images.DimensionsText} {images.DataType} values, but images of {expectedShape} unsigned bytes (N x {expectedShape.Height} x {expectedShape.Width}) were expected. Is it the right file?");
        }

        if (labels.Dimensions.Count != 1 || labels.DataType != IdxDataType.UnsignedByte)
        {
            throw new IdxFormatException(
                labelsPath,
                $"'{labelsPath}' holds {labels.DimensionsText} {labels.DataType} values, but a label file holds one unsigned byte per image. Is it the right file?");
        }

        if (dims[0] != expectedCount || labels.Length != expectedCount)
        {
            throw new IdxFormatException(
                dims[0] != expectedCount ? imagesPath : labelsPath,
                string.Create(CultureInfo.InvariantCulture, $"Expected {expectedCount} samples, but '{imagesPath}' has {dims[0]} images and '{labelsPath}' has {labels.Length} labels. Delete the files and fetch them again."));
        }

        int[] labelValues = labels.ToInt32Array();
        for (int i = 0; i < labelValues.Length; i++)
        {
            if (labelValues[i] >= classNames.Count)
            {
                throw new IdxFormatException(
                    labelsPath,
                    string.Create(CultureInfo.InvariantCulture, $"'{labelsPath}' gives sample {i} the label {labelValues[i]}, but the data set has only {classNames.Count} classes (0 to {classNames.Count - 1}). The file is corrupt."));
            }
        }

        return new ImageDataset(images.ToSingleArray(), expectedShape, labelValues, classNames.Count, classNames);
    }

    // "train-images-idx3-ubyte" -> "train-images.idx3-ubyte", as files from the original site are
    // often named once unpacked.
    private static string DottedName(string stem)
    {
        int dash = stem.LastIndexOf("-idx", StringComparison.Ordinal);
        return dash < 0 ? stem : string.Concat(stem.AsSpan(0, dash), ".", stem.AsSpan(dash + 1));
    }
}
