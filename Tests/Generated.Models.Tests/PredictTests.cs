using Generated.Tests;
namespace Generated.Models.Tests;

/// <summary>Predict's contract: any number of samples, thread safety, no allocation after warm-up, clear errors.</summary>
public class PredictTests
{
    private static float[] RandomInput(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }

    [Fact]
    public void Many_samples_are_processed_in_chunks_like_single_samples()
    {
        var network = new ResidualBlock(3);
        const int samples = ResidualBlock.PredictChunk * 2 + 17;
        var input = RandomInput(samples * ResidualBlock.InputSize, 1);
        var all = network.Predict(input);
        for (var s = 0; s < samples; s += 37)
        {
            var one = network.Predict(input.AsSpan(s * ResidualBlock.InputSize, ResidualBlock.InputSize));
            Fixture.AssertClose(one, all.AsSpan(s * ResidualBlock.OutputSize, ResidualBlock.OutputSize), $"sample {s}", 1e-6, 1e-5);
        }
    }

    [Fact]
    public void Threads_sharing_one_network_get_the_sequential_results()
    {
        var network = new TutorialCnn(5);
        const int threads = 4;
        const int samples = 3;
        var inputs = Enumerable.Range(0, threads).Select(t => RandomInput(samples * TutorialCnn.InputSize, 100 + t)).ToArray();
        var sequential = inputs.Select(input => network.Predict(input)).ToArray();

        var parallel = new float[threads][];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var output = new float[samples * TutorialCnn.OutputSize];
            start.SignalAndWait();
            for (var repeat = 0; repeat < 20; repeat++)
            {
                network.Predict(inputs[t], output);
                Assert.True(output.AsSpan().SequenceEqual(sequential[t]), $"thread {t}, repeat {repeat}");
            }
            parallel[t] = output;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        for (var t = 0; t < threads; t++)
        {
            Assert.Equal(sequential[t], parallel[t]);
        }
    }

    [Fact]
    public void Predict_allocates_nothing_after_warm_up()
    {
        var network = new UNet(1);
        var input = RandomInput(8 * UNet.InputSize, 2);
        var output = new float[8 * UNet.OutputSize];
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            network.Predict(input, output);
            network.Predict(input.AsSpan(0, 3 * UNet.InputSize), output.AsSpan(0, 3 * UNet.OutputSize));
        });
    }

    [Fact]
    public void Wrong_lengths_throw_with_the_expected_sizes()
    {
        var network = new TutorialCnn();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new float[100], new float[10]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("has 100 floats", error.Message);
        Assert.Contains("InputSize = 3072", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.Predict(ReadOnlySpan<float>.Empty, new float[10]));
        Assert.Contains("has 0 floats", error.Message);

        error = Assert.Throws<ArgumentException>(() => network.Predict(new float[2 * 3072], new float[10]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("output has 10 floats", error.Message);
        Assert.Contains("need 20", error.Message);
        Assert.Contains("OutputSize = 10", error.Message);
    }

    [Fact]
    public void Predict_classes_is_the_argmax_of_each_sample()
    {
        var network = new TutorialCnn(11);
        var input = RandomInput(5 * TutorialCnn.InputSize, 3);
        var scores = network.Predict(input);
        var classes = network.PredictClasses(input);
        Assert.Equal(5, classes.Length);
        for (var s = 0; s < classes.Length; s++)
        {
            var sample = scores.AsSpan(s * 10, 10).ToArray();
            Assert.Equal(Array.IndexOf(sample, sample.Max()), classes[s]);
            Assert.Equal(1f, sample.Sum(), 4); // softmax
        }
    }

    [Fact]
    public void Nested_network_runs()
    {
        var network = new Zoo.Tiny();
        var output = network.Predict(RandomInput(2 * Zoo.Tiny.InputSize, 4));
        Assert.All(output, v => Assert.InRange(v, 0f, 1f));
    }
}
