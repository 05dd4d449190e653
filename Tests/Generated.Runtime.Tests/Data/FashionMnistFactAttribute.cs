using Generated.Data;

namespace Generated.Runtime.Tests.Data;

/// <summary>
/// A fact that needs Debian's Fashion-MNIST package. When the files are absent it runs anyway and fails with
/// <see cref="FashionMnist.Load"/>'s message (which names the package and scripts/setup.sh): a missing
/// prerequisite must not pass as a skip. Setting <see cref="OptOutVariable"/> to 1 skips it instead.
/// </summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    /// <summary>Set to 1 to skip, rather than fail, the tests whose machine prerequisites are missing.</summary>
    public const string OptOutVariable = "GENERATED_SKIP_MISSING_PREREQUISITES";

    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsAvailable() && Environment.GetEnvironmentVariable(OptOutVariable) == "1")
        {
            Skip = $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory} and {OptOutVariable}=1: "
                + "run scripts/setup.sh or sudo apt-get install dataset-fashion-mnist.";
        }
    }
}
