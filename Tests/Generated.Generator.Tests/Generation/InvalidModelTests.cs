namespace Generated.Generator.Tests.Generation;

/// <summary>An invalid model gets no code: the analyzer's error is the only one the user sees.</summary>
public class InvalidModelTests
{
    [Theory]
    [InlineData("""
        using Generated;
        [Network(4, 4, 1)]
        [Conv2D(8, 5)]
        public partial class KernelTooLarge;
        """)]
    [InlineData("""
        using Generated;
        [Network(8, 8, 1)]
        [Conv2D(8, 3)]
        public class NotPartial { }
        """)]
    [InlineData("""
        using Generated;
        [Network(8, 8, 2)]
        [Conv2D(4, 3, Name = "a")]
        [Conv2D(4, 3, Padding = Padding.Same, Activation = Activation.Relu)]
        [Add("a")]
        [Concatenate("missing")]
        public partial class UnknownMergeInput;
        """)]
    [InlineData("""
        using Generated;
        [Network(28, 28, 1)]
        [Flatten]
        [Conv2D(8, 3)]
        public partial class ConvOnVector;
        """)]
    public void Invalid_model_generates_nothing(string source)
    {
        var (driver, _, diagnostics) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void A_valid_and_an_invalid_model_generate_only_the_valid_one()
    {
        const string invalid = """
            using Generated;
            [Network(4, 4, 1)]
            [MaxPooling2D(8)]
            public partial class PoolTooLarge;
            """;
        var (driver, _, _) = GeneratorHarness.Run(ModelSources.TutorialCnn, invalid);
        Assert.Equal("TutorialCnn.g.cs", Assert.Single(driver.GetRunResult().Results.Single().GeneratedSources).HintName);
    }
}
