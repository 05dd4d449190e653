using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Generated.Training;

/// <summary>
/// What <see cref="Trainer"/>'s <c>Fit</c> returns: one value per epoch for each logged name, as Keras'
/// <c>history.history</c> (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, <c>val_accuracy</c>, ...).
/// </summary>
/// <remarks><c>history.history["val_loss"]</c> in Keras is <c>history["val_loss"]</c> here.</remarks>
public sealed class History : IReadOnlyDictionary<string, IReadOnlyList<float>>
{
    private readonly Dictionary<string, List<float>> _values = new(StringComparer.Ordinal);
    private readonly List<string> _keys = new();
    private readonly List<int> _skippedSteps = new();

    /// <summary>Number of epochs that ran (fewer than requested when a callback stopped training).</summary>
    public int Epochs => _skippedSteps.Count;

    /// <summary>Per epoch, how many steps <see cref="NonFiniteAction.Skip"/> skipped.</summary>
    public IReadOnlyList<int> SkippedSteps => _skippedSteps;

    /// <summary>The logged names in the order Keras logs them: loss, metrics, then their <c>val_</c> twins.</summary>
    public IEnumerable<string> Keys => _keys;

    /// <summary>The per-epoch value lists, in <see cref="Keys"/> order.</summary>
    public IEnumerable<IReadOnlyList<float>> Values
    {
        get
        {
            foreach (var key in _keys)
            {
                yield return _values[key];
            }
        }
    }

    /// <summary>Number of logged names.</summary>
    public int Count => _keys.Count;

    /// <summary>The per-epoch values of <paramref name="key"/>; throws naming the logged names when it is missing.</summary>
    public IReadOnlyList<float> this[string key] =>
        _values.TryGetValue(key, out var values)
            ? values
            : throw new KeyNotFoundException($"The history has no '{key}'. It logged: {string.Join(", ", _keys)}.");

    /// <summary>Whether <paramref name="key"/> was logged.</summary>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>Gets the values of <paramref name="key"/> if it was logged.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<float> value)
    {
        if (_values.TryGetValue(key, out var list))
        {
            value = list;
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>Enumerates name/values pairs in <see cref="Keys"/> order.</summary>
    public IEnumerator<KeyValuePair<string, IReadOnlyList<float>>> GetEnumerator()
    {
        foreach (var key in _keys)
        {
            yield return new KeyValuePair<string, IReadOnlyList<float>>(key, _values[key]);
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One line per logged name with its per-epoch values.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var key in _keys)
        {
            text.Append(key).Append(": [");
            var values = _values[key];
            for (var i = 0; i < values.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString("0.####", CultureInfo.InvariantCulture));
            }
            text.AppendLine("]");
        }
        return text.ToString();
    }

    /// <summary>Appends one epoch's logs.</summary>
    internal void Add(IReadOnlyDictionary<string, float> logs, IReadOnlyList<string> order, int skippedSteps)
    {
        foreach (var key in order)
        {
            if (!_values.TryGetValue(key, out var list))
            {
                list = new List<float>();
                _values.Add(key, list);
                _keys.Add(key);
            }
            list.Add(logs[key]);
        }
        _skippedSteps.Add(skippedSteps);
    }
}
