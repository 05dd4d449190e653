using System.Text;

namespace Generated.Model;

/// <summary>Keras' automatic layer names and the C# identifiers derived from layer names.</summary>
internal static class LayerNames
{
    /// <summary>The name that merge layers use for the network's input.</summary>
    public const string Input = "input";

    /// <summary>Keras' snake_case prefix of a layer kind: <c>conv2d</c>, <c>max_pooling2d</c>, <c>re_lu</c>, ...</summary>
    public static string KerasPrefix(LayerKind kind) => Generated.Generator.LayerRules.For(kind).KerasPrefix(kind);

    /// <summary>Why <paramref name="name"/> cannot name a layer, or null when it can.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }
        if (name == Input)
        {
            return "\"input\" is reserved for the network's input in [Add]/[Concatenate]";
        }
        if (!(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return "it must start with a letter or '_'";
        }
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
            {
                return $"'{c}' is not allowed; use letters, digits and '_'";
            }
        }
        return null;
    }

    /// <summary>
    /// PascalCase identifier for generated members: <c>conv2d_1</c> becomes <c>Conv2d1</c>. An underscore before a digit
    /// stays when the part before it was written capitalized, so Keras' MobileNetV2 names <c>Conv1</c> and <c>Conv_1</c>
    /// get the members <c>Conv1</c> and <c>Conv_1</c> (Keras' automatic names are lower case and keep today's members).
    /// </summary>
    public static string ToIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        var segmentCapitalized = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '_')
            {
                if (segmentCapitalized && i + 1 < name.Length && char.IsDigit(name[i + 1]) && builder.Length > 0)
                {
                    builder.Append('_');
                }
                upper = true;
                segmentCapitalized = false;
                continue;
            }
            if (upper)
            {
                segmentCapitalized = char.IsUpper(c);
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.Length == 0 ? "Layer" : builder.ToString();
    }
}
