using Generated.Data;

namespace Generated.Runtime.Tests.Data;

/// <summary>
/// ImageFolder.FromDirectory's listing, seeded shuffle and training/validation split against Keras'
/// image_dataset_from_directory (expected values from Tests/Fixtures/scripts/keras_image_folder_split.py).
/// Only file names matter here: prefetch 0 and no batch read, so the files stay empty and nothing is decoded.
/// </summary>
public class ImageFolderSplitTests
{
    private static readonly string[] Tree =
    {
        "roses/r2.png", "roses/r10.png", "roses/R1.PNG", "roses/notes.txt", "roses/sub/r0.jpg", "roses/sub b/r3.png",
        "daisy/d1.png", "daisy/d2.jpeg", "daisy/d3.bmp", "daisy/d4.gif",
        "tulips/t1.png", "tulips/t2.png", "tulips/t3.png", "tulips/t4.png", "tulips/t5.png",
    };

    private static TempDirectory MakeTree()
    {
        var root = new TempDirectory();
        foreach (string file in Tree)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(root.File(file))!);
            File.WriteAllBytes(root.File(file), Array.Empty<byte>());
        }

        return root;
    }

    private static string[] Relative(TempDirectory root, ImageFolderDataset dataset) =>
        dataset.FilePaths.Select(p => Path.GetRelativePath(root.Path, p).Replace('\\', '/')).ToArray();

    public static TheoryData<int, double, string[], int[], string[], int[]> KerasSplits() => new()
    {
        {
            123, 0.3,
            new[] { "roses/sub/r0.jpg", "tulips/t2.png", "roses/R1.PNG", "daisy/d1.png", "roses/r10.png", "tulips/t1.png", "roses/sub b/r3.png", "tulips/t3.png", "daisy/d4.gif", "daisy/d2.jpeg" },
            new[] { 1, 2, 1, 0, 1, 2, 1, 2, 0, 0 },
            new[] { "roses/r2.png", "tulips/t4.png", "daisy/d3.bmp", "tulips/t5.png" },
            new[] { 1, 2, 0, 2 }
        },
        {
            7, 0.2,
            new[] { "tulips/t4.png", "tulips/t3.png", "daisy/d3.bmp", "roses/r10.png", "daisy/d1.png", "daisy/d2.jpeg", "tulips/t5.png", "roses/sub b/r3.png", "roses/sub/r0.jpg", "tulips/t2.png", "daisy/d4.gif", "roses/r2.png" },
            new[] { 2, 2, 0, 1, 0, 0, 2, 1, 1, 2, 0, 1 },
            new[] { "tulips/t1.png", "roses/R1.PNG" },
            new[] { 2, 1 }
        },
    };

    [Theory]
    [MemberData(nameof(KerasSplits))]
    public void Training_and_validation_subsets_hold_the_files_keras_gives(
        int seed, double split, string[] training, int[] trainingLabels, string[] validation, int[] validationLabels)
    {
        using var root = MakeTree();

        using var train = ImageFolder.FromDirectory(root.Path, validationSplit: split, subset: ImageSubset.Training, seed: seed, prefetch: 0);
        using var val = ImageFolder.FromDirectory(root.Path, validationSplit: split, subset: ImageSubset.Validation, seed: seed, prefetch: 0);

        Assert.Equal(new[] { "daisy", "roses", "tulips" }, train.ClassNames);
        Assert.Equal(training, Relative(root, train));
        Assert.Equal(trainingLabels, train.Labels.ToArray());
        Assert.Equal(validation, Relative(root, val));
        Assert.Equal(validationLabels, val.Labels.ToArray());
    }

    [Fact]
    public void Split_from_directory_gives_the_two_subset_calls_disjoint_and_covering_every_file()
    {
        using var root = MakeTree();

        var (train, val) = ImageFolder.SplitFromDirectory(root.Path, validationSplit: 0.3, seed: 123, prefetch: 0);
        using var alsoTrain = ImageFolder.FromDirectory(root.Path, validationSplit: 0.3, subset: ImageSubset.Training, seed: 123, prefetch: 0);

        Assert.Equal(alsoTrain.FilePaths, train.FilePaths);
        Assert.Empty(train.FilePaths.Intersect(val.FilePaths));
        Assert.Equal(14, train.Count + val.Count); // notes.txt is not an image
        Assert.Equal(14, train.FilePaths.Concat(val.FilePaths).Distinct().Count());
        Assert.Equal((10, 4), (train.Count, val.Count)); // int(0.3 * 14) = 4 for validation
        train.Dispose();
        val.Dispose();
    }

    [Fact]
    public void The_same_seed_gives_the_same_order_and_another_seed_another()
    {
        using var root = MakeTree();

        using var a = ImageFolder.FromDirectory(root.Path, seed: 5, prefetch: 0);
        using var b = ImageFolder.FromDirectory(root.Path, seed: 5, prefetch: 0);
        using var c = ImageFolder.FromDirectory(root.Path, seed: 6, prefetch: 0);

        Assert.Equal(a.FilePaths, b.FilePaths);
        Assert.NotEqual(a.FilePaths, c.FilePaths);
        Assert.Equal(a.FilePaths.Order(StringComparer.Ordinal), c.FilePaths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_shuffling_files_come_class_by_class_folders_by_path_then_names()
    {
        using var root = MakeTree();

        using var all = ImageFolder.FromDirectory(root.Path, shuffle: false, prefetch: 0);

        // Keras walks roses/, roses/sub, roses/sub b (sorted roots), each folder's files sorted by name (code point).
        Assert.Equal(
            new[] { "daisy/d1.png", "daisy/d2.jpeg", "daisy/d3.bmp", "daisy/d4.gif", "roses/R1.PNG", "roses/r10.png", "roses/r2.png", "roses/sub/r0.jpg", "roses/sub b/r3.png", "tulips/t1.png", "tulips/t2.png", "tulips/t3.png", "tulips/t4.png", "tulips/t5.png" },
            Relative(root, all));
        Assert.Equal(new[] { 4, 5, 5 }, all.CountPerClass());
    }

    [Fact]
    public void Class_names_given_fix_the_labels_order()
    {
        using var root = MakeTree();

        using var all = ImageFolder.FromDirectory(root.Path, shuffle: false, classNames: new[] { "tulips", "daisy", "roses" }, prefetch: 0);

        Assert.Equal(new[] { "tulips", "daisy", "roses" }, all.ClassNames);
        Assert.Equal("tulips/t1.png", Relative(root, all)[0]);
        Assert.Equal(new[] { 5, 4, 5 }, all.CountPerClass());
    }

    [Fact]
    public void Class_names_that_are_not_the_subfolders_are_refused_with_both_lists()
    {
        using var root = MakeTree();

        var error = Assert.Throws<ArgumentException>(() => ImageFolder.FromDirectory(root.Path, classNames: new[] { "daisy", "roses" }, prefetch: 0));

        Assert.Contains("Expected: daisy, roses, tulips; received: daisy, roses", error.Message);
    }

    [Fact]
    public void A_split_without_a_seed_or_without_a_subset_is_refused()
    {
        using var root = MakeTree();

        var noSeed = Assert.Throws<ArgumentException>(() => ImageFolder.FromDirectory(root.Path, validationSplit: 0.2, subset: ImageSubset.Training));
        Assert.Equal("seed", noSeed.ParamName);
        var noSubset = Assert.Throws<ArgumentException>(() => ImageFolder.FromDirectory(root.Path, validationSplit: 0.2, seed: 1));
        Assert.Equal("subset", noSubset.ParamName);
        var noSplit = Assert.Throws<ArgumentException>(() => ImageFolder.FromDirectory(root.Path, subset: ImageSubset.Validation, seed: 1));
        Assert.Equal("validationSplit", noSplit.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.FromDirectory(root.Path, validationSplit: 1.0, subset: ImageSubset.Training, seed: 1));
    }

    [Fact]
    public void A_split_that_leaves_a_subset_empty_says_how_many_images_each_gets()
    {
        using var root = MakeTree();

        // int(0.05 * 14) = 0 validation files (Keras would silently return an empty training subset: samples[:-0]).
        var error = Assert.Throws<ArgumentException>(() => ImageFolder.SplitFromDirectory(root.Path, validationSplit: 0.05, seed: 1));

        Assert.Contains("leaves 14 for training and 0 for validation", error.Message);
        Assert.Contains(root.Path, error.Message);
    }

    [Fact]
    public void An_empty_class_folder_is_named_in_the_error()
    {
        using var root = MakeTree();
        Directory.CreateDirectory(root.File("sunflowers"));
        File.WriteAllText(root.File("sunflowers/readme.txt"), "no images yet");

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.FromDirectory(root.Path, prefetch: 0));

        Assert.Contains(root.File("sunflowers"), error.Message);
        Assert.Contains("holds no images", error.Message);
    }

    [Fact]
    public void A_missing_folder_a_folder_without_classes_and_binary_labels_for_three_classes_are_refused()
    {
        using var root = MakeTree();
        using var flat = new TempDirectory();
        File.WriteAllBytes(flat.File("a.png"), Array.Empty<byte>());

        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.FromDirectory(root.File("nowhere")));
        Assert.Contains("no subfolders", Assert.Throws<InvalidDataException>(() => ImageFolder.FromDirectory(flat.Path)).Message);
        var binary = Assert.Throws<ArgumentException>(() => ImageFolder.FromDirectory(root.Path, labelMode: LabelMode.Binary, prefetch: 0));
        Assert.Contains("daisy, roses, tulips", binary.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.FromDirectory(root.Path, imageSize: (0, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.FromDirectory(root.Path, batchSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFolder.FromDirectory(root.Path, prefetch: -1));
    }
}
