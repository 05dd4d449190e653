using System.Collections.Generic;
using Generated.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Generator;

/// <summary>
/// The generator for compilers without ForAttributeWithMetadataName (Roslyn 3.9 to 4.2: Unity 2021.3 and 2022.3).
/// Same model, shape inference and emitters as the incremental pipeline (Generator/NetworkGenerator.cs), driven by
/// the original ISourceGenerator API: a syntax receiver collects the <c>[Network]</c> classes, and each compilation
/// emits them all. Below C# 9 (<see cref="LanguageSupport"/>) nothing is added and the analyzer reports NNG0110.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : ISourceGenerator
{
    /// <inheritdoc/>
    public void Initialize(GeneratorInitializationContext context) =>
        context.RegisterForSyntaxNotifications(static () => new NetworkClassReceiver());

    /// <inheritdoc/>
    public void Execute(GeneratorExecutionContext context)
    {
        if (context.SyntaxContextReceiver is not NetworkClassReceiver receiver || !LanguageSupport.IsSupported(context.ParseOptions))
        {
            return;
        }

        foreach (var type in receiver.Networks)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var model = ShapeInference.Infer(DeclarationReader.Read(type, withLocations: false, context.CancellationToken));
            if (model.IsValid)
            {
                context.AddSource(HintName(model.Declaration), Emit(model));
            }
            else if (InvalidModelEmitter.CanEmit(model))
            {
                // An invalid model gets its members' signatures with throwing bodies, so its error is the build's only one.
                context.AddSource(HintName(model.Declaration), InvalidModelEmitter.Emit(model));
            }
        }
    }

    /// <summary>The classes carrying <c>[Network]</c>, each once (a partial class is visited once per declaration), in source order.</summary>
    private sealed class NetworkClassReceiver : ISyntaxContextReceiver
    {
        private readonly HashSet<INamedTypeSymbol> _seen = new(SymbolEqualityComparer.Default);

        public List<INamedTypeSymbol> Networks { get; } = new();

        public void OnVisitSyntaxNode(GeneratorSyntaxContext context)
        {
            if (context.Node is ClassDeclarationSyntax { AttributeLists.Count: > 0 } syntax
                && context.SemanticModel.GetDeclaredSymbol(syntax) is INamedTypeSymbol type
                && HasNetworkAttribute(type)
                && _seen.Add(type))
            {
                Networks.Add(type);
            }
        }

        private static bool HasNetworkAttribute(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (DeclarationReader.IsNetworkAttribute(attribute.AttributeClass))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
