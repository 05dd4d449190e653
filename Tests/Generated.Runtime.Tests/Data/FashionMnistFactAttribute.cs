using Generated.Data;

namespace Generated.Runtime.Tests.Data;

/// <summary>A fact that is skipped, with the reason, only when Debian's Fashion-MNIST package is absent.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsAvailable())
        {
            Skip = $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory}: run scripts/setup.sh or sudo apt-get install dataset-fashion-mnist.";
        }
    }
}
