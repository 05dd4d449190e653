using DigitPad;
using MnistSample;

namespace Generated.Browser.Tests;

/// <summary>DigitPad's model code and shipped assets, checked natively (no browser).</summary>
public sealed class DigitPadModelTests
{
    private static byte[] Asset(string name) => File.ReadAllBytes(Path.Combine(Repository.DigitPadAssets, name));

    [Fact]
    public void EveryShippedTestDigitIsClassifiedAsItsLabel()
    {
        // The "Random test digit" browser test relies on this: whichever digit it draws, the answer is the label.
        var classifier = new DigitClassifier(Asset("mnist_convnet.safetensors"));
        var digits = new TestDigits(Asset("test-digits.bin"));
        Assert.InRange(digits.Count, 200, 500);
        var wrong = new List<string>();
        for (var index = 0; index < digits.Count; index++)
        {
            var image = digits.Pixels(index).ToArray().Select(value => value / 255f).ToArray();
            var probabilities = classifier.Predict(image);
            var best = Array.IndexOf(probabilities, probabilities.Max());
            if (best != digits.Label(index))
            {
                wrong.Add($"#{index}: label {digits.Label(index)}, predicted {best}");
            }
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-0.5f)]
    [InlineData(2f)]
    public void PredictRejectsPixelsOutsideTheUnitRange(float bad)
    {
        var classifier = new DigitClassifier(Asset("mnist_convnet.safetensors"));
        var image = new float[MnistConvNet.InputSize];
        image[300] = bad;
        var error = Assert.Throws<ArgumentException>(() => classifier.Predict(image));
        Assert.Contains("Pixel 300", error.Message);
    }

    [Fact]
    public void PredictRejectsAWrongSizedImage()
    {
        var classifier = new DigitClassifier(Asset("mnist_convnet.safetensors"));
        Assert.Throws<ArgumentException>(() => classifier.Predict(new float[100]));
    }

    [Fact]
    public void CorruptWeightsAreRejectedWithAMessage()
    {
        var weights = Asset("mnist_convnet.safetensors");
        var error = Assert.Throws<InvalidDataException>(() => new DigitClassifier(weights.AsSpan(0, weights.Length / 2).ToArray()));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Throws<InvalidDataException>(() => new DigitClassifier("not safetensors"u8.ToArray()));
    }

    [Fact]
    public void CorruptTestDigitsAreRejected()
    {
        Assert.Throws<InvalidDataException>(() => new TestDigits(new byte[TestDigits.RecordSize + 1]));
        var badLabel = new byte[TestDigits.RecordSize];
        badLabel[0] = 10;
        Assert.Throws<InvalidDataException>(() => new TestDigits(badLabel));
    }

    [Fact]
    public void NormalizerFitsTheInkIntoATwentyPixelBoxCentredByMass()
    {
        // A 100x40 bar of full ink in the corner of a 280x280 drawing.
        const int side = 280;
        var ink = new byte[side * side];
        for (var y = 10; y < 50; y++)
        {
            for (var x = 5; x < 105; x++)
            {
                ink[y * side + x] = 255;
            }
        }
        var image = DigitNormalizer.Normalize(ink, side);
        Assert.All(image, value => Assert.InRange(value, 0f, 1f));
        var columns = Enumerable.Range(0, 28).Where(x => Enumerable.Range(0, 28).Any(y => image[y * 28 + x] > 0)).ToArray();
        var rows = Enumerable.Range(0, 28).Where(y => Enumerable.Range(0, 28).Any(x => image[y * 28 + x] > 0)).ToArray();
        Assert.Equal(20, columns.Length);
        Assert.Equal(8, rows.Length);
        Assert.Equal(4, columns[0]);
        Assert.Equal(10, rows[0]);
        Assert.InRange(image[14 * 28 + 14], 0.999f, 1f);
    }

    [Fact]
    public void NormalizerLeavesAnEmptyDrawingEmptyAndRejectsWrongSizes()
    {
        Assert.All(DigitNormalizer.Normalize(new byte[280 * 280], 280), value => Assert.Equal(0f, value));
        Assert.Throws<ArgumentException>(() => DigitNormalizer.Normalize(new byte[100], 280));
    }
}
