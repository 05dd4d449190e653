using System;
using System.IO;

namespace Generated.Data;

/// <summary>Where downloaded data sets are cached on this machine.</summary>
internal static class DataDirectories
{
    /// <summary>The environment variable that moves the cache root (each data set gets a subfolder).</summary>
    internal const string DataDirectoryVariable = "GENERATED_DATA_DIR";

    /// <summary>
    /// The cache root: <c>$GENERATED_DATA_DIR</c> when set, else <c>$XDG_CACHE_HOME/generated</c>,
    /// else <c>~/.cache/generated</c>.
    /// </summary>
    internal static string CacheRoot
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable(DataDirectoryVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return configured;
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg))
            {
                return Path.Combine(xdg, "generated");
            }

            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return string.IsNullOrEmpty(home)
                ? Path.Combine(Path.GetTempPath(), "generated")
                : Path.Combine(home, ".cache", "generated");
        }
    }

    /// <summary>The cache folder of one data set: <c>CacheRoot/name</c>.</summary>
    internal static string For(string datasetName) => Path.Combine(CacheRoot, datasetName);
}
