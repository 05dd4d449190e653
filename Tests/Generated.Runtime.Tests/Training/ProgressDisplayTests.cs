using Generated.Tests;
using System.Globalization;
using Generated.Training;

namespace Generated.Runtime.Tests.Training;

public class ProgressDisplayTests
{
    private static string F(float value) => value.ToString("F4", CultureInfo.InvariantCulture);

    [Fact]
    public void Redirected_output_prints_one_plain_line_per_epoch()
    {
        var (x, labels, _) = SyntheticData.Blobs(20, 3, 2, seed: 4);
        // Every clock read advances 1 s: Begin reads it once and End once, so each epoch lasts exactly 1 s.
        var trainer = new Trainer(new TestMlp(3, 4, 2, OutputActivation.Softmax), new SGD(0.1f), Loss.SparseCategoricalCrossentropy, Metric.Accuracy)
        {
            TimeProvider = new FakeClock(TimeSpan.FromSeconds(1)),
        };
        var output = new StringWriter();
        var history = trainer.Fit(x, labels, epochs: 2, batchSize: 4, validationSplit: 0.2f, output: output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (var epoch = 0; epoch < 2; epoch++)
        {
            var expected = $"Epoch {epoch + 1}/2 - 4/4 - 1s 250ms/step - 16 samples/s - loss: {F(history["loss"][epoch])} - accuracy: {F(history["accuracy"][epoch])}" +
                $" - val_loss: {F(history["val_loss"][epoch])} - val_accuracy: {F(history["val_accuracy"][epoch])}";
            Assert.Equal(expected, lines[epoch]);
        }
    }

    [Fact]
    public void Verbose_zero_prints_nothing_and_verbose_two_matches_redirected_lines()
    {
        var (x, labels, _) = SyntheticData.Blobs(8, 3, 2, seed: 4);
        var silent = new StringWriter();
        new TestMlp(3, 0, 2, OutputActivation.Softmax).Compile(new SGD(), Loss.SparseCategoricalCrossentropy).Fit(x, labels, epochs: 2, verbose: 0, output: silent);
        Assert.Equal(string.Empty, silent.ToString());

        var two = new StringWriter();
        var trainer = new Trainer(new TestMlp(3, 0, 2, OutputActivation.Softmax), new SGD(), Loss.SparseCategoricalCrossentropy) { TimeProvider = new FakeClock(TimeSpan.FromMilliseconds(500)) };
        var history = trainer.Fit(x, labels, epochs: 1, batchSize: 8, verbose: 2, output: two);
        Assert.Equal($"Epoch 1/1 - 1/1 - 0s 500ms/step - 16 samples/s - loss: {F(history["loss"][0])}{Environment.NewLine}", two.ToString());
    }

    [Fact]
    public void Terminal_bar_redraws_in_place_with_eta_and_ends_with_the_epoch_summary()
    {
        var output = new StringWriter();
        // Each clock read advances 1 s: Begin reads it at 0 s, each drawn update once, End once.
        var clock = new FakeClock(TimeSpan.FromSeconds(1));
        var names = new[] { "loss", "accuracy" };
        var display = new ProgressDisplay(output, verbose: 1, interactive: true, clock, names);
        display.Begin(3, 15, 4);
        display.Update(1, 32, names, [0.5f, 0.25f]);
        display.Update(2, 64, names, [0.4f, 0.0001f]);
        display.Update(3, 96, names, [0.3f, 0.5f]);
        display.Update(4, 128, names, [0.2f, 1f]);
        display.End(128, names, new Dictionary<string, float> { ["loss"] = 0.2f, ["accuracy"] = 1f });

        var expected =
            "Epoch 3/15" + Environment.NewLine +
            "\r1/4 [======>.......................] - ETA: 3s - 32 samples/s - loss: 0.5000 - accuracy: 0.2500" +
            "\r2/4 [==============>...............] - ETA: 2s - 32 samples/s - loss: 0.4000 - accuracy: 1.0000e-04" +
            // Four spaces blank the end of the longer previous line.
            "\r3/4 [=====================>........] - ETA: 1s - 32 samples/s - loss: 0.3000 - accuracy: 0.5000    " +
            // The last step is drawn by End, with the epoch's time instead of the ETA.
            "\r4/4 [==============================] - 4s 1s/step - 32 samples/s - loss: 0.2000 - accuracy: 1.0000" + Environment.NewLine;
        Assert.Equal(expected, output.ToString());
    }

    [Fact]
    public void Terminal_bar_redraws_at_most_every_50_ms()
    {
        var output = new StringWriter();
        var names = new[] { "loss" };
        var display = new ProgressDisplay(output, verbose: 1, interactive: true, new FakeClock(TimeSpan.FromMilliseconds(10)), names);
        display.Begin(1, 1, 100);
        for (var step = 1; step < 100; step++)
        {
            display.Update(step, step, names, [1f]);
        }
        // Updates read the clock every 10 ms of fake time: a redraw every 5th step.
        Assert.InRange(output.ToString().Count(c => c == '\r'), 19, 20);
    }

    [Fact]
    public void Drawing_the_bar_allocates_nothing_per_step()
    {
        var names = new[] { "loss", "accuracy" };
        var display = new ProgressDisplay(TextWriter.Null, verbose: 1, interactive: true, new FakeClock(TimeSpan.FromMilliseconds(100)), names);
        display.Begin(1, 1, 1000);
        display.Update(1, 1, names, [0.5f, 0.5f]);
        var step = 1;
        AllocationMeter.AssertNoneOnThisThread(() =>
        {
            step++;
            display.Update(step, step, names, [0.5f / step, 0.5f]);
        }, measurements: 50);
    }
}
