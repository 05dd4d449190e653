using System;

namespace Generated.Data;

/// <summary>
/// A data set's files are not on this machine and could not be fetched; the message says what to
/// install or where to put which files.
/// </summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception with instructions in <paramref name="message"/>.</summary>
    public DatasetUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
