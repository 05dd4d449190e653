namespace Generated.Fuzzing;

/// <summary>
/// <c>LoadWeights</c> broke its contract on a fuzzed input (a failed load changed the weights, a load that succeeded did not
/// take the file's values): thrown so libFuzzer records the input as a crash, as it does any undocumented exception.
/// </summary>
public sealed class WeightFileContractException(string message) : Exception(message);
