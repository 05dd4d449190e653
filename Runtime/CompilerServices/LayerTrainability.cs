using System;
using System.ComponentModel;

namespace Generated.CompilerServices;

/// <summary>
/// A generated network's layer graph as freezing needs it: names, which layers have weights and which layers each reads.
/// Generated <c>Forward</c> calls <see cref="Plan"/> to decide, once per pass, which layers use batch statistics and which
/// backward steps a training step can leave out.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class LayerTrainability
{
    private readonly string[] _names;
    private readonly bool[] _hasWeights;
    private readonly int[][] _inputs;

    /// <summary>Describes the layers in declaration order; <paramref name="inputs"/> holds layer indices, -1 for the network input.</summary>
    public LayerTrainability(string[] names, bool[] hasWeights, int[][] inputs)
    {
        if (names.Length != hasWeights.Length || names.Length != inputs.Length)
        {
            throw new ArgumentException($"{names.Length} names, {hasWeights.Length} weight flags and {inputs.Length} input lists: one of each per layer.");
        }
        _names = names;
        _hasWeights = hasWeights;
        _inputs = inputs;
    }

    /// <summary>Number of layers.</summary>
    public int Count => _names.Length;

    /// <summary>The index of the layer named <paramref name="layer"/>.</summary>
    /// <exception cref="ArgumentException">No layer has that name (the message lists the names).</exception>
    public int IndexOf(string layer)
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }
        var index = Array.IndexOf(_names, layer);
        if (index < 0)
        {
            throw new ArgumentException($"The network has no layer '{layer}'; its layers are {string.Join(", ", _names)}.", nameof(layer));
        }
        return index;
    }

    /// <summary>
    /// Copies the current <paramref name="trainable"/> flags into <paramref name="forwardTrainable"/> (what this Forward and
    /// its Backward use) and sets <paramref name="backwardNeeded"/>[i] when layer i has trainable weights or a layer with
    /// trainable weights lies upstream of it: a training step skips every other layer's backward step, since nothing it
    /// computes reaches a weight the optimizer updates.
    /// </summary>
    public void Plan(ReadOnlySpan<bool> trainable, Span<bool> forwardTrainable, Span<bool> backwardNeeded)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            forwardTrainable[i] = trainable[i];
            var upstream = false;
            foreach (var input in _inputs[i])
            {
                if (input >= 0 && (backwardNeeded[input] || (_hasWeights[input] && trainable[input])))
                {
                    upstream = true;
                    break;
                }
            }
            backwardNeeded[i] = upstream || (_hasWeights[i] && trainable[i]);
        }
    }
}
