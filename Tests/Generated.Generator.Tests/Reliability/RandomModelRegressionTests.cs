namespace Generated.Generator.Tests.Reliability;

/// <summary>
/// The random-model campaign's disagreements, each kept as a named model that runs through the same comparison with
/// PyTorch (random_models.py): verdict, shapes, parameter count, Predict and, when deterministic, one SGD step.
/// </summary>
[Collection(ReliabilityCampaigns.Name)]
public class RandomModelRegressionTests
{
    private static LayerSpec Layer(string kind, string name, string? input = null, params (string Key, object Value)[] args) =>
        new(kind, name, input, true, args.ToDictionary(a => a.Key, a => a.Value));

    private static LayerSpec Conv(string name, string? input, int filters, int kh, int kw, int sh, int sw, string padding, int groups, string activation) =>
        Layer("conv2d", name, input, ("filters", filters), ("kh", kh), ("kw", kw), ("sh", sh), ("sw", sw), ("padding", padding), ("dilation", 1),
            ("activation", activation), ("use_bias", true), ("groups", groups));

    private static void AssertAgrees(params ModelSpec[] models)
    {
        var (disagreements, _, _, _) = RandomModelCampaign.Run(models);
        Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements));
    }

    [Fact]
    public void Grouped_strided_softmax_convolution_after_an_unread_augmentation()
    {
        AssertAgrees(
            new ModelSpec(0, [5, 9, 2], [Layer("random_translation", "l0", null, ("height_factor", 0.2), ("width_factor", 0.1)), Layer("relu", "l1"),
                Conv("l2", "input", 6, 4, 2, 3, 2, "Valid", 2, "Softmax")]),
            new ModelSpec(1, [5, 9, 2], [Conv("l0", null, 6, 4, 2, 3, 2, "Valid", 2, "Softmax")]),
            new ModelSpec(2, [5, 9, 2], [Conv("l0", null, 6, 4, 2, 3, 2, "Valid", 2, "Linear")]),
            new ModelSpec(3, [5, 9, 2], [Conv("l0", null, 6, 4, 2, 3, 2, "Valid", 1, "Softmax")]),
            new ModelSpec(4, [5, 9, 2], [Layer("relu", "l0"), Conv("l1", "input", 6, 4, 2, 3, 2, "Valid", 2, "Softmax")]));
    }
}
