using Generated.Analyzers;

namespace Generated.Generator.Tests.Analyzers;

/// <summary>One network's values passed to another whose size differs (NNG0107), as a GAN's generator feeds its discriminator.</summary>
public class NetworkSizeAnalyzerTests
{
    /// <summary>A generator of 784 floats (28x28x1), a discriminator of 28x28x1 and a small one of 14x14x1 input; <paramref name="body"/> uses them.</summary>
    private static string Source(string body) => $$"""
        [Network(16)]
        [Dense(784, Activation = Activation.Sigmoid)]
        public partial class Generator;

        [Network(28, 28, 1)]
        [Flatten]
        [Dense(1, Activation = Activation.Sigmoid)]
        public partial class Discriminator;

        [Network(14, 14, 1)]
        [Flatten]
        [Dense(1, Activation = Activation.Sigmoid)]
        public partial class SmallDiscriminator;

        public static class Gan
        {
            public static void Step(Generator generator, Discriminator discriminator, SmallDiscriminator small, INetwork any, float[] noise, int batch, bool flag)
            {
        {{body}}
            }
        }
        """;

    private static void Verify(string body) => UsageAnalyzerVerifier.Verify(new NetworkSizeAnalyzer(), Source(body));

    [Theory]
    [InlineData("small.Forward({|NNG0107:generator.Forward(noise, true)|}, true);")]
    [InlineData("small.Predict({|NNG0107:generator.Predict(noise)|}, new float[batch]);")]
    [InlineData("small.Forward({|NNG0107:new float[Generator.OutputSize * batch]|}, false);")]
    [InlineData("small.PredictClasses({|NNG0107:new float[batch * Generator.OutputSize]|});")]
    [InlineData("small.Predict({|NNG0107:new float[Discriminator.InputSize]|}, new float[SmallDiscriminator.OutputSize]);")]
    [InlineData("var fake = new float[Generator.OutputSize * batch];\ngenerator.Predict(noise, fake);\nsmall.Forward({|NNG0107:fake|}, true);")]
    [InlineData("var fake = generator.Forward(noise, true);\nvar scores = small.Forward({|NNG0107:fake|}, true);")]
    [InlineData("var gradient = new float[batch];\ngenerator.Backward({|NNG0107:small.Backward(gradient)|});")]
    [InlineData("generator.AccumulateGradients({|NNG0107:new float[SmallDiscriminator.InputSize * batch]|});")]
    [InlineData("generator.Predict(noise, {|NNG0107:new float[SmallDiscriminator.InputSize * batch]|});")]
    public void Reports_values_sized_for_another_network(string body) => Verify(body);

    [Theory]
    [InlineData("discriminator.Forward(generator.Forward(noise, true), true);")] // 784 = 28x28x1
    [InlineData("var fake = new float[Generator.OutputSize * batch];\ngenerator.Predict(noise, fake);\ndiscriminator.Forward(fake, true);")]
    [InlineData("var gradient = new float[batch];\ngenerator.Backward(discriminator.Backward(gradient));")]
    [InlineData("var fake = new float[Generator.OutputSize * batch];\nfake = new float[SmallDiscriminator.InputSize * batch];\nsmall.Forward(fake, true);")] // reassigned
    [InlineData("var fake = new float[Generator.OutputSize * batch];\nif (flag) { Refill(ref fake); }\nsmall.Forward(fake, true);\nstatic void Refill(ref float[] buffer) { }")] // passed by ref
    [InlineData("small.Forward(new float[Generator.OutputSize + batch], true);")] // not a multiple of a size
    [InlineData("any.Forward(new float[Generator.OutputSize * batch], true);")] // receiver not a generated network
    [InlineData("small.Forward(any.Forward(noise, true), true);")] // producer not a generated network
    public void Says_nothing_when_sizes_match_or_cannot_be_known(string body) => Verify(body);

    [Fact]
    public void Message_names_both_constants_and_their_sizes()
    {
        var diagnostic = Assert.Single(UsageAnalyzerVerifier.Verify(new NetworkSizeAnalyzer(), Source("small.Forward({|NNG0107:generator.Forward(noise, true)|}, true);")));
        Assert.Equal(
            "The input of SmallDiscriminator.Forward holds samples of Generator.OutputSize = 784 floats, but SmallDiscriminator.Forward takes samples of SmallDiscriminator.InputSize = 196 floats; the networks do not fit together, change one network's shape or pass a buffer sized for SmallDiscriminator.InputSize",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
