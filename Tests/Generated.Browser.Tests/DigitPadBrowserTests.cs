using System.Diagnostics;
using System.Globalization;
using DigitPad;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using Xunit.Abstractions;

namespace Generated.Browser.Tests;

/// <summary>DigitPad published, served and used in headless Chromium the way a person would use it.</summary>
public sealed class DigitPadBrowserTests : IClassFixture<PublishedDigitPad>, IDisposable
{
    private const int Side = 28;
    private const int Scale = 10;
    private const int RecordSize = 1 + Side * Side;

    // MNIST test digits (indices into test-digits.bin) that the model still reads confidently after being traced
    // on the canvas: a 7, a 2 and a 1, the first three digits of the MNIST test set.
    private static readonly int[] DrawnDigits = [0, 1, 2];

    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PredictTimeout = TimeSpan.FromSeconds(30);

    private readonly PublishedDigitPad _site;
    private readonly ITestOutputHelper _output;
    private readonly ChromeDriver _driver;
    private readonly string _profile;
    private readonly string _artifacts;

    public DigitPadBrowserTests(PublishedDigitPad site, ITestOutputHelper output)
    {
        _site = site;
        _output = output;
        (_driver, _profile) = HeadlessChromium.Start();
        _artifacts = Path.Combine(site.RepositoryRoot, "artifacts", "digitpad");
        Directory.CreateDirectory(_artifacts);
    }

    [Fact]
    public void DrawnDigitsArePredictedAsTheirLabels()
    {
        var records = File.ReadAllBytes(Path.Combine(_site.WebRoot, "test-digits.bin"));
        var loadSeconds = LoadPage("");
        var canvas = _driver.FindElement(By.Id("pad"));
        var timings = new List<double>();
        foreach (var index in DrawnDigits)
        {
            var label = records[index * RecordSize];
            var pixels = records.AsSpan(index * RecordSize + 1, Side * Side).ToArray();
            _driver.FindElement(By.Id("clear")).Click();
            HeadlessChromium.WaitUntil(_driver, () => Text("prediction") == "-", PredictTimeout, "the cleared pad");
            var before = int.Parse(Text("prediction-count"), CultureInfo.InvariantCulture);

            var strokes = Trace(canvas, pixels);

            // Live while drawing, then once more when the pen lifts: wait for the answer to the whole digit.
            HeadlessChromium.WaitUntil(_driver, () => int.Parse(Text("prediction-count"), CultureInfo.InvariantCulture) > before,
                PredictTimeout, $"a prediction for digit #{index}");
            HeadlessChromium.WaitUntil(_driver, () => Text("prediction") == label.ToString(CultureInfo.InvariantCulture),
                PredictTimeout, $"digit #{index} (label {label}, {strokes} strokes) to be predicted as {label}");
            var probability = double.Parse(Text($"probability-{label}"), CultureInfo.InvariantCulture);
            Assert.True(probability > 0.5, $"digit #{index}: P({label}) = {probability}");
            timings.Add(double.Parse(Text("predict-ms"), CultureInfo.InvariantCulture));
            _output.WriteLine($"digit #{index}: label {label}, {strokes} strokes, P = {probability}, predict {timings[^1]} ms");
        }
        Assert.False(_driver.FindElement(By.Id("blazor-error-ui")).Displayed, "Blazor reported an unhandled error.");
        Screenshot("digitpad-drawn.png");
        Record($"drawn digits: page ready in {loadSeconds:0.00} s, per-prediction {string.Join(", ", timings.Select(ms => ms.ToString("0.0", CultureInfo.InvariantCulture)))} ms");
    }

    [Fact]
    public void RandomTestDigitIsPredictedAsItsLabel()
    {
        var clock = Stopwatch.StartNew();
        var loadSeconds = LoadPage("");
        _driver.FindElement(By.Id("random")).Click();
        HeadlessChromium.WaitUntil(_driver, () => Text("prediction") != "-", PredictTimeout, "the random digit's prediction");
        var firstPrediction = clock.Elapsed.TotalSeconds;
        var label = Text("label");
        Assert.Equal(label, Text("prediction"));
        var firstPredictionAt = Text("first-prediction-at");

        for (var click = 0; click < 4; click++)
        {
            _driver.FindElement(By.Id("random")).Click();
            var count = (click + 2).ToString(CultureInfo.InvariantCulture);
            HeadlessChromium.WaitUntil(_driver, () => Text("prediction-count") == count, PredictTimeout, $"random digit {click + 2}");
            Assert.Equal(Text("label"), Text("prediction"));
            AssertSameProbabilitiesAsNative(int.Parse(Text("test-index"), CultureInfo.InvariantCulture));
        }
        Assert.False(_driver.FindElement(By.Id("blazor-error-ui")).Displayed, "Blazor reported an unhandled error.");
        Screenshot("digitpad-random.png");
        var size = _site.FrameworkSize();
        Record($"publish {_site.PublishSeconds:0.0} s; _framework {size.Files} files {size.Raw / 1024.0:0} KiB raw, " +
               $"{size.Brotli / 1024.0:0} KiB .br, {size.Gzip / 1024.0:0} KiB .gz");
        Record($"random digit: page ready {loadSeconds:0.00} s, first prediction {firstPrediction:0.00} s after navigation " +
               $"(page: {firstPredictionAt} ms after page start), last predict {Text("predict-ms")} ms; " +
               $"{Text("runtime")}, Vector128 accelerated {Text("vector128")}, Vector<float> lanes {Text("vector-lanes")}");
    }

    [Theory]
    [InlineData("missing.safetensors", "404")]
    [InlineData("corrupt.safetensors", "not the MNIST convnet")]
    public void BadWeightsShowAnErrorPanel(string weights, string expected)
    {
        File.WriteAllBytes(Path.Combine(_site.WebRoot, "corrupt.safetensors"), "{\"not\": safetensors at all"u8.ToArray());
        _driver.Navigate().GoToUrl(_site.BaseUrl + "?weights=" + weights);
        HeadlessChromium.WaitUntil(_driver, () => _driver.FindElements(By.Id("error")).Count == 1, LoadTimeout, "the error panel");
        var error = Text("error");
        Assert.Contains(weights, error);
        Assert.Contains(expected, error);
        Assert.Equal("No model.", Text("status"));
        Assert.False(_driver.FindElement(By.Id("blazor-error-ui")).Displayed, "Blazor reported an unhandled error.");
    }

    /// <summary>The bars show what the same network computes natively for that test digit (to the 3 decimals shown).</summary>
    private void AssertSameProbabilitiesAsNative(int index)
    {
        var digits = new TestDigits(File.ReadAllBytes(Path.Combine(_site.WebRoot, "test-digits.bin")));
        var classifier = new DigitClassifier(File.ReadAllBytes(Path.Combine(_site.WebRoot, "mnist_convnet.safetensors")));
        var native = classifier.Predict(digits.Pixels(index).ToArray().Select(value => value / 255f).ToArray());
        for (var digit = 0; digit < 10; digit++)
        {
            var shown = double.Parse(Text($"probability-{digit}"), CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(shown - native[digit]) <= 0.0011, $"digit #{index}: P({digit}) shown {shown}, native {native[digit]}");
        }
    }

    /// <summary>Opens the page and waits for the model and the canvas script; returns the seconds it took.</summary>
    private double LoadPage(string query)
    {
        var clock = Stopwatch.StartNew();
        _driver.Navigate().GoToUrl(_site.BaseUrl + query);
        HeadlessChromium.WaitUntil(_driver, () => _driver.FindElement(By.Id("status")).GetAttribute("data-ready") == "true",
            LoadTimeout, "the model to load");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Traces the digit's bright pixels as strokes, one press-drag-release per horizontal run of ink in each row,
    /// scaled 10x onto the canvas. Returns the number of strokes.
    /// </summary>
    private int Trace(IWebElement canvas, byte[] pixels)
    {
        // Offsets are from the canvas' centre; each image pixel is a 10x10 square of the 280x280 canvas.
        static int At(int pixel) => pixel * Scale + Scale / 2 - Side * Scale / 2;
        var actions = new Actions(_driver, TimeSpan.FromMilliseconds(5));
        var strokes = 0;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                if (pixels[y * Side + x] < 128)
                {
                    continue;
                }
                var end = x;
                while (end + 1 < Side && pixels[y * Side + end + 1] >= 128)
                {
                    end++;
                }
                actions.MoveToElement(canvas, At(x), At(y)).ClickAndHold();
                for (var step = x + 1; step <= end; step++)
                {
                    actions.MoveToElement(canvas, At(step), At(y));
                }
                actions.Release();
                strokes++;
                x = end;
            }
        }
        actions.Perform();
        return strokes;
    }

    private string Text(string id) => _driver.FindElement(By.Id(id)).Text.Trim();

    private void Screenshot(string name)
    {
        var path = Path.Combine(_artifacts, name);
        _driver.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"screenshot: {path}");
    }

    private void Record(string line)
    {
        _output.WriteLine(line);
        File.AppendAllText(Path.Combine(_artifacts, "measurements.txt"), $"{DateTime.UtcNow:u} {line}{Environment.NewLine}");
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; a leftover temp profile is harmless.
        }
    }
}
