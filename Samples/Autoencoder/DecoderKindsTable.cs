using System.Globalization;
using System.Text;

namespace AutoencoderSample;

/// <summary>The comparison's table: one row per kind and optimizer with test loss and training time, as Markdown or a picture.</summary>
public sealed class DecoderKindsTable
{
    private static readonly string[] Headers =
    {
        "Kind", "Decoder up-sampling", "Optimizer", "Parameters", "Test loss untrained", "Test loss trained", "Training time (s)",
    };

    // Text columns left-aligned, numbers right-aligned.
    private static readonly bool[] Numeric = { false, false, false, true, true, true, true };

    private readonly string _title;
    private readonly List<string[]> _rows;
    private readonly int _bestRow;

    private DecoderKindsTable(string title, List<string[]> rows, int bestRow)
    {
        _title = title;
        _rows = rows;
        _bestRow = bestRow;
    }

    /// <summary>The rows, formatted as printed (invariant culture).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows => _rows;

    /// <summary>The table of <paramref name="results"/>, titled with the training settings of <paramref name="options"/>.</summary>
    public static DecoderKindsTable From(IReadOnlyList<DecoderKindResult> results, DecoderKindsOptions options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        var rows = results.Select(r => new[]
        {
            DecoderKinds.Name(r.Kind),
            DecoderKinds.Description(r.Kind),
            DecoderKinds.Name(r.Optimizer),
            r.Parameters.ToString("N0", CultureInfo.InvariantCulture),
            r.UntrainedTestLoss.ToString("F4", CultureInfo.InvariantCulture),
            r.TestLoss.ToString("F4", CultureInfo.InvariantCulture),
            r.TrainingSeconds.ToString("F1", CultureInfo.InvariantCulture),
        }).ToList();
        var best = results.Count == 0 ? -1 : results.Select((r, i) => (r.TestLoss, i)).Min().i;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"Convolutional autoencoders on MNIST: binary cross-entropy on {options.TestSamples} test images after {options.Epochs} epoch{(options.Epochs == 1 ? "" : "s")} of {options.TrainSamples} images (batch {options.BatchSize}, {options.Threads} thread{(options.Threads == 1 ? "" : "s")})");
        return new DecoderKindsTable(title, rows, best);
    }

    /// <summary>The table as GitHub Markdown under its title; the lowest test loss in bold.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(_title).AppendLine();
        text.Append("| ").AppendJoin(" | ", Headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', Numeric.Select(n => n ? " ---: " : " --- ")).AppendLine("|");
        for (var r = 0; r < _rows.Count; r++)
        {
            var cells = _rows[r].Select((cell, c) => r == _bestRow && c == 5 ? $"**{cell}**" : cell);
            text.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
        }
        return text.ToString();
    }

    /// <summary>Writes the table as a PNG picture (its folder is created); the lowest test loss in bold.</summary>
    public void SavePng(string path) =>
        TablePicture.Save(path, _title, Headers, _rows, Numeric, (row, column) => row == _bestRow && column == 5);
}
