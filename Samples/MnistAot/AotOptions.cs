using System.Globalization;

namespace MnistAot;

/// <summary>The sample's command line: where the weights and reference digits are, how many test digits to score.</summary>
internal sealed record AotOptions(string WeightsPath, string DigitsPath, int TestCount)
{
    public const string Usage = "usage: MnistAot [--weights <file.safetensors>] [--digits <file.safetensors>] [--count <test digits, 0 to skip>]";

    /// <summary>Reads the options; null when an option is unknown or lacks its value.</summary>
    public static AotOptions? Parse(string[] args)
    {
        // Defaults: the files the publish copies beside the binary.
        string weights = Path.Combine(AppContext.BaseDirectory, "mnist_convnet.safetensors");
        string digits = Path.Combine(AppContext.BaseDirectory, "mnist_digits.safetensors");
        int count = 1000;
        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return null;
            }

            string value = args[i + 1];
            switch (args[i])
            {
                case "--weights":
                    weights = value;
                    break;
                case "--digits":
                    digits = value;
                    break;
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed):
                    count = parsed;
                    break;
                default:
                    return null;
            }
        }

        return new AotOptions(weights, digits, count);
    }
}
