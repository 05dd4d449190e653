using System.Collections.Generic;
using System.Linq;

namespace Generated.Generator;

/// <summary>
/// A layer's constant geometry: the runtime struct it constructs and the constructor's arguments by name, in
/// groups (input, output, window, ...), written as <c>new T(</c> with one indented line per group, e.g.
/// <c>InputHeight: 28, InputWidth: 28, InputChannels: 1,</c>, so a generated file says what each number is.
/// </summary>
internal sealed class GeometryExpression
{
    public GeometryExpression(string type, params (string Name, int Value)[][] groups)
    {
        Type = type;
        Groups = groups;
    }

    /// <summary>The fully qualified struct, one of <see cref="RuntimeApi"/>'s geometry names.</summary>
    public string Type { get; }

    /// <summary>Constructor parameter names (as the runtime record declares them) and values, one group per line.</summary>
    public IReadOnlyList<(string Name, int Value)[]> Groups { get; }

    /// <summary>Writes <c>{prefix}new T(</c>, the argument groups one per line, and <c>);</c>.</summary>
    public void WriteTo(IndentedWriter writer, string prefix)
    {
        writer.WriteLine($"{prefix}new {Type}(");
        writer.Indent();
        for (var i = 0; i < Groups.Count; i++)
        {
            var line = string.Join(", ", Groups[i].Select(a => a.Name + ": " + Code.Literal(a.Value)));
            writer.WriteLine(line + (i + 1 < Groups.Count ? "," : ");"));
        }
        writer.Unindent();
    }
}
