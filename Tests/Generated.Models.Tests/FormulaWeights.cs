namespace Generated.Models.Tests;

/// <summary>
/// The weights the two large fixtures use instead of a stored file (the Python twin is <c>formula_weights</c>): tensor t,
/// flat index k in Keras layout, 0.1 * sin(0.7 * k + 1.3 * t). Free of xunit, so the ARM64 check program links it too.
/// </summary>
internal static class FormulaWeights
{
    /// <summary>Fills every trainable tensor of <paramref name="network"/> by the formula.</summary>
    public static void Fill(INetwork network)
    {
        var offset = 0;
        var parameters = network.TrainableParameters;
        for (var t = 0; t < network.ParameterTensors.Count; t++)
        {
            var view = network.ParameterTensors[t];
            if (!view.Trainable)
            {
                throw new InvalidOperationException($"Formula weights cover trainable tensors only; {view.Name} is not trainable.");
            }
            for (var k = 0; k < view.Length; k++)
            {
                parameters[offset + k] = (float)(0.1 * Math.Sin(0.7 * k + 1.3 * t));
            }
            offset += view.Length;
        }
    }
}
