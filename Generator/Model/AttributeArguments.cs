using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Generated.Model;

/// <summary>A layer attribute's arguments: constructor arguments by parameter name, then named arguments by property name.</summary>
internal sealed class AttributeArguments
{
    private readonly Dictionary<string, TypedConstant> _values;

    public AttributeArguments(Dictionary<string, TypedConstant> values) => _values = values;

    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>The integer argument <paramref name="name"/>, or <paramref name="fallback"/> when it was not written.</summary>
    public int Int(string name, int fallback = 0) => _values.TryGetValue(name, out var value) ? AsInt(value) : fallback;

    /// <summary>The string argument <paramref name="name"/>, or null when it was not written (or is null).</summary>
    public string? String(string name) => _values.TryGetValue(name, out var value) ? value.Value as string : null;
    /// <summary>The numeric argument <paramref name="name"/> as a double, or <paramref name="fallback"/> when it was not written.</summary>
    public double Double(string name, double fallback) => _values.TryGetValue(name, out var value) ? AsDouble(value) : fallback;

    /// <summary>The integer array argument <paramref name="name"/> (empty when not written or null).</summary>
    public EquatableArray<int> IntArray(string name)
    {
        if (!_values.TryGetValue(name, out var value) || value.Kind != TypedConstantKind.Array || value.IsNull)
        {
            return EquatableArray<int>.Empty;
        }
        var items = new int[value.Values.Length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = AsInt(value.Values[i]);
        }
        return new EquatableArray<int>(items);
    }

    public static int AsInt(TypedConstant value) => value.Value switch
    {
        int i => i,
        long l => (int)l,
        short s => s,
        byte b => b,
        _ => 0,
    };

    public static double AsDouble(TypedConstant value) => value.Value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        _ => double.NaN,
    };
}
