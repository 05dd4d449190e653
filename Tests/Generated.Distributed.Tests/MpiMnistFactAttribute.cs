namespace Generated.Distributed.Tests;

/// <summary>
/// A fact that runs only when <see cref="Variable"/> is 1: the full MNIST run with 2 ranks to 99% (about 65 s of CPU per
/// rank, so a minute or two on a quiet 2-core machine and far longer on a busy one), kept out of the default suite.
/// </summary>
public sealed class MpiMnistFactAttribute : FactAttribute
{
    /// <summary>Set to 1 to run the full MNIST data-parallel training.</summary>
    public const string Variable = "MPI_MNIST_FULL";

    public MpiMnistFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"the full MNIST run with 2 ranks; set {Variable}=1 to run it (or scripts/mpi-mnist.sh mnist)";
        }
    }
}
