using System.Collections.Generic;
using Generated.Model;

namespace Generated.Generator;

/// <summary>The rule of every layer kind: the one list a new layer is added to.</summary>
internal static class LayerRules
{
    private static readonly LayerRule[] All =
    {
        new ConvolutionRule(),
        new DenseRule(),
        new PoolingRule(),
        new GlobalPoolingRule(),
        new UpSampling2DRule(),
        new FlattenRule(),
        new ReshapeRule(),
        new DropoutRule(),
        new BatchNormalizationRule(),
        new LayerNormalizationRule(),
        new ActivationRule(),
        new MergeRule(),
        new ZeroPadding2DRule(),
        new Cropping2DRule(),
        new DepthwiseConv2DRule(),
        new SeparableConv2DRule(),
        new RescalingRule(),
        new NormalizationRule(),
        new RandomFlipRule(),
        new RandomTranslationRule(),
        new RandomRotationRule(),
        new RandomZoomRule(),
        new SpatialDropout2DRule(),
        new GroupNormalizationRule(),
        new PReLURule(),
    };

    private static readonly Dictionary<LayerKind, LayerRule> ByKind = Index();

    /// <summary>The rule that owns <paramref name="kind"/>.</summary>
    public static LayerRule For(LayerKind kind) => ByKind[kind];

    public static LayerRule For(LayerModel layer) => ByKind[layer.Kind];

    private static Dictionary<LayerKind, LayerRule> Index()
    {
        var byKind = new Dictionary<LayerKind, LayerRule>();
        foreach (var rule in All)
        {
            foreach (var kind in rule.Kinds)
            {
                byKind.Add(kind, rule);
            }
        }
        return byKind;
    }
}
