using Generated.IO;

namespace GeneratedMnist.Native;

/// <summary>Turns an exception thrown while loading weights into a status code and the thread's error message.</summary>
internal static class Failures
{
    /// <summary>Missing or unreadable files, corrupt or mismatching weights, and everything else.</summary>
    public static Status FromLoad(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException =>
            LastError.Set(Status.FileNotFound, "Cannot open the weights file: " + exception.Message),
        WeightFileException or SafeTensorsFormatException =>
            LastError.Set(Status.InvalidWeights, exception.Message),
        IOException =>
            LastError.Set(Status.FileNotFound, "Cannot read the weights: " + exception.Message),
        _ => LastError.Set(Status.Internal, $"Loading the weights failed ({exception.GetType().Name}): {exception.Message}"),
    };
}
