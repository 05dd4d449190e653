using System.Text.RegularExpressions;
using Generated.Tests;

namespace Generated.Generator.Tests.Package;

/// <summary>
/// A real <c>dotnet build</c> of a library written as Unity's compiler takes it: <c>&lt;LangVersion&gt;9&lt;/LangVersion&gt;</c>,
/// nullable on, warnings as errors, one ProjectReference to the runtime project (README's from-source recipe). It declares
/// a network and uses its generated members and the training API, and builds clean; at <c>LangVersion</c> 8 the same
/// model fails with NNG0110 alone.
/// The library targets net8.0 while the runtime has no netstandard2.1 build; once it has, this consumer targets
/// netstandard2.1, the API level Unity exposes (<see cref="ConsumerFramework"/>).
/// </summary>
[Collection(nameof(RepositoryBuildCollection))]
public sealed partial class LangVersion9ConsumerTests : IDisposable
{
    /// <summary>The consumer's target framework.</summary>
    private const string ConsumerFramework = "net8.0";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Directory.CreateTempSubdirectory("generated-csharp9-").FullName;

    // C# 9 throughout: block namespaces, classes with bodies, no global usings.
    private const string Model = """
        using Generated;

        namespace Game
        {
            [Network(28, 28, 1)]
            [Conv2D(8, 3, Activation = Activation.Relu)]
            [MaxPooling2D(2)]
            [Flatten]
            [Dropout(0.25)]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class DigitNet
            {
            }
        }
        """;

    private const string Usage = """
        using System;
        using System.IO;
        using Generated;
        using Generated.Training;

        namespace Game
        {
            public static class DigitReader
            {
                public static int Classify(DigitNet network, float[] pixels)
                {
                    if (pixels.Length != DigitNet.InputSize)
                    {
                        throw new ArgumentException("expected " + DigitNet.InputSize + " pixels", nameof(pixels));
                    }
                    Span<float> scores = stackalloc float[DigitNet.OutputSize];
                    network.Predict(pixels, scores);
                    var best = 0;
                    for (var i = 1; i < scores.Length; i++)
                    {
                        if (scores[i] > scores[best])
                        {
                            best = i;
                        }
                    }
                    return best;
                }

                public static Trainer Trainer(DigitNet network) => network.Compile(new Adam(), Loss.CategoricalCrossentropy, Metric.Accuracy);

                public static byte[] Weights(DigitNet network)
                {
                    using var stream = new MemoryStream();
                    network.SaveWeights(stream);
                    return stream.ToArray();
                }

                public static string Describe() => DigitNet.Summary + Environment.NewLine + DigitNet.ParameterCount;
            }
        }
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    [Fact]
    public void A_csharp_9_library_builds_with_the_generated_code_and_csharp_8_gets_nng0110_alone()
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, "Game")).FullName;
        File.WriteAllText(Path.Combine(app, "DigitNet.cs"), Model);
        File.WriteAllText(Path.Combine(app, "DigitReader.cs"), Usage);
        File.WriteAllText(Path.Combine(app, "Game.csproj"), Project("9"));
        var (code, output) = ChildProcess.Dotnet(app, Timeout, "build", "-c", "Release", "-tl:off", "-nologo");
        Assert.True(code == 0, "the C# 9 library should build:\n" + output);
        Assert.DoesNotMatch("(CS8032|CS8784|AD0001|warning)", output);

        // C# 8: the model alone (code using its members would fail too, the generator having added none).
        File.Delete(Path.Combine(app, "DigitReader.cs"));
        File.WriteAllText(Path.Combine(app, "Game.csproj"), Project("8"));
        (code, output) = ChildProcess.Dotnet(app, Timeout, "build", "-c", "Release", "-tl:off", "-nologo");
        Assert.True(code != 0, "the C# 8 library should not build:\n" + output);
        var errors = ErrorLine().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        var error = Assert.Single(errors);
        Assert.Matches(@"DigitNet\.cs\(5,6\): error NNG0110: Network 'DigitNet' needs C# 9\.0 or newer for its generated code, but this project compiles C# 8\.0", error);
    }

    private static string Project(string languageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>{ConsumerFramework}</TargetFramework>
            <LangVersion>{languageVersion}</LangVersion>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
        {Readme.ProjectReferences(Documentation.RepositoryFiles.Root)}</Project>
        """;

    [GeneratedRegex(@"[^\s]+\(\d+,\d+\): error [A-Z]+\d+: [^\[\r\n]*")]
    private static partial Regex ErrorLine();
}
