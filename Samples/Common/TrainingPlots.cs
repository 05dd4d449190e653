using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Generated.Training;
using ScottPlot;

namespace Generated.Samples.Common;

/// <summary>
/// Learning curves as Keras users draw them from <c>history.history</c>: loss on the left, accuracy on
/// the right, training and validation in each, one point per epoch.
/// </summary>
public static class TrainingPlots
{
    // matplotlib's first two default colours, which Keras tutorials' curves use.
    private static readonly Color TrainColor = Color.FromHex("#1f77b4");
    private static readonly Color ValidationColor = Color.FromHex("#ff7f0e");

    // matplotlib's default colour cycle (tab10), for plots of several named series.
    private static readonly Color[] SeriesColors =
    {
        TrainColor, ValidationColor, Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd"),
    };

    // The names Trainer logs for Metric.Accuracy and its explicit variants.
    private static readonly string[] AccuracyKeys = { "accuracy", "categorical_accuracy", "sparse_categorical_accuracy" };

    /// <summary>
    /// Writes a PNG with two panels, loss and accuracy per epoch; the validation series are optional
    /// but, when given, must have one value per epoch like the training series.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="loss">Training loss per epoch.</param>
    /// <param name="accuracy">Training accuracy per epoch, as a fraction (0..1).</param>
    /// <param name="validationLoss">Validation loss per epoch, or null.</param>
    /// <param name="validationAccuracy">Validation accuracy per epoch (0..1), or null.</param>
    /// <param name="title">Prefix of both panel titles, e.g. the model's name.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void SaveCurves(
        string path,
        IReadOnlyList<double> loss,
        IReadOnlyList<double> accuracy,
        IReadOnlyList<double>? validationLoss = null,
        IReadOnlyList<double>? validationAccuracy = null,
        string? title = null,
        int width = 1200,
        int height = 460)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(accuracy);
        int epochs = loss.Count;
        if (epochs == 0)
        {
            throw new ArgumentException("There is nothing to plot: the loss series is empty.", nameof(loss));
        }

        CheckLength(accuracy, epochs, nameof(accuracy));
        CheckLength(validationLoss, epochs, nameof(validationLoss));
        CheckLength(validationAccuracy, epochs, nameof(validationAccuracy));
        if (width < 200 || height < 150)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 200x150 pixels, got {width}x{height}.");
        }

        string prefix = string.IsNullOrWhiteSpace(title) ? string.Empty : title + ": ";
        var figure = new Multiplot();
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        figure.AddPlots(2);

        Plot lossPlot = figure.GetPlot(0);
        AddSeries(lossPlot, loss, "training", TrainColor, percent: false, best: Best.Minimum);
        if (validationLoss is not null)
        {
            AddSeries(lossPlot, validationLoss, "validation", ValidationColor, percent: false, best: Best.Minimum);
        }

        Style(lossPlot, prefix + "loss", "Loss", epochs);
        lossPlot.Legend.Alignment = Alignment.UpperRight; // loss falls: the upper right stays empty

        Plot accuracyPlot = figure.GetPlot(1);
        AddSeries(accuracyPlot, accuracy, "training", TrainColor, percent: true, best: Best.Maximum);
        if (validationAccuracy is not null)
        {
            AddSeries(accuracyPlot, validationAccuracy, "validation", ValidationColor, percent: true, best: Best.Maximum);
        }

        Style(accuracyPlot, prefix + "accuracy", "Accuracy (%)", epochs);
        accuracyPlot.Legend.Alignment = Alignment.LowerRight;

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        figure.SavePng(path, width, height);
    }

    /// <summary>The same plot from single-precision series (as training loops usually record them).</summary>
    public static void SaveCurves(
        string path,
        IReadOnlyList<float> loss,
        IReadOnlyList<float> accuracy,
        IReadOnlyList<float>? validationLoss = null,
        IReadOnlyList<float>? validationAccuracy = null,
        string? title = null,
        int width = 1200,
        int height = 460) =>
        SaveCurves(path, Widen(loss)!, Widen(accuracy)!, Widen(validationLoss), Widen(validationAccuracy), title, width, height);

    /// <summary>
    /// The curves of a <see cref="History"/> from <c>Trainer.Fit</c>: <c>loss</c> and the accuracy metric
    /// (<c>accuracy</c>, <c>categorical_accuracy</c> or <c>sparse_categorical_accuracy</c>), with their
    /// <c>val_</c> twins when validation data was given. A history without accuracy (an autoencoder's, a
    /// regression's) gives one loss panel, as <see cref="SaveLosses"/>.
    /// </summary>
    public static void SaveCurves(string path, History history, string? title = null, int width = 1200, int height = 460)
    {
        ArgumentNullException.ThrowIfNull(history);
        history.TryGetValue("val_loss", out IReadOnlyList<float>? validationLoss);
        string? accuracyKey = AccuracyKeys.FirstOrDefault(history.ContainsKey);
        if (accuracyKey is null)
        {
            var series = new List<(string, IReadOnlyList<float>)> { ("training", history["loss"]) };
            if (validationLoss is not null)
            {
                series.Add(("validation", validationLoss));
            }

            string panelTitle = string.IsNullOrWhiteSpace(title) ? "loss" : title + ": loss";
            SaveLosses(path, series, panelTitle, "Loss", width: (width / 2) + 200, height: height);
            return;
        }

        history.TryGetValue("val_" + accuracyKey, out IReadOnlyList<float>? validationAccuracy);
        SaveCurves(path, history["loss"], history[accuracyKey], validationLoss, validationAccuracy, title, width, height);
    }

    /// <summary>
    /// Writes a PNG with one panel of named series per epoch, e.g. a GAN's discriminator and generator losses,
    /// each with its lowest value in the legend. Every series needs one value per epoch.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="series">The named series, drawn in matplotlib's default colour order.</param>
    /// <param name="title">The panel title, e.g. the model's name followed by "loss".</param>
    /// <param name="yLabel">The y-axis label.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void SaveLosses(
        string path,
        IReadOnlyList<(string Name, IReadOnlyList<float> Values)> series,
        string? title = null,
        string yLabel = "Loss",
        int width = 800,
        int height = 460)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series[0].Values is null || series[0].Values.Count == 0)
        {
            throw new ArgumentException("There is nothing to plot: give at least one series with one value per epoch.", nameof(series));
        }

        int epochs = series[0].Values.Count;
        foreach ((string name, IReadOnlyList<float> values) in series)
        {
            ArgumentNullException.ThrowIfNull(values, nameof(series));
            CheckLength(values, epochs, name);
        }

        if (width < 200 || height < 150)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The image must be at least 200x150 pixels, got {width}x{height}.");
        }

        var plot = new Plot();
        for (int i = 0; i < series.Count; i++)
        {
            AddSeries(plot, Widen(series[i].Values)!, series[i].Name, SeriesColors[i % SeriesColors.Length], percent: false, best: Best.Minimum);
        }

        Style(plot, string.IsNullOrWhiteSpace(title) ? "loss" : title, yLabel, epochs);
        plot.Legend.Alignment = Alignment.UpperRight;

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }

    private enum Best
    {
        Minimum,
        Maximum,
    }

    private static void AddSeries(Plot plot, IReadOnlyList<double> values, string name, Color color, bool percent, Best best)
    {
        double[] xs = Enumerable.Range(1, values.Count).Select(e => (double)e).ToArray();
        double[] ys = values.Select(v => percent ? v * 100 : v).ToArray();
        var line = plot.Add.Scatter(xs, ys, color);
        line.LineWidth = 2;
        line.MarkerSize = values.Count <= 40 ? 6 : 0;

        int bestIndex = 0;
        for (int i = 1; i < ys.Length; i++)
        {
            if (best == Best.Minimum ? ys[i] < ys[bestIndex] : ys[i] > ys[bestIndex])
            {
                bestIndex = i;
            }
        }

        string bestText = percent
            ? ys[bestIndex].ToString("0.00", CultureInfo.InvariantCulture) + "%"
            : ys[bestIndex].ToString("0.0000", CultureInfo.InvariantCulture);
        line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} ({(best == Best.Minimum ? "lowest" : "best")} {bestText}, epoch {bestIndex + 1})");
    }

    private static void Style(Plot plot, string title, string yLabel, int epochs)
    {
        plot.Font.Set(PlotFont.Family);
        plot.Title(title, size: 18);
        plot.XLabel("Epoch", size: 15);
        plot.YLabel(yLabel, size: 15);
        plot.ShowLegend();
        plot.Legend.FontSize = 13;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;

        // Whole epochs on the x axis; ScottPlot would otherwise label 1.5, 2.5 for short runs.
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0.5, epochs + 0.5);
        plot.Axes.AutoScaleY();
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
    }

    private static void CheckLength<T>(IReadOnlyList<T>? series, int epochs, string name)
    {
        if (series is not null && series.Count != epochs)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' has {series.Count} values but the loss has {epochs}; give one value per epoch in every series."),
                name);
        }
    }

    private static double[]? Widen(IReadOnlyList<float>? values) => values?.Select(v => (double)v).ToArray();
}
