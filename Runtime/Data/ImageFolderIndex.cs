using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Generated.Data;

/// <summary>
/// The files and labels of a folder with one subfolder per class, listed in the order of Keras'
/// <c>dataset_utils.index_directory</c>: classes by sorted subfolder name (or the caller's order), and within a
/// class the folders of its tree sorted by path, each folder's files sorted by name.
/// </summary>
internal sealed class ImageFolderIndex
{
    private ImageFolderIndex(string[] classNames, string[] files, int[] labels)
    {
        ClassNames = classNames;
        Files = files;
        Labels = labels;
    }

    /// <summary>The class names; a label is an index into them.</summary>
    public string[] ClassNames { get; }

    /// <summary>Every image's path, class after class.</summary>
    public string[] Files { get; }

    /// <summary>Each image's class index.</summary>
    public int[] Labels { get; }

    /// <summary>Lists <paramref name="directory"/>; <paramref name="classNames"/> (optional) fixes the classes' order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not name exactly the subfolders.</exception>
    /// <exception cref="InvalidDataException">No class subfolders, or a class folder without images.</exception>
    public static ImageFolderIndex Build(string directory, IReadOnlyList<string>? classNames)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The image folder '{directory}' does not exist.");
        }

        var subfolders = new List<string>();
        foreach (string folder in Directory.GetDirectories(directory))
        {
            subfolders.Add(Path.GetFileName(folder));
        }

        subfolders.Sort(StringComparer.Ordinal);
        if (subfolders.Count == 0)
        {
            throw new InvalidDataException(
                $"'{directory}' has no subfolders; an image folder holds one subfolder per class (e.g. daisy/, roses/, tulips/), each with that class's images.");
        }

        string[] classes = subfolders.ToArray();
        if (classNames is not null)
        {
            classes = CheckedClassNames(classNames, subfolders, directory);
        }

        var files = new List<string>();
        var labels = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            string classFolder = Path.Combine(directory, classes[c]);
            int before = files.Count;
            AddImages(classFolder, files);
            if (files.Count == before)
            {
                throw new InvalidDataException(
                    $"The class folder '{classFolder}' holds no images (files ending in {string.Join(", ", ImageDecoder.Extensions)}); " +
                    "add images or remove the folder, since a class without examples cannot be learned.");
            }

            for (int i = before; i < files.Count; i++)
            {
                labels.Add(c);
            }
        }

        return new ImageFolderIndex(classes, files.ToArray(), labels.ToArray());
    }

    // Keras' iter_valid_files: sorted(os.walk(directory), key=root), then each folder's files sorted by name.
    private static void AddImages(string classFolder, List<string> files)
    {
        var folders = new List<string> { classFolder };
        folders.AddRange(Directory.GetDirectories(classFolder, "*", SearchOption.AllDirectories));
        folders.Sort(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (string folder in folders)
        {
            names.Clear();
            foreach (string file in Directory.GetFiles(folder))
            {
                if (ImageDecoder.IsImageFile(file))
                {
                    names.Add(Path.GetFileName(file));
                }
            }

            names.Sort(StringComparer.Ordinal);
            foreach (string name in names)
            {
                files.Add(Path.Combine(folder, name));
            }
        }
    }

    private static string[] CheckedClassNames(IReadOnlyList<string> classNames, List<string> subfolders, string directory)
    {
        var given = new string[classNames.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < given.Length; i++)
        {
            given[i] = classNames[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"classNames[{i}] is null; give the subfolder names."), nameof(classNames));
            if (!seen.Add(given[i]))
            {
                throw new ArgumentException($"classNames lists '{given[i]}' twice.", nameof(classNames));
            }
        }

        if (!seen.SetEquals(subfolders))
        {
            throw new ArgumentException(
                $"classNames must name exactly the subfolders of '{directory}' (in the order you want as labels). Expected: {string.Join(", ", subfolders)}; received: {string.Join(", ", given)}.",
                nameof(classNames));
        }

        return given;
    }
}
