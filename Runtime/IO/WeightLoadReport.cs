using System;
using System.Collections.Generic;
using System.Text;

namespace Generated.IO;

/// <summary>What a <c>LoadWeights(path, options)</c> call loaded and what it left, tensor by tensor.</summary>
public sealed class WeightLoadReport
{
    internal WeightLoadReport(IReadOnlyList<string> loaded, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> shapeMismatches,
        IReadOnlyList<string> nonFinite, bool nonFiniteLoaded)
    {
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        ShapeMismatches = shapeMismatches;
        NonFinite = nonFinite;
        NonFiniteLoaded = nonFiniteLoaded;
    }

    /// <summary>The network's tensors that were loaded (<c>conv2d.kernel</c>, or <c>conv2d.kernel &lt;- features.0.weight</c> when the file names it differently).</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>The network's tensors the file does not have (left as they were), each with the name looked for.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Tensors of the file that belong to no tensor of the network (PyTorch's <c>num_batches_tracked</c> is not listed).</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Tensors found under the expected name with another shape or dtype (left as they were): both names and shapes.</summary>
    public IReadOnlyList<string> ShapeMismatches { get; }

    /// <summary>
    /// Tensors of the file holding NaN or an infinity, each with the count and the first such value: not loaded (problems)
    /// under <see cref="NonFiniteWeights.Reject"/>, loaded (warnings) under <see cref="NonFiniteWeights.Warn"/>.
    /// </summary>
    public IReadOnlyList<string> NonFinite { get; }

    /// <summary>Whether the <see cref="NonFinite"/> tensors were loaded (<see cref="NonFiniteWeights.Warn"/>) rather than rejected.</summary>
    public bool NonFiniteLoaded { get; }

    /// <summary>True when every tensor of the network was loaded and the file had nothing else.</summary>
    public bool IsComplete => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0 && (NonFiniteLoaded || NonFinite.Count == 0);

    /// <summary>The problems, one per line (strict loading throws them as a <see cref="WeightFileException"/>).</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            problems.AddRange(Missing);
            problems.AddRange(ShapeMismatches);
            if (!NonFiniteLoaded)
            {
                problems.AddRange(NonFinite);
            }
            problems.AddRange(Unexpected);
            return problems;
        }
    }

    /// <summary>A summary: counts, then each tensor that was not loaded.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Loaded ").Append(Loaded.Count).Append(" tensors; ").Append(Missing.Count).Append(" missing, ")
            .Append(ShapeMismatches.Count).Append(" of another shape, ").Append(Unexpected.Count).Append(" unexpected.");
        foreach (var problem in Problems)
        {
            text.Append(Environment.NewLine).Append("  - ").Append(problem);
        }
        if (NonFiniteLoaded)
        {
            foreach (var warning in NonFinite)
            {
                text.Append(Environment.NewLine).Append("  - warning: ").Append(warning);
            }
        }
        return text.ToString();
    }
}
