using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator;

/// <summary>
/// Expands each <c>[Network]</c> partial class into its forward/backward code, constants, summary and
/// weight I/O. Only the pipeline lives here; emission is in <c>NetworkGenerator.*.Syntax.cs</c>.
/// Invalid models get throwing stubs of the same members (<see cref="InvalidModelEmitter"/>): the analyzer reports why,
/// and code using the model still compiles, so the build fails on that error alone.
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

        var valid = models
            .Where(static model => model.IsValid)
            .WithTrackingName(TrackingNames.ValidModels);

        context.RegisterSourceOutput(valid, static (output, model) =>
            output.AddSource(HintName(model.Declaration), Emit(model)));

        // An invalid model gets its members' signatures with throwing bodies, so its error is the build's only one.
        var invalid = models
            .Where(static model => InvalidModelEmitter.CanEmit(model))
            .WithTrackingName(TrackingNames.InvalidModels);

        context.RegisterSourceOutput(invalid, static (output, model) =>
            output.AddSource(HintName(model.Declaration), InvalidModelEmitter.Emit(model)));
    }

    private static string HintName(NetworkDeclaration declaration)
    {
        var containing = string.Concat(System.Linq.Enumerable.Select(declaration.ContainingTypes, t => t.Name + "."));
        return (declaration.Namespace is null ? "" : declaration.Namespace + ".") + containing + declaration.TypeName + ".g.cs";
    }
}
