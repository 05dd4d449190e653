using Generated.Generator;

namespace Generated.Model;

/// <summary>
/// A model's compile-time facts summed over its layers (each layer's from its rule, <see cref="LayerRule.Facts"/>):
/// what <c>MultiplyAddsPerSample</c>, <c>ActivationFloatsPerSample</c>, <c>Summary</c> and the budgets show.
/// Sums saturate at <see cref="long.MaxValue"/> rather than wrap, so an absurd declaration still reads as huge.
/// </summary>
internal static class ModelFacts
{
    /// <summary>Bytes of one activation float (float32).</summary>
    public const int BytesPerFloat = 4;

    /// <summary>The facts of one layer.</summary>
    public static LayerFacts Of(LayerModel layer) => LayerRules.For(layer).Facts(layer);

    /// <summary>Multiply-adds of one sample's forward pass through the whole network.</summary>
    public static long MultiplyAddsPerSample(this NetworkModel model)
    {
        long total = 0;
        foreach (var layer in model.Layers)
        {
            total = Add(total, Of(layer).MultiplyAdds);
        }
        return total;
    }

    /// <summary>Floats of activation memory of one sample: every layer's own output, as a training Forward keeps them.</summary>
    public static long ActivationFloatsPerSample(this NetworkModel model)
    {
        long total = 0;
        foreach (var layer in model.Layers)
        {
            total = Add(total, Of(layer).ActivationFloats);
        }
        return total;
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/> for non-negative counts, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary><paramref name="a"/> x <paramref name="b"/> for non-negative counts, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long Multiply(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
