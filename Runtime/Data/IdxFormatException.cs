using System;
using System.IO;

namespace Generated.Data;

/// <summary>An IDX file (or a data set built from IDX files) is damaged, truncated or not what was expected.</summary>
public sealed class IdxFormatException : IOException
{
    /// <summary>Creates the exception for the file or stream named <paramref name="filePath"/>.</summary>
    public IdxFormatException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The path (or caller-given name) of the file that failed to load.</summary>
    public string FilePath { get; }
}
