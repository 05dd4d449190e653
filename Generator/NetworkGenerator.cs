using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator;

/// <summary>
/// Expands each <c>[Network]</c> partial class into its forward/backward code, constants, summary and
/// weight I/O. Only the pipeline lives here; emission is in <c>NetworkGenerator.*.Syntax.cs</c>.
/// Invalid models get throwing stubs of the same members (<see cref="InvalidModelEmitter"/>): the analyzer reports why,
/// and code using the model still compiles, so the build fails on that error alone. Below C# 9
/// (<see cref="LanguageSupport"/>) nothing is added and the analyzer reports NNG0110.
/// This is the incremental pipeline of the Roslyn 4.3+ builds; Generator/Roslyn3.9 has the ISourceGenerator one for older compilers.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DeclarationReader.NetworkAttributeMetadataName,
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (context, cancellationToken) =>
                    DeclarationReader.Read((INamedTypeSymbol)context.TargetSymbol, withLocations: false, cancellationToken))
            .WithTrackingName(TrackingNames.Declarations);

        var models = declarations
            .Select(static (declaration, cancellationToken) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return ShapeInference.Infer(declaration);
            })
            .WithTrackingName(TrackingNames.Models);

        // A bool, so a change of parse options that keeps the language new enough leaves every output cached.
        var languageSupported = context.ParseOptionsProvider
            .Select(static (options, _) => LanguageSupport.IsSupported(options))
            .WithTrackingName(TrackingNames.LanguageSupported);

        var valid = models
            .Where(static model => model.IsValid)
            .WithTrackingName(TrackingNames.ValidModels);

        context.RegisterSourceOutput(valid.Combine(languageSupported), static (output, pair) =>
        {
            if (pair.Right)
            {
                output.AddSource(HintName(pair.Left.Declaration), Emit(pair.Left));
            }
        });

        // An invalid model gets its members' signatures with throwing bodies, so its error is the build's only one.
        var invalid = models
            .Where(static model => InvalidModelEmitter.CanEmit(model))
            .WithTrackingName(TrackingNames.InvalidModels);

        context.RegisterSourceOutput(invalid.Combine(languageSupported), static (output, pair) =>
        {
            if (pair.Right)
            {
                output.AddSource(HintName(pair.Left.Declaration), InvalidModelEmitter.Emit(pair.Left));
            }
        });
    }
}
