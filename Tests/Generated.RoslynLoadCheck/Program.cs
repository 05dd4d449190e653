// Loads Generated.Generator.dll and Generated.Analyzers.dll from one packed folder into compilations of the Roslyn this
// program was built with, and prints what they did, one fact a line, for RoslynLoadTests to check:
//   compiler <Microsoft.CodeAnalysis version loaded>
//   references <Microsoft.CodeAnalysis version the generator was built against>
//   generated <hint name>            (C# 9: the valid model's file)
//   compile-errors <count>           (the valid model with its generated code)
//   member <name>                    (members the generated code added)
//   diagnostic <id> <line>:<column>  (the analyzer on the invalid model; C# 8: on the valid one)
//   generated-csharp8 <count>        (files the generator adds at C# 8: none)
// Arguments: the analyzer folder, then the assemblies user code references (Generated.dll and its dependencies).
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

const string ValidModel = @"
using Generated;

namespace Samples
{
    [Network(28, 28, 1)]
    [Conv2D(8, 3, Activation = Activation.Relu)]
    [MaxPooling2D(2)]
    [Flatten]
    [Dense(10, Activation = Activation.Softmax)]
    public partial class Small
    {
    }
}
";
// The kernel 30x30 does not fit the 28x28 input: NNG0007 at line 7 of this text.
const string InvalidModel = @"
using Generated;

namespace Samples
{
    [Network(28, 28, 1)]
    [Conv2D(8, 30)]
    [Flatten]
    [Dense(10)]
    public partial class Broken
    {
    }
}
";

var folder = args[0];
Console.WriteLine("compiler " + typeof(Compilation).Assembly.GetName().Version);
var generatorAssembly = Assembly.LoadFrom(Path.Combine(folder, "Generated.Generator.dll"));
var analyzerAssembly = Assembly.LoadFrom(Path.Combine(folder, "Generated.Analyzers.dll"));
Console.WriteLine("references " + generatorAssembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis").Version);

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
    .Concat(args.Skip(1))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .ToList();

var generators = generatorAssembly.GetTypes()
    .Where(t => t.GetCustomAttributes(typeof(GeneratorAttribute), inherit: false).Length > 0)
    .Select(t => AsSourceGenerator(Activator.CreateInstance(t)!))
    .ToList();
var analyzers = analyzerAssembly.GetTypes()
    .Where(t => !t.IsAbstract && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

var csharp9 = new CSharpParseOptions(LanguageVersion.CSharp9);
var valid = Compile(ValidModel, csharp9);
GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: csharp9);
driver = driver.RunGeneratorsAndUpdateCompilation(valid, out var output, out var generatorDiagnostics);
foreach (var tree in driver.GetRunResult().GeneratedTrees)
{
    Console.WriteLine("generated " + Path.GetFileName(tree.FilePath));
}
foreach (var diagnostic in generatorDiagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error))
{
    Console.WriteLine("error " + diagnostic);
}
Console.WriteLine("compile-errors " + generatorDiagnostics.Concat(output.GetDiagnostics()).Count(d => d.Severity == DiagnosticSeverity.Error));
foreach (var name in new[] { "Predict", "Forward", "Backward", "SaveWeights", "ParameterCount" })
{
    if (output.GetTypeByMetadataName("Samples.Small")?.GetMembers(name).Length > 0)
    {
        Console.WriteLine("member " + name);
    }
}

ReportAnalyzerDiagnostics(Compile(InvalidModel, csharp9));

var csharp8 = new CSharpParseOptions(LanguageVersion.CSharp8);
var old = Compile(ValidModel, csharp8);
var oldDriver = CSharpGeneratorDriver.Create(generators, parseOptions: csharp8).RunGenerators(old);
Console.WriteLine("generated-csharp8 " + oldDriver.GetRunResult().GeneratedTrees.Length);
ReportAnalyzerDiagnostics(old);
return 0;

CSharpCompilation Compile(string source, CSharpParseOptions options) =>
    CSharpCompilation.Create("LoadCheck", new[] { CSharpSyntaxTree.ParseText(source, options, path: "Model.cs") }, references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

void ReportAnalyzerDiagnostics(Compilation compilation)
{
    var diagnostics = compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Console.WriteLine($"diagnostic {diagnostic.Id} {position.Line + 1}:{position.Character + 1} {diagnostic.GetMessage()}");
    }
}

static ISourceGenerator AsSourceGenerator(object generator) => generator switch
{
    ISourceGenerator source => source,
#if !ROSLYN3
    IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
#endif
    _ => throw new InvalidOperationException(generator.GetType() + " is no generator this Roslyn can run"),
};
