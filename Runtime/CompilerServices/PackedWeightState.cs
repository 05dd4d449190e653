using System.ComponentModel;
using System.Threading;
using Generated.Kernels.Gemm;

namespace Generated.CompilerServices;

/// <summary>
/// Whether a network's <see cref="PackedKernel"/> copies still match its weights: a counter of weight changes and
/// the count the copies were packed at. Generated networks bump it wherever their weights may change (every get of
/// <c>TrainableParameters</c>, <c>LoadWeights</c>, <c>MarkWeightsChanged</c>) and re-pack, under this object's
/// lock, before a <c>Predict</c> that finds it stale. Plumbing for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PackedWeightState
{
    // Starts one ahead of the packed count: nothing is packed yet.
    private int _version = 1;
    private int _packedVersion;
    private int _panelWidth;

    /// <summary>The current count of weight changes; read it before packing and pass it to <see cref="MarkPacked"/>.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>True when the copies were packed from the current weights for the current panel width.</summary>
    public bool IsCurrent => Volatile.Read(ref _packedVersion) == Volatile.Read(ref _version) && _panelWidth == MatrixProduct.PanelWidth;

    /// <summary>Records that the weights may have changed: the next Predict packs them again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Records that the copies now hold the weights as they were at <paramref name="version"/> (read before packing,
    /// so a change made while packing still leaves the state stale).
    /// </summary>
    public void MarkPacked(int version)
    {
        _panelWidth = MatrixProduct.PanelWidth;
        Volatile.Write(ref _packedVersion, version);
    }
}
