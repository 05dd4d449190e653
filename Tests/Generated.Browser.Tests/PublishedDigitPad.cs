using System.Diagnostics;
using Generated.Tests;

namespace Generated.Browser.Tests;

/// <summary>
/// Samples/DigitPad published once per test run (Release) into a temporary folder and served on 127.0.0.1,
/// with the download sizes of the publish measured.
/// </summary>
public sealed class PublishedDigitPad : IDisposable
{
    private readonly string _publishFolder;
    private readonly StaticFileServer _server;

    public PublishedDigitPad()
    {
        RepositoryRoot = Repository.Root;
        _publishFolder = Path.Combine(Path.GetTempPath(), "digitpad-publish-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        Publish(Path.Combine(RepositoryRoot, "Samples", "DigitPad", "DigitPad.csproj"), _publishFolder);
        PublishSeconds = clock.Elapsed.TotalSeconds;
        WebRoot = Path.Combine(_publishFolder, "wwwroot");
        _server = new StaticFileServer(WebRoot);
    }

    /// <summary>The folder holding Generated.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The published static site.</summary>
    public string WebRoot { get; }

    /// <summary>How long `dotnet publish` took.</summary>
    public double PublishSeconds { get; }

    /// <summary>The site's address, ending in '/'.</summary>
    public string BaseUrl => _server.BaseUrl;

    /// <summary>Bytes of the _framework files as published (uncompressed), and of their .br and .gz copies.</summary>
    public (long Raw, long Brotli, long Gzip, int Files) FrameworkSize()
    {
        var files = Directory.GetFiles(Path.Combine(WebRoot, "_framework"), "*", SearchOption.AllDirectories);
        long Sum(IEnumerable<string> paths) => paths.Sum(path => new FileInfo(path).Length);
        var raw = files.Where(path => !path.EndsWith(".br", StringComparison.Ordinal) && !path.EndsWith(".gz", StringComparison.Ordinal)).ToArray();
        return (Sum(raw), Sum(files.Where(path => path.EndsWith(".br", StringComparison.Ordinal))),
            Sum(files.Where(path => path.EndsWith(".gz", StringComparison.Ordinal))), raw.Length);
    }

    private static void Publish(string project, string output) =>
        ChildProcess.Dotnet(Path.GetDirectoryName(project)!, TimeSpan.FromMinutes(8), "publish", project, "-c", "Release", "-o", output, "-nologo")
            .EnsureSuccess("dotnet publish of Samples/DigitPad");

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_publishFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
