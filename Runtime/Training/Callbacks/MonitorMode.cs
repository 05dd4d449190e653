using System;

namespace Generated.Training;

/// <summary>Whether a monitored value improves by going down or up (Keras' <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Up for names ending in <c>acc</c>, <c>accuracy</c> or <c>auc</c>, down otherwise (Keras' <c>"auto"</c>).</summary>
    Auto,

    /// <summary>Lower is better (losses, errors).</summary>
    Min,

    /// <summary>Higher is better (accuracies).</summary>
    Max,
}

/// <summary>Resolves <see cref="MonitorMode.Auto"/> and reads monitored values from epoch logs.</summary>
internal static class Monitor
{
    /// <summary>True when higher values of <paramref name="monitor"/> are better.</summary>
    public static bool IsMaximized(string monitor, MonitorMode mode) => mode switch
    {
        MonitorMode.Max => true,
        MonitorMode.Min => false,
        _ => monitor.EndsWith("acc", StringComparison.Ordinal) || monitor.EndsWith("accuracy", StringComparison.Ordinal) || monitor.EndsWith("auc", StringComparison.Ordinal),
    };

    /// <summary>The monitored value, or an exception naming what was logged (for example <c>val_loss</c> without validation data).</summary>
    public static float Read(System.Collections.Generic.IReadOnlyDictionary<string, float> logs, string monitor, string callback)
    {
        if (logs.TryGetValue(monitor, out var value))
        {
            return value;
        }
        var hint = monitor.StartsWith("val_", StringComparison.Ordinal) ? " Pass validationData or validationSplit to Fit to get val_ values." : string.Empty;
        throw new InvalidOperationException($"{callback} monitors '{monitor}', which Fit does not log; it logs: {string.Join(", ", logs.Keys)}.{hint}");
    }
}
