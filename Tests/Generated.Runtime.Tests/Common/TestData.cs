namespace Generated.Runtime.Tests.Common;

/// <summary>Deterministic random tensors for kernel tests.</summary>
public static class TestData
{
    /// <summary><paramref name="length"/> values uniform in [-1, 1) from a seeded generator.</summary>
    public static float[] Uniform(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return values;
    }
}
