using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Generated.Model;

/// <summary>
/// Reads the <c>[Network]</c> and layer attributes of a class into a <see cref="NetworkDeclaration"/>:
/// the only place that touches Roslyn symbols. Used by the generator (without locations, so moving
/// code does not invalidate its cache) and by the analyzers (with locations).
/// </summary>
internal static class DeclarationReader
{
    public const string Namespace = "Generated";
    public const string NetworkAttributeMetadataName = "Generated.NetworkAttribute";
    public const string LayerAttributeMetadataName = "Generated.LayerAttribute";

    /// <summary>The layer kind of an attribute class, or null when it is not a layer attribute of ours.</summary>
    public static LayerKind? LayerKindOf(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || attributeClass.ContainingNamespace?.ToDisplayString() != Namespace || !attributeClass.Name.EndsWith("Attribute"))
        {
            return null;
        }
        var baseType = attributeClass.BaseType;
        if (baseType is null || baseType.Name != "LayerAttribute" || baseType.ContainingNamespace?.ToDisplayString() != Namespace)
        {
            return null;
        }
        var name = attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length);
        return System.Enum.TryParse<LayerKind>(name, out var kind) ? kind : null;
    }

    public static bool IsNetworkAttribute(INamedTypeSymbol? attributeClass) =>
        attributeClass is { Name: "NetworkAttribute" } && attributeClass.ContainingNamespace?.ToDisplayString() == Namespace;

    public static NetworkDeclaration Read(INamedTypeSymbol type, bool withLocations, CancellationToken cancellationToken)
    {
        var attributes = type.GetAttributes();
        AttributeData? network = null;
        var layers = new List<LayerDeclaration>();
        var hasErrors = false;
        var declaringNodes = new HashSet<SyntaxNode>();
        foreach (var attribute in attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attributeClass = attribute.AttributeClass;
            var isNetwork = IsNetworkAttribute(attributeClass);
            var kind = LayerKindOf(attributeClass);
            if (!isNetwork && kind is null)
            {
                continue;
            }
            if (attribute.AttributeConstructor is null || attributeClass is IErrorTypeSymbol
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                hasErrors = true;
                continue;
            }
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax && syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
            {
                declaringNodes.Add(owner);
            }
            if (isNetwork)
            {
                network = attribute;
            }
            else
            {
                layers.Add(ReadLayer(kind!.Value, attribute, withLocations, cancellationToken));
            }
        }

        var input = TensorShape.Vector(0);
        var networkArguments = EquatableArray<ArgumentLocation>.Empty;
        var budgets = NetworkBudgets.None;
        if (network is not null)
        {
            var values = Arguments(network);
            budgets = new NetworkBudgets(AsLong(values, "MaxParameters"), AsLong(values, "MaxMultiplyAdds"), AsLong(values, "MaxActivationBytes"));
            input = values.TryGetValue("features", out var features)
                ? TensorShape.Vector(AsInt(features))
                : TensorShape.Image(AsInt(values, "height"), AsInt(values, "width"), AsInt(values, "channels"));
            if (withLocations)
            {
                networkArguments = ArgumentLocations(network, cancellationToken);
            }
        }

        var syntaxNodes = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
        var isPartial = syntaxNodes.Count > 0 && syntaxNodes.All(n => n.Modifiers.Any(SyntaxKind.PartialKeyword));
        var containing = new List<ContainingType>();
        for (var parent = type.ContainingType; parent is not null; parent = parent.ContainingType)
        {
            var parentSyntax = parent.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            var keyword = parent.IsRecord ? (parent.IsValueType ? "record struct" : "record") : parent.TypeKind == TypeKind.Struct ? "struct" : parent.TypeKind == TypeKind.Interface ? "interface" : "class";
            var parentPartial = parentSyntax.Count > 0 && parentSyntax.All(n => n.Modifiers.Any(SyntaxKind.PartialKeyword));
            LocationInfo? parentLocation = null;
            if (withLocations)
            {
                // The enclosing declaration around this class's own syntax (a parent may have several parts).
                var enclosing = syntaxNodes.SelectMany(n => n.Ancestors().OfType<TypeDeclarationSyntax>())
                    .FirstOrDefault(n => parentSyntax.Contains(n)) ?? parentSyntax.FirstOrDefault();
                parentLocation = enclosing is null ? null : LocationInfo.From(enclosing.Identifier.GetLocation());
            }
            containing.Insert(0, new ContainingType(keyword, parent.Name, parentPartial) { IdentifierLocation = parentLocation });
        }

        LocationInfo? networkLocation = null;
        LocationInfo? identifierLocation = null;
        if (withLocations)
        {
            networkLocation = LocationInfo.From(network?.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
            var firstSyntax = network?.ApplicationSyntaxReference?.GetSyntax(cancellationToken)?.FirstAncestorOrSelf<TypeDeclarationSyntax>() ?? syntaxNodes.FirstOrDefault();
            identifierLocation = firstSyntax is null ? null : LocationInfo.From(firstSyntax.Identifier.GetLocation());
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        return new NetworkDeclaration(
            ns,
            type.Name,
            AccessibilityKeyword(type.DeclaredAccessibility),
            containing.ToEquatableArray(),
            input,
            layers.ToEquatableArray())
        {
            IsPartial = isPartial,
            IsGeneric = type.IsGenericType,
            IsStatic = type.IsStatic,
            LayersSplitAcrossDeclarations = declaringNodes.Count > 1,
            HasBindingErrors = hasErrors,
            NetworkLocation = networkLocation,
            NetworkArgumentLocations = networkArguments,
            Budgets = budgets,
            IdentifierLocation = identifierLocation,
        };
    }

    private static LayerDeclaration ReadLayer(LayerKind kind, AttributeData attribute, bool withLocations, CancellationToken cancellationToken)
    {
        var values = Arguments(attribute);
        var layer = new LayerDeclaration(kind)
        {
            Name = values.TryGetValue("Name", out var name) ? name.Value as string : null,
        };

        foreach (var pair in values)
        {
            var value = pair.Value;
            layer = pair.Key switch
            {
                "filters" => layer with { Filters = AsInt(value) },
                "units" => layer with { Units = AsInt(value) },
                "kernelSize" => layer with { KernelHeight = AsInt(value), KernelWidth = AsInt(value) },
                "kernelHeight" => layer with { KernelHeight = AsInt(value) },
                "kernelWidth" => layer with { KernelWidth = AsInt(value) },
                "poolSize" => layer with { PoolHeight = AsInt(value), PoolWidth = AsInt(value) },
                "poolHeight" => layer with { PoolHeight = AsInt(value) },
                "poolWidth" => layer with { PoolWidth = AsInt(value) },
                "size" => layer with { SizeHeight = AsInt(value), SizeWidth = AsInt(value) },
                "sizeHeight" => layer with { SizeHeight = AsInt(value) },
                "sizeWidth" => layer with { SizeWidth = AsInt(value) },
                "rate" => layer with { Rate = AsDouble(value) },
                "alpha" => layer with { Alpha = AsDouble(value) },
                "activation" or "Activation" => layer with { Activation = (ActivationKind)AsInt(value) },
                "layers" => layer with { MergeWith = MergeNames(value) },
                "Input" => layer with { Input = value.Value as string },
                "Strides" => layer with { Strides = AsInt(value) },
                "StridesHeight" => layer with { StridesHeight = AsInt(value) },
                "StridesWidth" => layer with { StridesWidth = AsInt(value) },
                "Padding" => layer with { Padding = (PaddingKind)AsInt(value) },
                "DilationRate" => layer with { DilationRate = AsInt(value) },
                "UseBias" => layer with { UseBias = value.Value is true },
                "Trainable" => layer with { Trainable = value.Value is true },
                "Momentum" => layer with { Momentum = AsDouble(value) },
                "Epsilon" => layer with { Epsilon = AsDouble(value) },
                "Interpolation" => layer with { Interpolation = (InterpolationKind)AsInt(value) },
                _ => layer,
            };
        }

        // What only this kind reads (Reshape's target, pooling's default strides, ...) its rule reads.
        layer = Generated.Generator.LayerRules.For(kind).Read(layer, new AttributeArguments(values));

        if (withLocations)
        {
            layer = layer with
            {
                Location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
                ArgumentLocations = ArgumentLocations(attribute, cancellationToken),
            };
        }
        return layer;
    }

    /// <summary>Constructor arguments by parameter name, then named arguments by property name.</summary>
    private static Dictionary<string, TypedConstant> Arguments(AttributeData attribute)
    {
        var values = new Dictionary<string, TypedConstant>();
        var parameters = attribute.AttributeConstructor!.Parameters;
        for (var i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
        {
            values[parameters[i].Name] = attribute.ConstructorArguments[i];
        }
        foreach (var named in attribute.NamedArguments)
        {
            values[named.Key] = named.Value;
        }
        return values;
    }

    /// <summary>
    /// Where each argument was written, keyed by the property it sets (a <c>kernelSize</c> argument
    /// locates both <c>KernelHeight</c> and <c>KernelWidth</c>), so diagnostics can point at it.
    /// Each element of a <c>params</c> array is also keyed by index, <c>Layers[0]</c>, <c>Layers[1]</c>,
    /// whether written expanded (<c>[Add("a", "b")]</c>) or as an array (<c>new[] { "a", "b" }</c>).
    /// </summary>
    private static EquatableArray<ArgumentLocation> ArgumentLocations(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } list }
            || attribute.AttributeConstructor is not { } constructor)
        {
            return EquatableArray<ArgumentLocation>.Empty;
        }
        var parameters = constructor.Parameters;
        var result = new List<ArgumentLocation>();
        var position = 0;
        var paramsElements = 0;
        foreach (var argument in list.Arguments)
        {
            if (LocationInfo.From(argument) is not { } location)
            {
                continue;
            }
            if (argument.NameEquals is { } nameEquals)
            {
                result.Add(new ArgumentLocation(nameEquals.Name.Identifier.ValueText, location));
                if (LocationInfo.From(argument.Expression) is { } valueLocation)
                {
                    result.Add(new ArgumentLocation(ValueKey(nameEquals.Name.Identifier.ValueText), valueLocation));
                }
                continue;
            }
            var parameter = argument.NameColon is { } nameColon
                ? parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText)
                : position < parameters.Length ? parameters[position] : parameters.LastOrDefault();
            position++;
            if (parameter is null)
            {
                continue;
            }
            var property = PropertiesOf(parameter.Name).ToList();
            foreach (var name in property)
            {
                result.Add(new ArgumentLocation(name, location));
            }
            if (parameter.IsParams && property.Count == 1)
            {
                var elements = ArrayElements(argument.Expression);
                if (elements is null)
                {
                    result.Add(new ArgumentLocation(ElementKey(property[0], paramsElements++), location));
                }
                else
                {
                    foreach (var element in elements)
                    {
                        if (LocationInfo.From(element) is { } elementLocation)
                        {
                            result.Add(new ArgumentLocation(ElementKey(property[0], paramsElements), elementLocation));
                        }
                        paramsElements++;
                    }
                }
            }
        }
        return result.ToEquatableArray();
    }

    /// <summary>The key of a named argument's value alone (the string literal of <c>Input = "a"</c>), for diagnostics about that value.</summary>
    public static string ValueKey(string property) => property + "=";

    /// <summary>The key of element <paramref name="index"/> of an array argument: <c>Layers[2]</c>.</summary>
    public static string ElementKey(string property, int index) => property + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>The element expressions of an array written in place, or null for a single expanded element.</summary>
    private static IEnumerable<ExpressionSyntax>? ArrayElements(ExpressionSyntax expression) => expression switch
    {
        ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ArrayCreationExpressionSyntax => System.Array.Empty<ExpressionSyntax>(),
#if !ROSLYN_BEFORE_4_8 // Collection expressions (C# 12) have syntax nodes from Roslyn 4.8 on; older compilers cannot parse them.
        CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
#endif
        _ => null,
    };

    /// <summary>The layer names of an <c>Add</c>/<c>Concatenate</c>: a null array is none, a null name is empty.</summary>
    private static EquatableArray<string> MergeNames(TypedConstant value)
    {
        if (value.Kind != TypedConstantKind.Array)
        {
            return new[] { value.Value as string ?? "" }.ToEquatableArray();
        }
        return value.IsNull ? EquatableArray<string>.Empty : value.Values.Select(v => v.Value as string ?? "").ToEquatableArray();
    }

    /// <summary>The C# keyword(s) of the class's declared accessibility, as its generated part must repeat them.</summary>
    private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };

    private static IEnumerable<string> PropertiesOf(string parameterName) => parameterName switch
    {
        "kernelSize" => new[] { "KernelHeight", "KernelWidth" },
        "poolSize" => new[] { "PoolHeight", "PoolWidth" },
        "size" => new[] { "SizeHeight", "SizeWidth" },
        "" => System.Array.Empty<string>(),
        _ => new[] { char.ToUpperInvariant(parameterName[0]) + parameterName.Substring(1) },
    };

    private static int AsInt(Dictionary<string, TypedConstant> values, string key) => values.TryGetValue(key, out var value) ? AsInt(value) : 0;

    private static int AsInt(TypedConstant value) => AttributeArguments.AsInt(value);

    private static long AsLong(Dictionary<string, TypedConstant> values, string key) =>
        values.TryGetValue(key, out var value) ? value.Value switch { long l => l, int i => i, _ => 0 } : 0;

    private static double AsDouble(TypedConstant value) => AttributeArguments.AsDouble(value);
}
