using System;
using System.Collections.Generic;

namespace Generated.IO;

/// <summary>
/// How a generated network's <c>LoadWeights(path, options)</c> reads a file: its <see cref="Format"/>, which file tensors
/// belong to which layer (<see cref="LayerMap"/>, or by order for PyTorch), and whether everything must match (<see cref="Strict"/>).
/// </summary>
/// <example>
/// <code>
/// // A PyTorch twin's state_dict, modules paired with layers in order (conv1 -> conv2d, bn1 -> batch_normalization, ...):
/// model.LoadWeights("twin.safetensors", WeightLoadOptions.PyTorch());
/// // Explicit names, and a new head left as initialized: load the body, report the rest.
/// var report = model.LoadWeights("twin.safetensors", WeightLoadOptions.PyTorch(new Dictionary&lt;string, string&gt;
/// {
///     ["conv2d"] = "features.0", ["conv2d_1"] = "features.3",
/// }) with { Strict = false });
/// </code>
/// </example>
public sealed record WeightLoadOptions
{
    /// <summary>The file's convention (default <see cref="WeightFormat.Keras"/>, what <c>SaveWeights</c> writes).</summary>
    public WeightFormat Format { get; init; } = WeightFormat.Keras;

    /// <summary>
    /// True (default): every tensor of the network must be in the file with the right shape and nothing else may be, or
    /// nothing is loaded and a <see cref="WeightFileException"/> lists every problem. False: the tensors that match by name
    /// and shape are loaded, the rest is left as it was and listed in the returned <see cref="WeightLoadReport"/>
    /// (transfer learning: an old body under a new head).
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>
    /// Layer name to the name its tensors have in the file, the part before <c>.weight</c>/<c>.kernel</c>: a PyTorch module path
    /// (<c>["conv2d"] = "features.0"</c>) or another Keras layer name. Layers not in the map keep their own name (Keras) or
    /// are not loaded (PyTorch). Null: Keras files match by name; PyTorch files pair the network's layers that have
    /// weights, in declaration order, with the file's modules in the order their tensors appear in the file's header
    /// (<c>state_dict</c> order when written by <c>Tests/Fixtures/scripts/fixture_io.py</c>; writers that sort names break
    /// that order, so give a map for them).
    /// </summary>
    public IReadOnlyDictionary<string, string>? LayerMap { get; init; }

    /// <summary>
    /// What a tensor holding NaN or an infinity does: <see cref="NonFiniteWeights.Reject"/> (default; it does not fit, as a
    /// wrong shape does) or <see cref="NonFiniteWeights.Warn"/> (loaded, listed in <see cref="WeightLoadReport.NonFinite"/>).
    /// </summary>
    public NonFiniteWeights NonFinite { get; init; } = NonFiniteWeights.Reject;

    /// <summary>Options for a PyTorch <c>state_dict</c> in safetensors, modules paired with layers by order.</summary>
    public static WeightLoadOptions PyTorch() => new() { Format = WeightFormat.PyTorch };

    /// <summary>Options for a PyTorch <c>state_dict</c> in safetensors with an explicit layer-name to module-path map.</summary>
    public static WeightLoadOptions PyTorch(IReadOnlyDictionary<string, string> layerMap) =>
        new() { Format = WeightFormat.PyTorch, LayerMap = layerMap ?? throw new ArgumentNullException(nameof(layerMap)) };

    /// <summary>Options for a Keras-layout file that loads what matches and reports the rest (<see cref="Strict"/> false).</summary>
    public static WeightLoadOptions Partial() => new() { Strict = false };
}
