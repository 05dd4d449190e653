using System;
using System.Collections.Generic;

namespace Generated.IO;

/// <summary>The tensors and metadata of one safetensors file, in file order.</summary>
public sealed class SafeTensorsContent
{
    private readonly Dictionary<string, SafeTensor> _byName = new(StringComparer.Ordinal);

    internal SafeTensorsContent(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
        foreach (var tensor in tensors)
        {
            _byName[tensor.Name] = tensor;
        }
    }

    /// <summary>Every tensor, in the order of the header.</summary>
    public IReadOnlyList<SafeTensor> Tensors { get; }

    /// <summary>The <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public SafeTensor? Find(string name) => _byName.TryGetValue(name, out var tensor) ? tensor : null;

    /// <summary>The float32 values of tensor <paramref name="name"/>; throws naming the tensors present when it is missing.</summary>
    public float[] Get(string name)
    {
        var tensor = Find(name) ?? throw new KeyNotFoundException($"No tensor '{name}' in the file; it has: {string.Join(", ", _byName.Keys)}.");
        return tensor.Data ?? throw new InvalidOperationException($"Tensor '{name}' is {tensor.DType}, not F32.");
    }
}
