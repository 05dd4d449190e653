using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Generated.Model;
using Microsoft.CodeAnalysis;

namespace Generated.Analyzers;

/// <summary>
/// The shape-inferred model of each <c>[Network]</c> type that a call site uses, computed once per compilation
/// (many call sites name the same network). Null for types without <c>[Network]</c> and for invalid models,
/// whose errors <see cref="NetworkAnalyzer"/> reports and about which nothing else can be said.
/// </summary>
internal sealed class NetworkModels
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, NetworkModel?> _models = new(SymbolEqualityComparer.Default);

    public NetworkModel? Of(ITypeSymbol? type, CancellationToken cancellationToken)
    {
        if (type is not INamedTypeSymbol named || named.TypeKind != TypeKind.Class)
        {
            return null;
        }
        return _models.GetOrAdd(named, t =>
        {
            if (!t.GetAttributes().Any(a => DeclarationReader.IsNetworkAttribute(a.AttributeClass)))
            {
                return null;
            }
            var model = ShapeInference.Infer(DeclarationReader.Read(t, withLocations: false, cancellationToken));
            return model.IsValid ? model : null;
        });
    }
}
