using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace Generated.Models.Tests.Reliability;

/// <summary>
/// The thread campaign of docs/RELIABILITY.md: one network shared by many threads. Predictions made while another
/// thread loads new weights equal the old weights' result or the new weights' result, never a mix; predictions from 16
/// threads at once equal one thread's to the bit. About a second each in CI; <c>RELIABILITY_FULL=1</c> runs 10 s each.
/// </summary>
public sealed class ConcurrentPredictTests(ITestOutputHelper output)
{
    private static TimeSpan Duration => Environment.GetEnvironmentVariable("RELIABILITY_FULL") == "1" ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(1);

    [Fact]
    public void Predictions_while_weights_load_see_the_old_or_the_new_weights_never_a_mix()
    {
        // Normalized has packed Conv2D and Dense kernels, batch-norm state and layer normalization: every kind of weight Predict reads.
        var old = Saved(new Normalized(1));
        var fresh = Saved(new Normalized(2));
        var input = Enumerable.Range(0, 3 * Normalized.InputSize).Select(i => MathF.Sin(0.37f * i)).ToArray();
        var expectedOld = Expected(old, input);
        var expectedNew = Expected(fresh, input);
        Assert.False(expectedOld.AsSpan().SequenceEqual(expectedNew));

        var shared = new Normalized(3);
        shared.LoadWeights(new MemoryStream(old));
        var (oldCount, newCount, mixed, loads) = (0L, 0L, 0L, 0);
        var stop = Stopwatch.StartNew();
        var predictors = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            var result = new float[expectedOld.Length];
            while (stop.Elapsed < Duration)
            {
                shared.Predict(input, result);
                if (BitsEqual(result, expectedOld))
                {
                    Interlocked.Increment(ref oldCount);
                }
                else if (BitsEqual(result, expectedNew))
                {
                    Interlocked.Increment(ref newCount);
                }
                else
                {
                    Interlocked.Increment(ref mixed);
                }
            }
        })).ToList();
        var loader = new Thread(() =>
        {
            while (stop.Elapsed < Duration)
            {
                shared.LoadWeights(new MemoryStream(loads % 2 == 0 ? fresh : old));
                loads++;
            }
        });
        predictors.ForEach(t => t.Start());
        loader.Start();
        predictors.ForEach(t => t.Join());
        loader.Join();

        output.WriteLine($"{loads} loads; predictions: {oldCount} old, {newCount} new, {mixed} mixed.");
        Assert.Equal(0, mixed);
        Assert.True(loads > 1 && oldCount > 0 && newCount > 0, $"the loads should interleave with the predictions: {loads} loads, {oldCount} old, {newCount} new");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)] // more than MnistConvnet.PredictChunk (8): the sample-parallel path, whose pool is busy with other callers
    public void Predict_from_16_threads_equals_one_thread_to_the_bit(int samples)
    {
        var network = new MnistConvnet(5);
        var input = Enumerable.Range(0, samples * MnistConvnet.InputSize).Select(i => MathF.Cos(0.013f * i)).ToArray();
        var expected = network.Predict(input);
        var (calls, different) = (0L, 0L);
        var stop = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, 16).Select(_ => new Thread(() =>
        {
            var result = new float[expected.Length];
            do
            {
                network.Predict(input, result);
                Interlocked.Increment(ref calls);
                if (!BitsEqual(result, expected))
                {
                    Interlocked.Increment(ref different);
                }
            }
            while (stop.Elapsed < Duration);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        output.WriteLine($"{calls} predictions of {samples} samples on 16 threads, {different} different from one thread's.");
        Assert.Equal(0, different);
        Assert.True(calls >= 16);
    }

    [Fact]
    public void The_weight_version_check_costs_a_negligible_share_of_a_batch_one_predict()
    {
        // What the guard adds to every Predict (BeginRead, then IsUnchanged with its fence) against one batch-1 MNIST Predict,
        // each the best of several timed blocks, so a busy machine slows both alike.
        var network = new MnistConvnet(1);
        var input = new float[MnistConvnet.InputSize];
        var result = new float[MnistConvnet.OutputSize];
        var version = new Generated.CompilerServices.WeightVersion();
        const int Calls = 200;
        double predict = double.MaxValue, guard = double.MaxValue;
        var unchanged = 0;
        for (var block = 0; block < 15; block++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++)
            {
                network.Predict(input, result);
            }
            predict = Math.Min(predict, clock.Elapsed.TotalMilliseconds / Calls);
            clock.Restart();
            for (var i = 0; i < Calls; i++)
            {
                unchanged += version.IsUnchanged(version.BeginRead()) ? 1 : 0;
            }
            guard = Math.Min(guard, clock.Elapsed.TotalMilliseconds / Calls);
        }
        output.WriteLine($"batch-1 Predict {predict * 1000:F2} us, weight-version check {guard * 1e6:F1} ns: {guard / predict:P3} of a call; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        Assert.Equal(15 * Calls, unchanged);
        Assert.True(guard < 0.01 * predict, $"the check takes {guard / predict:P2} of a batch-1 Predict");
    }

    private static byte[] Saved(Normalized network)
    {
        using var stream = new MemoryStream();
        network.SaveWeights(stream);
        return stream.ToArray();
    }

    /// <summary>What a fresh network with these weights predicts, alone.</summary>
    private static float[] Expected(byte[] weights, float[] input)
    {
        var network = new Normalized(9);
        network.LoadWeights(new MemoryStream(weights));
        return network.Predict(input);
    }

    private static bool BitsEqual(float[] a, float[] b) => MemoryMarshal.Cast<float, int>(a).SequenceEqual(MemoryMarshal.Cast<float, int>(b));
}
