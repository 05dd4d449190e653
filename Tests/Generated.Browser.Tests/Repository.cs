namespace Generated.Browser.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder holding Generated.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Samples/DigitPad/wwwroot, the app's static assets as committed.</summary>
    public static string DigitPadAssets => Path.Combine(Root, "Samples", "DigitPad", "wwwroot");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Generated.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No Generated.sln above {AppContext.BaseDirectory}.");
    }
}
