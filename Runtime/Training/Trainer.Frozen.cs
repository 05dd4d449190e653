using System;
using System.Collections.Generic;

namespace Generated.Training;

public sealed partial class Trainer
{
    // Transfer learning: which trainable tensors belong to a frozen layer (ITrainableLayers), asked every step so
    // SetTrainable between Fit calls (or steps) takes effect without compiling again.
    private ITrainableLayers? _trainableLayers;
    private string[] _tensorLayers = Array.Empty<string>();
    private int[] _tensorOffsets = Array.Empty<int>();
    private int[] _tensorLengths = Array.Empty<int>();
    private bool[] _frozenTensors = Array.Empty<bool>();

    /// <summary>Records each trainable tensor's layer (the name before the last dot) when the network can freeze layers.</summary>
    private void DescribeTrainableTensors(INetwork network)
    {
        _trainableLayers = network as ITrainableLayers;
        if (_trainableLayers is null)
        {
            return;
        }
        var layers = new List<string>();
        var offsets = new List<int>();
        var lengths = new List<int>();
        var offset = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            if (!tensor.Trainable)
            {
                continue;
            }
            var dot = tensor.Name.LastIndexOf('.');
            layers.Add(dot < 0 ? tensor.Name : tensor.Name.Substring(0, dot));
            offsets.Add(offset);
            lengths.Add(tensor.Length);
            offset += tensor.Length;
        }
        _tensorLayers = layers.ToArray();
        _tensorOffsets = offsets.ToArray();
        _tensorLengths = lengths.ToArray();
        _frozenTensors = new bool[_tensorLayers.Length];
    }

    /// <summary>Refreshes the frozen flag of every trainable tensor; true when any is frozen.</summary>
    private bool UpdateFrozenTensors()
    {
        if (_trainableLayers is null)
        {
            return false;
        }
        var any = false;
        for (var i = 0; i < _tensorLayers.Length; i++)
        {
            _frozenTensors[i] = !_trainableLayers.IsTrainable(_tensorLayers[i]);
            any |= _frozenTensors[i];
        }
        return any;
    }

    /// <summary>A frozen layer's gradient is not an update: zeroed, it cannot trip the finite check or count in a global clip norm.</summary>
    private void ClearFrozenGradients(Span<float> gradients)
    {
        for (var i = 0; i < _frozenTensors.Length; i++)
        {
            if (_frozenTensors[i])
            {
                gradients.Slice(_tensorOffsets[i], _tensorLengths[i]).Clear();
            }
        }
    }
}
