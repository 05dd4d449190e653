using System;
using System.Collections.Generic;
using System.IO;

namespace Generated.Data;

/// <summary>
/// Zalando's Fashion-MNIST (Keras' <c>keras.datasets.fashion_mnist.load_data()</c>): 60,000 training and
/// 10,000 test images of clothing, 28x28x1, pixel values 0..255, ten classes named in <see cref="ClassNames"/>.
/// </summary>
/// <remarks>
/// Read from Debian's <c>dataset-fashion-mnist</c> package (<c>/usr/share/datasets/fashion-mnist</c>),
/// from <c>$GENERATED_DATA_DIR/fashion-mnist</c> when that folder holds the files, or from a folder
/// given to <see cref="Load"/>.
/// </remarks>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    internal const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Training samples.</summary>
    public const int TrainCount = 60_000;

    /// <summary>Test samples.</summary>
    public const int TestCount = 10_000;

    private static readonly string[] IdxFileNames =
    {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    };

    private static readonly string[] Names =
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <summary>The shape of one image.</summary>
    public static TensorShape ImageShape => new(28, 28, 1);

    /// <summary>The class names by label, as in the data set's documentation (<c>"T-shirt/top"</c> ... <c>"Ankle boot"</c>).</summary>
    public static IReadOnlyList<string> ClassNames => Names;

    /// <summary>The four IDX files' names (each may be stored gzip-compressed with <c>.gz</c>, as Debian does).</summary>
    public static IReadOnlyList<string> FileNames => IdxFileNames;

    /// <summary>
    /// The folder <see cref="Load"/> reads by default: <c>$GENERATED_DATA_DIR/fashion-mnist</c> if it
    /// holds the files, else <see cref="DebianDirectory"/>.
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            string? root = Environment.GetEnvironmentVariable(DataDirectories.DataDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(root))
            {
                string configured = Path.Combine(root, "fashion-mnist");
                if (AllFilesPresent(configured))
                {
                    return configured;
                }
            }

            return DebianDirectory;
        }
    }

    /// <summary>Whether the four files are in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    public static bool IsAvailable(string? directory = null) => AllFilesPresent(directory ?? DefaultDirectory);

    /// <summary>Loads the training and test sets from <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="DatasetUnavailableException">The files are not there; the message says which package to install or where to put which files.</exception>
    /// <exception cref="IdxFormatException">A file is damaged or has the wrong size.</exception>
    public static TrainTestDatasets Load(string? directory = null)
    {
        string folder = Path.GetFullPath(directory ?? DefaultDirectory);
        var paths = new string[IdxFileNames.Length];
        var missing = new List<string>();
        for (int i = 0; i < IdxFileNames.Length; i++)
        {
            string? path = IdxImageFiles.Find(folder, IdxFileNames[i]);
            if (path is null)
            {
                missing.Add(IdxFileNames[i]);
            }
            else
            {
                paths[i] = path;
            }
        }

        if (missing.Count > 0)
        {
            throw new DatasetUnavailableException(
                $"Fashion-MNIST is not in '{folder}' (missing: {string.Join(", ", missing)}). "
                + "Install Debian's package (sudo apt-get install dataset-fashion-mnist, or run scripts/setup.sh), "
                + $"or put the four IDX files ({string.Join(", ", IdxFileNames)}; plain or .gz) into a folder and pass it to FashionMnist.Load "
                + $"(or set {DataDirectories.DataDirectoryVariable} to a folder whose 'fashion-mnist' subfolder holds them).");
        }

        ImageDataset train = IdxImageFiles.Load(paths[0], paths[1], TrainCount, ImageShape, Names);
        ImageDataset test = IdxImageFiles.Load(paths[2], paths[3], TestCount, ImageShape, Names);
        return new TrainTestDatasets(train, test);
    }

    private static bool AllFilesPresent(string directory)
    {
        foreach (string name in IdxFileNames)
        {
            if (IdxImageFiles.Find(directory, name) is null)
            {
                return false;
            }
        }

        return true;
    }
}
