using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Generated.Data;

public static partial class ImageFolder
{
    /// <summary>Keras' default <c>image_size</c>.</summary>
    private const int DefaultImageSide = 256;

    /// <summary>
    /// Keras' <c>tf.keras.utils.image_dataset_from_directory</c>: an image folder (one subfolder per class) streamed
    /// from disk in batches, optionally one subset of a seeded training/validation split.
    /// </summary>
    /// <remarks>
    /// <code>
    /// train_ds = tf.keras.utils.image_dataset_from_directory(data_dir, validation_split=0.2, subset="training",
    ///     seed=123, image_size=(180, 180), batch_size=32)                                                   # Keras
    /// using var train = ImageFolder.FromDirectory(dataDir, validationSplit: 0.2, subset: ImageSubset.Training,
    ///     seed: 123, imageSize: (180, 180), batchSize: 32);                                                 // Generated
    /// </code>
    /// The split follows Keras exactly: the files are listed (classes in <see cref="ImageFolderDataset.ClassNames"/>
    /// order; within a class, folders by path and files by name), shuffled with NumPy's <c>RandomState(seed)</c>, and
    /// the last <c>int(validationSplit * files)</c> form the validation subset. The same folder, split and seed thus
    /// give the same, disjoint subsets as in Keras, and both subsets of one seed cover every file once.
    /// </remarks>
    /// <param name="directory">A folder whose subfolders are the classes.</param>
    /// <param name="imageSize">Height and width every image is resized to (Keras' default 256x256).</param>
    /// <param name="batchSize">Images per batch (the last may hold fewer).</param>
    /// <param name="labelMode">Class indices (default), one-hot rows, or 0/1 for two classes.</param>
    /// <param name="classNames">The subfolders in the order that defines the labels (default: sorted by name).</param>
    /// <param name="colorMode">Grayscale, RGB (default) or RGBA.</param>
    /// <param name="shuffle">Shuffle the file list with <paramref name="seed"/>, and each epoch's order.</param>
    /// <param name="seed">Seed of the shuffles, 0 to 2^31-1; required with a validation split (else a random one).</param>
    /// <param name="validationSplit">Fraction of the files held out for validation, in (0, 1); 0 for no split.</param>
    /// <param name="subset"><see cref="ImageSubset.Training"/> or <see cref="ImageSubset.Validation"/> with a split, else <see cref="ImageSubset.All"/>.</param>
    /// <param name="interpolation">Bilinear (default) or nearest resizing.</param>
    /// <param name="prefetch">Batches decoded ahead on a background thread (tf.data's <c>prefetch</c>); 0 decodes each batch when asked.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No class subfolders, or a class folder without images.</exception>
    /// <exception cref="ArgumentException">Inconsistent arguments, or a split that leaves a subset empty.</exception>
    public static ImageFolderDataset FromDirectory(
        string directory, (int Height, int Width)? imageSize = null, int batchSize = 32, LabelMode labelMode = LabelMode.Int,
        IReadOnlyList<string>? classNames = null, ColorMode colorMode = ColorMode.Rgb, bool shuffle = true, int? seed = null,
        double validationSplit = 0, ImageSubset subset = ImageSubset.All, Interpolation interpolation = Interpolation.Bilinear,
        int prefetch = 2)
    {
        if (subset is not (ImageSubset.All or ImageSubset.Training or ImageSubset.Validation))
        {
            throw new ArgumentOutOfRangeException(nameof(subset), subset, "Use ImageSubset.All, Training or Validation (SplitFromDirectory gives both).");
        }

        if ((validationSplit != 0) != (subset != ImageSubset.All))
        {
            throw new ArgumentException(
                "Pass validationSplit together with subset: ImageSubset.Training or ImageSubset.Validation (or SplitFromDirectory for both), and neither without the other.",
                validationSplit != 0 ? nameof(subset) : nameof(validationSplit));
        }

        var listing = List(directory, imageSize, batchSize, labelMode, classNames, colorMode, shuffle, ref seed, validationSplit, interpolation, prefetch);
        return subset == ImageSubset.All
            ? listing.Create(0, listing.Index.Files.Length)
            : CreateSubset(listing, subset);
    }

    /// <summary>
    /// Keras' <c>image_dataset_from_directory(..., subset="both")</c>: the training and the validation subset of one
    /// seeded split, listed once. Arguments as in <see cref="FromDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The split is not in (0, 1), no seed is given, or a subset would be empty.</exception>
    public static (ImageFolderDataset Training, ImageFolderDataset Validation) SplitFromDirectory(
        string directory, double validationSplit, int seed, (int Height, int Width)? imageSize = null, int batchSize = 32,
        LabelMode labelMode = LabelMode.Int, IReadOnlyList<string>? classNames = null, ColorMode colorMode = ColorMode.Rgb,
        bool shuffle = true, Interpolation interpolation = Interpolation.Bilinear, int prefetch = 2)
    {
        int? checkedSeed = seed;
        var listing = List(directory, imageSize, batchSize, labelMode, classNames, colorMode, shuffle, ref checkedSeed, validationSplit, interpolation, prefetch);
        if (validationSplit == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "SplitFromDirectory needs a validationSplit in (0, 1), e.g. 0.2.");
        }

        return (CreateSubset(listing, ImageSubset.Training), CreateSubset(listing, ImageSubset.Validation));
    }

    // Keras' get_training_or_validation_split: the last int(split * n) files are the validation subset.
    private static ImageFolderDataset CreateSubset(Listing listing, ImageSubset subset)
    {
        int total = listing.Index.Files.Length;
        int validation = (int)(listing.ValidationSplit * total);
        int training = total - validation;
        if (validation == 0 || training == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"validationSplit {listing.ValidationSplit} of the {total} images in '{listing.Directory}' leaves {training} for training and {validation} for validation (Keras takes int({listing.ValidationSplit} * {total}) = {validation}); both need at least one image: add images or change the split."),
                "validationSplit");
        }

        return subset == ImageSubset.Training ? listing.Create(0, training) : listing.Create(training, validation);
    }

    private static Listing List(
        string directory, (int Height, int Width)? imageSize, int batchSize, LabelMode labelMode, IReadOnlyList<string>? classNames,
        ColorMode colorMode, bool shuffle, ref int? seed, double validationSplit, Interpolation interpolation, int prefetch)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var (height, width) = imageSize ?? (DefaultImageSide, DefaultImageSide);
        if (height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(imageSize), string.Create(CultureInfo.InvariantCulture, $"The image size must be positive, got {height}x{width}."));
        }

        if (batchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive (Keras' default is 32).");
        }

        if (labelMode is not (LabelMode.Int or LabelMode.Categorical or LabelMode.Binary))
        {
            throw new ArgumentOutOfRangeException(nameof(labelMode), labelMode, "Use LabelMode.Int, Categorical or Binary.");
        }

        if (colorMode is not (ColorMode.Grayscale or ColorMode.Rgb or ColorMode.Rgba))
        {
            throw new ArgumentOutOfRangeException(nameof(colorMode), colorMode, "Use ColorMode.Grayscale, ColorMode.Rgb or ColorMode.Rgba.");
        }

        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear))
        {
            throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Images are resized with Interpolation.Bilinear or Interpolation.Nearest.");
        }

        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "validationSplit must be in (0, 1), e.g. 0.2 to hold out 20% of the images, or 0 for no split.");
        }

        if (prefetch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(prefetch), prefetch, "prefetch is a number of batches, 0 or more.");
        }

        if (seed is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "The seed must be 0 or more (NumPy's RandomState takes 0 to 2^32-1).");
        }

        if (validationSplit > 0 && shuffle && seed is null)
        {
            throw new ArgumentException(
                "A validation split with shuffling needs a seed, so that the training and the validation subset, made by two calls, hold out the same files (Keras asks for it too).",
                nameof(seed));
        }

        var index = ImageFolderIndex.Build(directory, classNames);
        if (labelMode == LabelMode.Binary && index.ClassNames.Length != 2)
        {
            throw new ArgumentException(
                $"LabelMode.Binary needs exactly 2 classes, but '{directory}' has {index.ClassNames.Length}: {string.Join(", ", index.ClassNames)}. Use LabelMode.Int or LabelMode.Categorical.",
                nameof(labelMode));
        }

        seed ??= new Random().Next();
        if (shuffle)
        {
            // Keras shuffles the paths and the labels with two RandomState(seed) of the same sequence: one permutation.
            var random = new NumPyRandomState((uint)seed.Value);
            var permutation = ImageDataset.Identity(index.Files.Length);
            random.Shuffle(permutation.AsSpan());
            Permute(index.Files, permutation);
            Permute(index.Labels, permutation);
        }

        var shape = new TensorShape(height, width, (int)colorMode);
        return new Listing(directory, index, shape, batchSize, labelMode, colorMode, interpolation, shuffle, seed.Value, prefetch, validationSplit);
    }

    private static void Permute<T>(T[] items, int[] permutation)
    {
        var copy = (T[])items.Clone();
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = copy[permutation[i]];
        }
    }

    private sealed class Listing(
        string directory, ImageFolderIndex index, TensorShape shape, int batchSize, LabelMode labelMode, ColorMode colorMode,
        Interpolation interpolation, bool shuffle, int seed, int prefetch, double validationSplit)
    {
        public string Directory => directory;

        public ImageFolderIndex Index => index;

        public double ValidationSplit => validationSplit;

        public ImageFolderDataset Create(int start, int count) => new(
            directory, index.ClassNames, index.Files.AsSpan(start, count).ToArray(), index.Labels.AsSpan(start, count).ToArray(),
            shape, batchSize, labelMode, colorMode, interpolation, shuffle, seed, prefetch);
    }
}
