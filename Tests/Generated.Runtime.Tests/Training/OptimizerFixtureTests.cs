using Generated.IO;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

/// <summary>Every optimizer, several steps, against Tests/Fixtures/optimizers (made by make_optimizer_fixtures.py).</summary>
public class OptimizerFixtureTests
{
    private static readonly Dictionary<string, Func<Optimizer>> Cases = new()
    {
        ["sgd"] = () => new SGD(),
        ["sgd_momentum"] = () => new SGD(momentum: 0.9f),
        ["sgd_nesterov"] = () => new SGD(momentum: 0.9f, nesterov: true),
        ["adam"] = () => new Adam(),
        ["adamw"] = () => new AdamW(learningRate: 0.01f),
        ["rmsprop"] = () => new RMSprop(),
        ["rmsprop_momentum"] = () => new RMSprop(momentum: 0.9f),
        ["rmsprop_centered"] = () => new RMSprop(centered: true),
        ["adadelta"] = () => new Adadelta(),
        ["adadelta_lr1"] = () => new Adadelta(learningRate: 1f),
        ["sgd_clipnorm"] = () => new SGD(0.1f) { ClipNorm = 4f },
        ["sgd_global_clipnorm"] = () => new SGD(0.1f) { GlobalClipNorm = 6f },
        ["sgd_clipvalue"] = () => new SGD(0.1f) { ClipValue = 0.5f },
        ["sgd_momentum_exponential_decay"] = () => new SGD(new ExponentialDecay(0.1f, decaySteps: 2, decayRate: 0.5f, staircase: true), momentum: 0.9f),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_match_the_fixture(string name)
    {
        var content = SafeTensors.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizers", name + ".safetensors"));
        var steps = int.Parse(content.Metadata["steps"], System.Globalization.CultureInfo.InvariantCulture);
        var parameters = content.Get("params_0");
        var start = (float[])parameters.Clone();
        var optimizer = Cases[name]();
        optimizer.Build([20, 17]);
        for (var step = 1; step <= steps; step++)
        {
            optimizer.Step(parameters, content.Get($"grad_{step}"));
            var expected = content.Get($"params_{step}");
            for (var i = 0; i < parameters.Length; i++)
            {
                // Float32 rounding of the update (a few ulps of the parameter) plus a relative share of the movement:
                // a kernel that skipped the update or mis-scaled it by 1e-4 fails even for Adadelta's tiny default steps.
                var allowed = 5e-7f * Math.Max(1, Math.Abs(expected[i])) + 1e-4f * Math.Abs(expected[i] - start[i]);
                Assert.True(Math.Abs(parameters[i] - expected[i]) <= allowed,
                    $"{name} step {step} index {i}: got {parameters[i]}, expected {expected[i]} (moved {expected[i] - start[i]} from the start)");
            }
        }
        Assert.Equal(steps, optimizer.Iterations);
        Assert.NotEqual(start, parameters);
    }

    [Fact]
    public void Defaults_are_keras_defaults()
    {
        Assert.Equal(0.01f, new SGD().LearningRate);
        Assert.Equal(0f, new SGD().Momentum);
        Assert.False(new SGD().Nesterov);
        var adam = new Adam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        var adamW = new AdamW();
        Assert.Equal((0.001f, 0.004f), (adamW.LearningRate, adamW.WeightDecay));
        var rms = new RMSprop();
        Assert.Equal((0.001f, 0.9f, 0f, 1e-7f, false), (rms.LearningRate, rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
        var adadelta = new Adadelta();
        Assert.Equal((0.001f, 0.95f, 1e-7f), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon));
    }
}
