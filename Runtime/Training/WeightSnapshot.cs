using System;
using System.Runtime.InteropServices;

namespace Generated.Training;

/// <summary>
/// An in-memory copy of every parameter tensor of a network, trainable or not (Keras' <c>get_weights()</c> /
/// <c>set_weights()</c>), for <see cref="EarlyStopping.RestoreBestWeights"/>.
/// </summary>
/// <remarks>
/// <see cref="INetwork"/> exposes non-trainable state (batch normalization's moving statistics) only through the
/// read-only <see cref="ParameterView.Span"/>. Those views alias the network's own buffers by contract, so restoring
/// writes through them; the buffer is allocated once per snapshot object.
/// </remarks>
internal sealed class WeightSnapshot
{
    private readonly float[] _values;

    /// <summary>Allocates room for <paramref name="network"/>'s tensors.</summary>
    public WeightSnapshot(INetwork network)
    {
        var total = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            total += tensor.Length;
        }
        _values = new float[total];
    }

    /// <summary>Copies the network's current weights.</summary>
    public void Capture(INetwork network)
    {
        var offset = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            tensor.Span.CopyTo(_values.AsSpan(offset, tensor.Length));
            offset += tensor.Length;
        }
    }

    /// <summary>Writes the captured weights back into the network.</summary>
    public void Restore(INetwork network)
    {
        var offset = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            var destination = tensor.WritableSpan;
            _values.AsSpan(offset, tensor.Length).CopyTo(destination);
            offset += tensor.Length;
        }
        // Written behind the network's back (through the views' memory): its packed copies for Predict are stale.
        network.MarkWeightsChanged();
    }
}
