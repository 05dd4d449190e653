using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Generated.Kernels;
using Generated.Tests;
using Generated.Training;
using Xunit.Abstractions;

namespace Generated.Models.Tests.Reliability;

/// <summary>
/// Reproducible training (docs/RELIABILITY.md): with a fixed seed and a fixed <see cref="KernelOptions.MaxThreads"/>, two
/// training runs give bit-identical weights — the kernel gradients' per-thread partial sums follow a static
/// chunk-to-slot schedule, so they no longer depend on which thread took which chunk.
/// </summary>
[Collection(nameof(KernelOptionsCollection))]
public sealed class ReproducibleTrainingTests(ITestOutputHelper output)
{
    private const int Batch = 32;
    private const int Steps = 3;

    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var model in new[] { nameof(MnistConvnet), nameof(StridedNormalizedNet), nameof(Normalized), nameof(ResidualBlock) })
        {
            foreach (var threads in new[] { 1, 2, 3 })
            {
                data.Add(model, threads);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Two_runs_with_one_seed_and_thread_count_give_the_same_weights_to_the_bit(string model, int threads)
    {
        using var scope = new KernelOptionsScope(threads: threads);
        var first = Train(model, seed: 4);
        var second = Train(model, seed: 4);
        var differing = Enumerable.Range(0, first.Length).Count(i => BitConverter.SingleToInt32Bits(first[i]) != BitConverter.SingleToInt32Bits(second[i]));
        Assert.True(differing == 0, $"{model} at {threads} threads: {differing} of {first.Length} weights differ between two runs");
    }

    /// <summary>
    /// The static schedule's cost against first-come-first-served chunks, interleaved in one run (printed; docs/RELIABILITY.md
    /// quotes it). CI times one round; <c>RELIABILITY_FULL=1</c> ten. Either way the static runs must agree with each other.
    /// </summary>
    [Fact]
    public void Static_schedule_cost_against_first_come_first_served()
    {
        var dynamicSwitch = typeof(KernelOptions).Assembly.GetType("Generated.Kernels.Threading.WorkerPool")!
            .GetProperty("DynamicReductions", BindingFlags.Static | BindingFlags.NonPublic)!;
        var full = Environment.GetEnvironmentVariable("RELIABILITY_FULL") == "1";
        var (rounds, steps) = full ? (10, 10) : (1, 2);
        using var scope = new KernelOptionsScope(threads: 2);
        var times = new double[2];
        float[]? reference = null, dynamicReference = null;
        var dynamicRunsAgree = true;
        try
        {
            // Round 0 warms both schedules up (JIT, scratch buffers) and is not timed.
            for (var round = 0; round <= rounds; round++)
            {
                foreach (var dynamic in new[] { false, true })
                {
                    dynamicSwitch.SetValue(null, dynamic);
                    var clock = Stopwatch.StartNew();
                    var weights = Train(nameof(MnistConvnet), seed: 6, steps: round == 0 ? 1 : steps);
                    if (round > 0)
                    {
                        times[dynamic ? 1 : 0] += clock.Elapsed.TotalMilliseconds;
                    }
                    if (dynamic && round > 0)
                    {
                        dynamicReference ??= weights;
                        dynamicRunsAgree &= MemoryMarshal.Cast<float, int>(dynamicReference).SequenceEqual(MemoryMarshal.Cast<float, int>(weights));
                    }
                    if (!dynamic && round > 0)
                    {
                        reference ??= weights;
                        Assert.True(MemoryMarshal.Cast<float, int>(reference).SequenceEqual(MemoryMarshal.Cast<float, int>(weights)), "static-schedule runs must agree");
                    }
                }
            }
        }
        finally
        {
            dynamicSwitch.SetValue(null, false);
        }
        output.WriteLine($"MnistConvnet, batch {Batch}, 2 threads, {rounds} x {steps} steps each: static {times[0]:F0} ms, first-come {times[1]:F0} ms, " +
            $"ratio static/first-come {times[0] / times[1]:F3}; first-come runs agreed: {dynamicRunsAgree}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    /// <summary>The trainable weights after <paramref name="steps"/> Adam steps on fixed data from a fresh network of <paramref name="seed"/>.</summary>
    private static float[] Train(string model, int seed, int steps = Steps)
    {
        INetwork network = model switch
        {
            nameof(MnistConvnet) => new MnistConvnet(seed),
            nameof(StridedNormalizedNet) => new StridedNormalizedNet(seed),
            nameof(Normalized) => new Normalized(seed),
            nameof(ResidualBlock) => new ResidualBlock(seed),
            _ => throw new ArgumentOutOfRangeException(nameof(model)),
        };
        var inputSize = network.InputShape.Size;
        var outputSize = network.OutputShape.Size;
        var trainer = network.Compile(new Adam(), Loss.MeanSquaredError);
        var x = Enumerable.Range(0, Batch * inputSize).Select(i => MathF.Sin(0.011f * i + seed)).ToArray();
        var y = Enumerable.Range(0, Batch * outputSize).Select(i => (i % outputSize) == (i / outputSize) % outputSize ? 1f : 0f).ToArray();
        for (var step = 0; step < steps; step++)
        {
            trainer.TrainStep(x, y);
        }
        return network.TrainableParameters.ToArray();
    }
}
