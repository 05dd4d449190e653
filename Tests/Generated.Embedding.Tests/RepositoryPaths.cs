namespace Generated.Embedding.Tests;

/// <summary>Where the samples, the committed weights and this run's build output are.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds Generated.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The trained MNIST convnet weights committed for tests and samples (Samples/MnistWeights/README.md).</summary>
    public static string Weights => Path.Combine(Root, "Samples", "MnistWeights", "mnist_convnet.safetensors");

    /// <summary>Eight MNIST test digits with their labels and the managed model's scores.</summary>
    public static string ReferenceDigits => Path.Combine(Root, "Samples", "MnistWeights", "mnist_digits.safetensors");

    /// <summary>A file or folder of Samples/NativeLibrary.</summary>
    public static string NativeLibrarySample(params string[] parts) =>
        Path.Combine([Root, "Samples", "NativeLibrary", .. parts]);

    /// <summary>A project file of a sample.</summary>
    public static string SampleProject(string folder, string project) => Path.Combine(Root, "Samples", folder, project);

    /// <summary>This run's published binaries, C program and raw fixtures: inside the test's own bin folder.</summary>
    public static string BuildOutput { get; } = Path.Combine(AppContext.BaseDirectory, "embedding");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Generated.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Generated.sln above '{AppContext.BaseDirectory}'.");
    }
}
