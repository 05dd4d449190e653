using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Generated.Model;

using static Generated.Generator.Code;

namespace Generated.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// The lines of Keras 2's <c>model.summary()</c> (TensorFlow 2.0-2.8 layout, <c>print_summary</c>):
    /// a sequential table 65 characters wide with columns at 45% and 85%, or, when merges or <c>Input</c> make
    /// the model a graph, a 98-wide table with an input row and a "Connected to" column (33/55/67%).
    /// Fields too long for their column are cut as Keras cuts them.
    /// </summary>
    internal static List<string> SummaryLines(NetworkModel model)
    {
        var graph = IsGraph(model);
        var width = graph ? 98 : 65;
        var positions = graph
            ? new[] { (int)(width * .33), (int)(width * .55), (int)(width * .67), width }
            : new[] { (int)(width * .45), (int)(width * .85), width };
        var lines = new List<string>
        {
            $"Model: \"{ToSnakeCase(model.Declaration.TypeName)}\"",
            new string('_', width),
            Row(positions, graph ? new[] { "Layer (type)", "Output Shape", "Param #", "Connected to" } : new[] { "Layer (type)", "Output Shape", "Param #" }),
            new string('=', width),
        };

        var rows = new List<string[]>();
        if (graph)
        {
            rows.Add(new[] { LayerNames.Input + " (InputLayer)", "[" + model.InputShape.ToKerasString() + "]", "0", "" });
        }
        foreach (var layer in model.Layers)
        {
            var fields = new List<string> { $"{layer.Name} ({layer.Kind})", layer.OutputShape.ToKerasString(), Literal(layer.ParameterCount) };
            if (graph)
            {
                var connections = layer.Inputs.Select(i => InputName(model, i) + "[0][0]").ToList();
                rows.Add(fields.Concat(new[] { connections[0] }).ToArray());
                foreach (var extra in connections.Skip(1))
                {
                    rows.Add(new[] { "", "", "", extra });
                }
                continue;
            }
            rows.Add(fields.ToArray());
        }

        // Keras separates layers with '_' lines; a continuation row of extra connections belongs to its layer.
        for (var r = 0; r < rows.Count; r++)
        {
            lines.Add(Row(positions, rows[r]));
            var continued = r + 1 < rows.Count && rows[r + 1][0].Length == 0;
            if (!continued)
            {
                lines.Add(new string(r == rows.Count - 1 ? '=' : '_', width));
            }
        }

        // Keras counts a frozen layer's (Trainable = false) weights as non-trainable, like the moving statistics.
        var trainable = model.Layers.Where(l => l.Declaration.Trainable).Sum(l => l.Parameters.Where(p => p.Trainable).Sum(p => (long)p.Length));
        var total = model.ParameterCount;
        lines.Add("Total params: " + total.ToString("N0", CultureInfo.InvariantCulture));
        lines.Add("Trainable params: " + trainable.ToString("N0", CultureInfo.InvariantCulture));
        lines.Add("Non-trainable params: " + (total - trainable).ToString("N0", CultureInfo.InvariantCulture));
        lines.Add(new string('_', width));
        lines.AddRange(SummaryFactLines(model, width));
        return lines;
    }

    /// <summary>Whether some layer reads other than exactly the previous layer (a merge, or <c>Input</c>): then Keras' functional layout.</summary>
    internal static bool IsGraph(NetworkModel model) => model.Layers.Any(l => l.Inputs.Count != 1 || l.Inputs[0] != l.Index - 1 || l.Reads.Count > 0);

    /// <summary>The name a layer's input goes by: the producing layer's name, or <c>input</c>.</summary>
    internal static string InputName(NetworkModel model, int tensor) =>
        tensor == Graph.NetworkInput ? LayerNames.Input : model.Layers[tensor].Name;

    /// <summary>Keras' <c>print_row</c>: each field is cut to its column end and padded; the last cut character becomes a space.</summary>
    private static string Row(int[] positions, IReadOnlyList<string> fields)
    {
        var line = "";
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line = line.Substring(0, line.Length - 1) + " ";
            }
            line += fields[i];
            if (line.Length > positions[i])
            {
                line = line.Substring(0, positions[i]);
            }
            line += new string(' ', positions[i] - line.Length);
        }
        return line;
    }

    /// <summary><c>TutorialCnn</c> to <c>tutorial_cnn</c>, <c>MNISTConvnet</c> to <c>mnist_convnet</c> (Keras' model naming).</summary>
    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString().Replace("__", "_");
    }
}
