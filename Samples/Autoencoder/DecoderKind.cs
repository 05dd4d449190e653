using System.Globalization;
using Generated;

namespace AutoencoderSample;

/// <summary>How an autoencoder's decoder grows the 7x7 code back to 28x28 (the tutorial's "Upsampling의 종류").</summary>
public enum DecoderKind
{
    /// <summary><c>UpSampling2D</c> repeating each pixel (Keras' default; the tutorial's model, <see cref="ConvAutoencoder"/>).</summary>
    Nearest,

    /// <summary><c>UpSampling2D(interpolation='bilinear')</c> (<see cref="BilinearAutoencoder"/>).</summary>
    Bilinear,

    /// <summary>Each value at its block's top-left, zeros elsewhere (<see cref="BedOfNailsAutoencoder"/>).</summary>
    BedOfNails,

    /// <summary>Values back where the mirrored max pooling found them (<see cref="MaxUnpoolingAutoencoder"/>).</summary>
    MaxUnpooling,

    /// <summary>Strided transposed convolutions that learn the up-sampling (<see cref="TransposedConvAutoencoder"/>).</summary>
    TransposedConv,
}

/// <summary>The optimizers the comparison trains each kind with.</summary>
public enum AutoencoderOptimizer
{
    /// <summary>The tutorial's <c>optimizer='adadelta'</c> (learning rate 1.0, as Keras before TF 2).</summary>
    Adadelta,

    /// <summary>Adam with Keras' defaults (learning rate 0.001), for comparison.</summary>
    Adam,
}

/// <summary>The command-line names of <see cref="DecoderKind"/> and <see cref="AutoencoderOptimizer"/> and the network of each kind.</summary>
public static class DecoderKinds
{
    /// <summary>Every kind, in the order the comparison trains and draws them.</summary>
    public static IReadOnlyList<DecoderKind> All { get; } = Enum.GetValues<DecoderKind>();

    /// <summary>Both optimizers, the tutorial's first.</summary>
    public static IReadOnlyList<AutoencoderOptimizer> AllOptimizers { get; } = Enum.GetValues<AutoencoderOptimizer>();

    /// <summary>The kind's command-line name: <c>nearest</c>, <c>bilinear</c>, <c>bed-of-nails</c>, <c>max-unpooling</c>, <c>transposed-conv</c>.</summary>
    public static string Name(DecoderKind kind) => kind switch
    {
        DecoderKind.Nearest => "nearest",
        DecoderKind.Bilinear => "bilinear",
        DecoderKind.BedOfNails => "bed-of-nails",
        DecoderKind.MaxUnpooling => "max-unpooling",
        DecoderKind.TransposedConv => "transposed-conv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>A short label for a picture's row: <c>nearest</c>, <c>bilinear</c>, <c>bed of nails</c>, <c>unpooling</c>, <c>transposed</c>.</summary>
    public static string Label(DecoderKind kind) => kind switch
    {
        DecoderKind.Nearest => "nearest",
        DecoderKind.Bilinear => "bilinear",
        DecoderKind.BedOfNails => "bed of nails",
        DecoderKind.MaxUnpooling => "unpooling",
        DecoderKind.TransposedConv => "transposed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>What the kind's decoder does between its convolutions, for the table.</summary>
    public static string Description(DecoderKind kind) => kind switch
    {
        DecoderKind.Nearest => "UpSampling2D(2), nearest",
        DecoderKind.Bilinear => "UpSampling2D(2), bilinear",
        DecoderKind.BedOfNails => "UpSampling2D(2), bed of nails",
        DecoderKind.MaxUnpooling => "max-unpooling to the encoder's poolings",
        DecoderKind.TransposedConv => "Conv2DTranspose(3x3, strides 2)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>The optimizer's command-line name: <c>adadelta</c> or <c>adam</c>.</summary>
    public static string Name(AutoencoderOptimizer optimizer) => optimizer switch
    {
        AutoencoderOptimizer.Adadelta => "adadelta",
        AutoencoderOptimizer.Adam => "adam",
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Not an optimizer of the comparison."),
    };

    /// <summary>A new network of the kind, initialised from <paramref name="seed"/>.</summary>
    public static INetwork Create(DecoderKind kind, int seed) => kind switch
    {
        DecoderKind.Nearest => new ConvAutoencoder(seed),
        DecoderKind.Bilinear => new BilinearAutoencoder(seed),
        DecoderKind.BedOfNails => new BedOfNailsAutoencoder(seed),
        DecoderKind.MaxUnpooling => new MaxUnpoolingAutoencoder(seed),
        DecoderKind.TransposedConv => new TransposedConvAutoencoder(seed),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>The kind's parameter count (a generated constant: nothing is allocated).</summary>
    public static int ParameterCount(DecoderKind kind) => kind switch
    {
        DecoderKind.Nearest => ConvAutoencoder.ParameterCount,
        DecoderKind.Bilinear => BilinearAutoencoder.ParameterCount,
        DecoderKind.BedOfNails => BedOfNailsAutoencoder.ParameterCount,
        DecoderKind.MaxUnpooling => MaxUnpoolingAutoencoder.ParameterCount,
        DecoderKind.TransposedConv => TransposedConvAutoencoder.ParameterCount,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>The kind's Keras-style summary.</summary>
    public static string Summary(DecoderKind kind) => kind switch
    {
        DecoderKind.Nearest => ConvAutoencoder.Summary,
        DecoderKind.Bilinear => BilinearAutoencoder.Summary,
        DecoderKind.BedOfNails => BedOfNailsAutoencoder.Summary,
        DecoderKind.MaxUnpooling => MaxUnpoolingAutoencoder.Summary,
        DecoderKind.TransposedConv => TransposedConvAutoencoder.Summary,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a decoder kind."),
    };

    /// <summary>
    /// Reads a list of kind names as the command line gives them (separate words or comma-separated, <c>all</c> for every
    /// kind); throws <see cref="FormatException"/> naming the valid names for an unknown one.
    /// </summary>
    public static IReadOnlyList<DecoderKind> ParseKinds(IEnumerable<string> names) =>
        ParseList(names, All, k => Name(k), "kind");

    /// <summary>Reads a list of optimizer names (<c>adadelta</c>, <c>adam</c>, or <c>all</c>) like <see cref="ParseKinds"/>.</summary>
    public static IReadOnlyList<AutoencoderOptimizer> ParseOptimizers(IEnumerable<string> names) =>
        ParseList(names, AllOptimizers, o => Name(o), "optimizer");

    private static List<T> ParseList<T>(IEnumerable<string> names, IReadOnlyList<T> all, Func<T, string> nameOf, string what)
        where T : struct, Enum
    {
        var chosen = new List<T>();
        foreach (var word in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (word.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                chosen.AddRange(all.Where(k => !chosen.Contains(k)));
                continue;
            }
            var match = all.Where(k => nameOf(k).Equals(word, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Unknown {what} '{word}'; choose from {string.Join(", ", all.Select(nameOf))} or all."));
            }
            if (!chosen.Contains(match[0]))
            {
                chosen.Add(match[0]);
            }
        }
        if (chosen.Count == 0)
        {
            throw new FormatException($"No {what} chosen; name at least one of {string.Join(", ", all.Select(nameOf))}, or all.");
        }
        return chosen;
    }
}
