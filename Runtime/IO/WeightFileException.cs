using System;
using System.Collections.Generic;

namespace Generated.IO;

/// <summary>A weight file does not fit the network: the message lists every mismatching tensor.</summary>
public sealed class WeightFileException : Exception
{
    /// <summary>Creates the exception from the individual <paramref name="problems"/> found in <paramref name="source"/>.</summary>
    public WeightFileException(string source, IReadOnlyList<string> problems)
        : base($"The weights in {source} do not fit this network:" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception for a file that could not be read at all.</summary>
    public WeightFileException(string source, Exception inner)
        : base($"Cannot read weights from {source}: {inner.Message}", inner)
    {
        Problems = new[] { inner.Message };
    }

    /// <summary>One line per problem, each naming the tensor.</summary>
    public IReadOnlyList<string> Problems { get; }
}
