using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class ScheduleTests
{
    [Fact]
    public void Exponential_decay_continuous_and_staircase()
    {
        var smooth = new ExponentialDecay(0.1f, decaySteps: 10, decayRate: 0.5f);
        var stairs = new ExponentialDecay(0.1f, decaySteps: 10, decayRate: 0.5f, staircase: true);
        Assert.Equal(0.1f, smooth.GetLearningRate(0), 1e-7f);
        Assert.Equal(0.1f * MathF.Sqrt(0.5f), smooth.GetLearningRate(5), 1e-7f);
        Assert.Equal(0.05f, smooth.GetLearningRate(10), 1e-7f);
        Assert.Equal(0.1f, stairs.GetLearningRate(9), 1e-7f);
        Assert.Equal(0.05f, stairs.GetLearningRate(10), 1e-7f);
        Assert.Equal(0.025f, stairs.GetLearningRate(25), 1e-7f);
    }

    [Fact]
    public void Piecewise_constant_uses_inclusive_boundaries_like_keras()
    {
        var schedule = new PiecewiseConstantDecay([10, 20], [1f, 0.5f, 0.1f]);
        Assert.Equal([1f, 1f, 0.5f, 0.5f, 0.1f], new long[] { 0, 10, 11, 20, 21 }.Select(schedule.GetLearningRate));
        Assert.Contains("one more element", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10], [1f])).Message);
        Assert.Contains("increase strictly", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 10], [1f, 2f, 3f])).Message);
    }

    [Fact]
    public void Cosine_decay_ends_at_alpha_and_stays()
    {
        var schedule = new CosineDecay(1f, decaySteps: 100, alpha: 0.1f);
        Assert.Equal(1f, schedule.GetLearningRate(0), 1e-6f);
        Assert.Equal(0.55f, schedule.GetLearningRate(50), 1e-6f);
        Assert.Equal(0.1f + 0.9f * 0.5f * (1 + MathF.Cos(MathF.PI * 0.25f)), schedule.GetLearningRate(25), 1e-6f);
        Assert.Equal(0.1f, schedule.GetLearningRate(100), 1e-6f);
        Assert.Equal(0.1f, schedule.GetLearningRate(1000), 1e-6f);
    }

    [Fact]
    public void Cosine_decay_with_linear_warmup()
    {
        var schedule = new CosineDecay(0f, decaySteps: 100, warmupTarget: 1f, warmupSteps: 10);
        Assert.Equal(0f, schedule.GetLearningRate(0), 1e-6f);
        Assert.Equal(0.5f, schedule.GetLearningRate(5), 1e-6f);
        Assert.Equal(1f, schedule.GetLearningRate(10), 1e-6f);
        Assert.Equal(0.5f, schedule.GetLearningRate(60), 1e-6f);
        Assert.Equal(0f, schedule.GetLearningRate(110), 1e-6f);
        Assert.Equal(0f, schedule.GetLearningRate(5000), 1e-6f);
        Assert.Throws<ArgumentException>(() => new CosineDecay(0f, 100, warmupSteps: 10));
    }

    [Fact]
    public void Optimizer_reads_the_schedule_at_its_iteration_count()
    {
        // SGD on p with gradient 1: each step moves p by exactly the rate of that step (0, 1, 2, ... completed updates).
        var optimizer = new SGD(new PiecewiseConstantDecay([1, 2], [1f, 0.5f, 0.25f]));
        var p = new float[1];
        var moves = new List<float>();
        for (var i = 0; i < 4; i++)
        {
            var before = p[0];
            Assert.Equal(i, optimizer.Iterations);
            optimizer.Step(p, [1f]);
            moves.Add(before - p[0]);
        }
        Assert.Equal([1f, 1f, 0.5f, 0.25f], moves);

        optimizer.LearningRate = 0.125f;
        Assert.IsType<ConstantLearningRate>(optimizer.LearningRateSchedule);
        optimizer.Step(p, [1f]);
        Assert.Equal(2.875f, -p[0]);
    }
}
