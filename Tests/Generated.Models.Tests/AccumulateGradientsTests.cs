using Generated.Tests;

namespace Generated.Models.Tests;

/// <summary>
/// <see cref="INetwork.AccumulateGradients"/>, what a training step calls: the parameter gradients of
/// <see cref="INetwork.Backward"/> to the bit, with the first layer's input gradient left out where that layer can skip it.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public class AccumulateGradientsTests
{
    public static IEnumerable<object[]> Networks() =>
    [
        [(Func<INetwork>)(() => new MnistConvnet(3))], // Conv2D first: skipped
        [(Func<INetwork>)(() => new DropoutNet(3))], // Dense first: skipped
        [(Func<INetwork>)(() => new ResidualBlock(3))], // the input's one reader is a convolution even with a skip later
        [(Func<INetwork>)(() => new UNet(3))],
        [(Func<INetwork>)(() => new NormalizedInput(3))], // BatchNormalization first: computed as by Backward
    ];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parameter_gradients_are_those_of_Backward(Func<INetwork> create)
    {
        // One thread: several threads sum a kernel gradient's partial sums in the order the threads finish, so two
        // identical calls agree only to rounding there.
        using var settings = new KernelOptionsScope(threads: 1);
        CompareWithBackward(create);
    }

    private static void CompareWithBackward(Func<INetwork> create)
    {
        var viaBackward = create();
        var viaAccumulate = create();
        var input = Uniform(3 * viaBackward.InputShape.Size, 11);
        var outputGradient = Uniform(3 * viaBackward.OutputShape.Size, 12);

        // Inference mode: dropout off and batch statistics fixed, so both networks run the same function.
        viaBackward.Forward(input, training: false);
        var inputGradient = viaBackward.Backward(outputGradient).ToArray();
        viaAccumulate.Forward(input, training: false);
        viaAccumulate.AccumulateGradients(outputGradient);

        Assert.Equal(viaBackward.Gradients.ToArray(), viaAccumulate.Gradients.ToArray());
        Assert.Contains(inputGradient, v => v != 0);
        // A later Backward on the same network still returns the full input gradient.
        Assert.Equal(inputGradient, viaAccumulate.Backward(outputGradient).ToArray());
    }

    private static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void Errors_are_those_of_Backward()
    {
        var network = new MnistConvnet();
        Assert.Contains("Forward", Assert.Throws<InvalidOperationException>(() => network.AccumulateGradients(new float[10])).Message);
        network.Forward(new float[MnistConvnet.InputSize], training: true);
        Assert.Contains("needs 10", Assert.Throws<ArgumentException>(() => network.AccumulateGradients(new float[4])).Message);
    }
}
