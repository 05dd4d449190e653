using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Generated.Training;

/// <summary>
/// Keras' <c>ModelCheckpoint(save_weights_only=True)</c>: saves the network's weights with <see cref="INetwork.SaveWeights"/>
/// after every epoch, or only when <see cref="Monitor"/> improved with <see cref="SaveBestOnly"/>.
/// </summary>
/// <remarks>
/// <para>
/// The path may contain Keras' placeholders: <c>{epoch}</c> (1-based) and any logged value, with Python's format specs
/// <c>0Nd</c> and <c>.Nf</c>: <c>"ckpt/weights.{epoch:02d}-{val_loss:.2f}.safetensors"</c>. Missing folders are created.
/// </para>
/// <code>
/// keras.callbacks.ModelCheckpoint("best.weights.h5", monitor="val_accuracy", save_best_only=True, save_weights_only=True)
/// new ModelCheckpoint("best.safetensors", monitor: "val_accuracy", saveBestOnly: true)
/// </code>
/// </remarks>
public sealed class ModelCheckpoint : Callback
{
    private bool _maximize;
    private float _best;

    /// <summary>Creates the callback with Keras' arguments and defaults.</summary>
    public ModelCheckpoint(string filePath, string monitor = "val_loss", bool saveBestOnly = false, MonitorMode mode = MonitorMode.Auto, int verbose = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        FilePath = filePath;
        Monitor = monitor;
        SaveBestOnly = saveBestOnly;
        Mode = mode;
        Verbose = verbose;
    }

    /// <summary>Where to save; may contain <c>{epoch}</c> and <c>{name:spec}</c> placeholders.</summary>
    public string FilePath { get; }

    /// <summary>The logged value that decides "best" (default <c>val_loss</c>).</summary>
    public string Monitor { get; }

    /// <summary>Save only when <see cref="Monitor"/> improved on the best so far.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>Whether lower or higher is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>1 or more to print a line per save to the trainer's output.</summary>
    public int Verbose { get; }

    /// <summary>The files written so far, in order.</summary>
    public IReadOnlyList<string> SavedFiles => _saved;

    private readonly List<string> _saved = new();

    /// <inheritdoc/>
    public override void OnTrainBegin(Trainer trainer)
    {
        _maximize = Training.Monitor.IsMaximized(Monitor, Mode);
        _best = _maximize ? float.NegativeInfinity : float.PositiveInfinity;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(Trainer trainer, int epoch, IReadOnlyDictionary<string, float> logs)
    {
        var path = FormatPath(FilePath, epoch + 1, logs);
        if (SaveBestOnly)
        {
            var current = Training.Monitor.Read(logs, Monitor, nameof(ModelCheckpoint));
            var improved = _maximize ? current > _best : current < _best;
            if (!improved)
            {
                if (Verbose > 0)
                {
                    trainer.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}: {Monitor} did not improve from {_best:0.00000}"));
                }
                return;
            }
            if (Verbose > 0)
            {
                trainer.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}: {Monitor} improved from {_best:0.00000} to {current:0.00000}, saving model to {path}"));
            }
            _best = current;
        }
        else if (Verbose > 0)
        {
            trainer.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}: saving model to {path}"));
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        trainer.Network.SaveWeights(path);
        _saved.Add(path);
    }

    /// <summary>Replaces <c>{epoch}</c>, <c>{epoch:02d}</c>, <c>{val_loss:.2f}</c>, ... in <paramref name="template"/>.</summary>
    internal static string FormatPath(string template, int epoch, IReadOnlyDictionary<string, float> logs)
    {
        var result = new StringBuilder(template.Length + 16);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }
            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new FormatException($"The checkpoint path '{template}' has a '{{' at {open} without a closing '}}'.");
            }
            result.Append(template, position, open - position);
            var field = template.AsSpan(open + 1, close - open - 1);
            var colon = field.IndexOf(':');
            var name = (colon < 0 ? field : field[..colon]).ToString();
            var spec = colon < 0 ? ReadOnlySpan<char>.Empty : field[(colon + 1)..];
            double value;
            if (name == "epoch")
            {
                value = epoch;
            }
            else if (logs.TryGetValue(name, out var logged))
            {
                value = logged;
            }
            else
            {
                throw new FormatException($"The checkpoint path '{template}' uses '{{{name}}}', which is neither 'epoch' nor a logged value ({string.Join(", ", logs.Keys)}).");
            }
            result.Append(FormatPython(value, spec, name == "epoch", template));
            position = close + 1;
        }
        return result.ToString();
    }

    private static string FormatPython(double value, ReadOnlySpan<char> spec, bool isInteger, string template)
    {
        if (spec.IsEmpty)
        {
            return isInteger ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
        }
        if (spec[^1] == 'd' && int.TryParse(spec[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var width))
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture).PadLeft(width, spec[0] == '0' ? '0' : ' ');
        }
        if (spec[0] == '.' && spec[^1] == 'f' && int.TryParse(spec[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            return value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }
        throw new FormatException($"The checkpoint path '{template}' uses the format '{spec.ToString()}'; supported are 0Nd (e.g. 02d) and .Nf (e.g. .2f).");
    }
}
