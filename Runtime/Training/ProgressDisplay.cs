using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Generated.Training;

/// <summary>
/// Keras' <c>verbose</c> progress output. Verbose 1 on a terminal: an <c>Epoch 3/15</c> line, then a progress bar
/// redrawn in place (carriage return, at most every 50 ms) with ETA, samples/s and the running loss and metrics,
/// finished with the epoch's time and validation values. Verbose 2, or verbose 1 when the output is redirected: one
/// plain line per epoch, <c>Epoch 3/15 - 1875/1875 - 5s 3ms/step - 12000 samples/s - loss: 0.2345 - accuracy: 0.9612 - val_loss: ...</c>.
/// </summary>
/// <remarks>
/// Lines are built in a character buffer sized once from the metric names and written with
/// <see cref="TextWriter.Write(char[], int, int)"/>, so drawing allocates nothing per step.
/// </remarks>
internal sealed class ProgressDisplay
{
    private const int BarWidth = 30;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(50);

    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly bool _silent;
    private readonly TimeProvider _clock;
    private readonly char[] _line;
    private int _length;
    private int _previousLength;
    private long _start;
    private long _lastDraw;
    private int _epoch;
    private int _epochs;
    private int _steps;

    /// <summary>Creates a display; <paramref name="interactive"/> selects the redrawn bar for verbose 1.</summary>
    public ProgressDisplay(TextWriter writer, int verbose, bool interactive, TimeProvider clock, IReadOnlyList<string> names)
    {
        _writer = writer;
        _silent = verbose == 0;
        _interactive = verbose == 1 && interactive;
        _clock = clock;
        var capacity = 160;
        foreach (var name in names)
        {
            capacity += name.Length + 24;
        }
        _line = new char[capacity];
    }

    /// <summary>Whether <paramref name="writer"/> is a terminal that can redraw a line (the console, not redirected).</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Starts an epoch (1-based <paramref name="epoch"/>) of <paramref name="steps"/> steps; epoch 0 means an evaluation.</summary>
    public void Begin(int epoch, int epochs, int steps)
    {
        _epoch = epoch;
        _epochs = epochs;
        _steps = steps;
        _start = _clock.GetTimestamp();
        _lastDraw = _start;
        _previousLength = 0;
        if (_interactive && epoch > 0)
        {
            _length = 0;
            AppendEpoch();
            _writer.Write(_line, 0, _length);
            _writer.WriteLine();
        }
    }

    /// <summary>After step <paramref name="step"/> (1-based) with the running values; redraws the bar when due.</summary>
    public void Update(int step, long samples, IReadOnlyList<string> names, ReadOnlySpan<float> values)
    {
        if (!_interactive || step >= _steps)
        {
            return;
        }
        var now = _clock.GetTimestamp();
        if (_clock.GetElapsedTime(_lastDraw, now) < RedrawInterval)
        {
            return;
        }
        _lastDraw = now;
        var elapsed = _clock.GetElapsedTime(_start, now).TotalSeconds;
        _length = 0;
        Append('\r');
        AppendBar(step);
        Append(" - ETA: ");
        AppendEta(elapsed / step * (_steps - step));
        AppendRate(samples, elapsed);
        for (var i = 0; i < values.Length; i++)
        {
            AppendValue(names[i], values[i]);
        }
        Flush(newLine: false);
    }

    /// <summary>Ends the epoch with its final logs (training values then validation values).</summary>
    public void End(long samples, IReadOnlyList<string> names, IReadOnlyDictionary<string, float> logs)
    {
        if (_silent)
        {
            return;
        }
        var elapsed = _clock.GetElapsedTime(_start).TotalSeconds;
        _length = 0;
        if (_interactive)
        {
            Append('\r');
            AppendBar(_steps);
            Append(" - ");
        }
        else
        {
            if (_epoch > 0)
            {
                AppendEpoch();
                Append(" - ");
            }
            AppendInt(_steps);
            Append('/');
            AppendInt(_steps);
            Append(" - ");
        }
        AppendDuration(elapsed, _steps);
        AppendRate(samples, elapsed);
        foreach (var name in names)
        {
            AppendValue(name, logs[name]);
        }
        Flush(newLine: true);
    }

    /// <summary>Ends a line left open by an interrupted epoch (exception or cancellation).</summary>
    public void Abandon()
    {
        if (_interactive && _previousLength > 0)
        {
            _writer.WriteLine();
            _previousLength = 0;
        }
    }

    private void Flush(bool newLine)
    {
        var length = _length;
        // Blank out what a longer previous line left on the terminal.
        for (var i = length; i < _previousLength && _length < _line.Length; i++)
        {
            Append(' ');
        }
        _writer.Write(_line, 0, _length);
        if (newLine)
        {
            _writer.WriteLine();
            _previousLength = 0;
        }
        else
        {
            _previousLength = length;
        }
        _writer.Flush();
    }

    private void AppendEpoch()
    {
        Append("Epoch ");
        AppendInt(_epoch);
        Append('/');
        AppendInt(_epochs);
    }

    // Keras' Progbar: "%{digits}d/%d [" + "=" * (width - 1) + ">" + "." * rest + "]".
    private void AppendBar(int step)
    {
        for (var i = Digits(step); i < Digits(_steps); i++)
        {
            Append(' ');
        }
        AppendInt(step);
        Append('/');
        AppendInt(_steps);
        Append(" [");
        var filled = (int)((long)BarWidth * step / _steps);
        for (var i = 0; i < filled - 1; i++)
        {
            Append('=');
        }
        if (filled > 0)
        {
            Append(step < _steps ? '>' : '=');
        }
        for (var i = filled; i < BarWidth; i++)
        {
            Append('.');
        }
        Append(']');
    }

    // Keras: "h:mm:ss" above an hour, "m:ss" above a minute, else "Ns".
    private void AppendEta(double seconds)
    {
        var total = (long)Math.Round(seconds);
        if (total > 3600)
        {
            AppendInt(total / 3600);
            Append(':');
            AppendTwoDigits(total % 3600 / 60);
            Append(':');
            AppendTwoDigits(total % 60);
        }
        else if (total > 60)
        {
            AppendInt(total / 60);
            Append(':');
            AppendTwoDigits(total % 60);
        }
        else
        {
            AppendInt(total);
            Append('s');
        }
    }

    // Keras: "5s 3ms/step" (per-step time in s, ms or us, whichever is >= 1).
    private void AppendDuration(double seconds, int steps)
    {
        AppendInt((long)Math.Round(seconds));
        Append("s ");
        var perStep = steps > 0 ? seconds / steps : 0;
        if (perStep >= 1 || perStep == 0)
        {
            AppendInt((long)Math.Round(perStep));
            Append("s/step");
        }
        else if (perStep >= 1e-3)
        {
            AppendInt((long)Math.Round(perStep * 1e3));
            Append("ms/step");
        }
        else
        {
            AppendInt((long)Math.Round(perStep * 1e6));
            Append("us/step");
        }
    }

    private void AppendRate(long samples, double seconds)
    {
        if (seconds <= 0)
        {
            return;
        }
        Append(" - ");
        AppendInt((long)Math.Round(samples / seconds));
        Append(" samples/s");
    }

    // Keras: "%.4f" when |v| > 1e-3, else "%.4e".
    private void AppendValue(string name, float value)
    {
        Append(" - ");
        Append(name);
        Append(": ");
        var format = Math.Abs(value) > 1e-3f || value == 0 || !float.IsFinite(value) ? "F4" : "0.0000e+00";
        if (!float.IsFinite(value))
        {
            Append(float.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
            return;
        }
        value.TryFormat(_line.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
    }

    private static int Digits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private void AppendInt(long value)
    {
        value.TryFormat(_line.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    private void AppendTwoDigits(long value)
    {
        if (value < 10)
        {
            Append('0');
        }
        AppendInt(value);
    }

    private void Append(string text)
    {
        text.AsSpan().CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }

    private void Append(char c) => _line[_length++] = c;
}
