namespace Generated.Models.Tests;

/// <summary>Generated networks against their PyTorch twins (make_model_fixtures.py; MobileBlock: make_classic_cnn_model_fixture.py): outputs, input gradients, parameter gradients, moving statistics.</summary>
public class PyTorchFixtureTests
{
    private static readonly Dictionary<string, Func<INetwork>> Networks = new()
    {
        [nameof(ResidualBlock)] = () => new ResidualBlock(),
        [nameof(UNet)] = () => new UNet(),
        [nameof(Normalized)] = () => new Normalized(),
        [nameof(SameStrided)] = () => new SameStrided(),
        [nameof(ProjectionResidual)] = () => new ProjectionResidual(),
        [nameof(InceptionBranches)] = () => new InceptionBranches(),
        [nameof(Merges)] = () => new Merges(),
        [nameof(MaxUnpooling)] = () => new MaxUnpooling(),
        [nameof(PositionsOnly)] = () => new PositionsOnly(),
        [nameof(MobileBlock)] = () => new MobileBlock(),
    };

    public static TheoryData<string> FixtureModels => new(Networks.Keys);

    [Fact]
    public void Tutorial_cnn_predict_matches_pytorch()
    {
        var network = new TutorialCnn();
        FormulaWeights.Fill(network);
        var expected = Fixture.Expected(nameof(TutorialCnn));
        Fixture.AssertClose(expected.Get("output"), network.Predict(expected.Get("input")), "TutorialCnn output");
    }

    [Fact]
    public void Mnist_convnet_predict_matches_pytorch()
    {
        var network = new MnistConvnet();
        FormulaWeights.Fill(network);
        var expected = Fixture.Expected(nameof(MnistConvnet));
        Fixture.AssertClose(expected.Get("output"), network.Predict(expected.Get("input")), "MnistConvnet output");
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Predict_matches_pytorch(string model)
    {
        var network = Networks[model]();
        network.LoadWeights(Fixture.Weights(model));
        var expected = Fixture.Expected(model);
        var input = expected.Get("input");
        var output = new float[expected.Get("output").Length];
        network.Predict(input, output);
        Fixture.AssertClose(expected.Get("output"), output, model + " output");
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Forward_and_backward_match_pytorch(string model)
    {
        var network = Networks[model]();
        network.LoadWeights(Fixture.Weights(model));
        var expected = Fixture.Expected(model);

        var output = network.Forward(expected.Get("input"), training: true);
        Fixture.AssertClose(expected.Get("training_output"), output, model + " training output");
        var inputGradient = network.Backward(expected.Get("output_gradient"));
        Fixture.AssertClose(expected.Get("input_gradient"), inputGradient, model + " input gradient");

        var offset = 0;
        var checkedTensors = 0;
        foreach (var tensor in network.ParameterTensors)
        {
            if (tensor.Trainable)
            {
                Fixture.AssertClose(expected.Get("gradient." + tensor.Name), network.Gradients.Slice(offset, tensor.Length), model + " gradient of " + tensor.Name);
                offset += tensor.Length;
            }
            else
            {
                Fixture.AssertClose(expected.Get("state." + tensor.Name), tensor.Span, model + " " + tensor.Name + " after one training step", 1e-5, 1e-4);
            }
            checkedTensors++;
        }
        Assert.Equal(network.ParameterTensors.Count, checkedTensors);
        Assert.Equal(network.TrainableParameters.Length, offset);
    }
}
