using Generated.Data;

namespace Generated.Runtime.Tests.Data;

/// <summary>NumPyRandomState against NumPy 1.x/2.x's legacy RandomState (values printed by numpy itself).</summary>
public class NumPyRandomStateTests
{
    [Fact]
    public void Raw_outputs_are_mt19937s_for_the_reference_seed()
    {
        // np.random.RandomState(5489).randint(0, 2**32, size=3, dtype=np.uint64)
        var random = new NumPyRandomState(5489);
        Assert.Equal(new uint[] { 3499211612, 581869302, 3890346734 }, new[] { random.NextUInt32(), random.NextUInt32(), random.NextUInt32() });
    }

    [Theory]
    [InlineData(123u, new[] { 4, 0, 7, 5, 8, 3, 1, 6, 9, 2 })]
    [InlineData(0u, new[] { 6, 2, 1, 3, 0, 5, 4 })]
    [InlineData(42u, new[] { 0, 17, 15, 1, 8, 5, 11, 3, 18, 16, 13, 2, 9, 19, 4, 12, 7, 10, 14, 6 })]
    [InlineData(4294967295u, new[] { 4, 1, 0, 2, 3 })]
    public void Shuffle_gives_numpys_permutation(uint seed, int[] expected)
    {
        // x = list(range(n)); np.random.RandomState(seed).shuffle(x)
        int[] items = Enumerable.Range(0, expected.Length).ToArray();
        new NumPyRandomState(seed).Shuffle(items.AsSpan());
        Assert.Equal(expected, items);
    }

    [Fact]
    public void Shuffle_of_a_thousand_items_matches_numpy_at_both_ends()
    {
        int[] items = Enumerable.Range(0, 1000).ToArray();
        new NumPyRandomState(1).Shuffle(items.AsSpan());
        Assert.Equal(new[] { 507, 818, 452, 368, 242, 929, 262, 810, 318, 49 }, items[..10]);
        Assert.Equal(new[] { 767, 72, 908, 235, 37 }, items[^5..]);
    }
}
