namespace Generated.Runtime.Tests.Common;

/// <summary>Element-wise closeness checks that name the first offending index.</summary>
public static class NumericAssert
{
    /// <summary>Asserts <c>|expected - actual| &lt;= tolerance * max(1, |expected|)</c> element-wise.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}.");
        for (var i = 0; i < expected.Length; i++)
        {
            Check(expected[i], actual[i], i, tolerance, what);
        }
    }

    /// <summary>Asserts <c>|expected - actual| &lt;= tolerance * max(1, |expected|)</c> element-wise.</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}.");
        for (var i = 0; i < expected.Length; i++)
        {
            Check(expected[i], actual[i], i, tolerance, what);
        }
    }

    private static void Check(double expected, double actual, int index, double tolerance, string what)
    {
        var error = Math.Abs(expected - actual);
        if (!(error <= tolerance * Math.Max(1, Math.Abs(expected))))
        {
            Assert.Fail($"{what}[{index}]: expected {expected:R}, got {actual:R} (error {error:G3}, tolerance {tolerance:G3} relative).");
        }
    }
}
