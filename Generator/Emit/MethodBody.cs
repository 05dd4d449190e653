using System.Collections.Generic;

namespace Generated.Generator;

/// <summary>
/// A method body written before its local declarations: emitters ask for a local by name (<see cref="Use"/>),
/// which records that the body needs it, and <see cref="WriteTo"/> then declares exactly the used locals, in
/// the order they were offered, ahead of the body. The text is never searched: usage is recorded as it is written.
/// </summary>
internal sealed class MethodBody
{
    private readonly List<(string Name, string Declaration, string[] Needs)> _offered = new();
    private readonly HashSet<string> _used = new();

    public MethodBody(int depth) => Writer = new IndentedWriter(depth);

    /// <summary>The body's text, without the declarations.</summary>
    public IndentedWriter Writer { get; }

    /// <summary>
    /// Offers a local: declared by <paramref name="declaration"/> only if the body uses it; its declaration
    /// reads the locals <paramref name="needs"/>, which then count as used too.
    /// </summary>
    public void Offer(string name, string declaration, params string[] needs) => _offered.Add((name, declaration, needs));

    /// <summary>Records that the body reads <paramref name="name"/> and returns it (unknown names are only returned).</summary>
    public string Use(string name)
    {
        if (_used.Add(name))
        {
            foreach (var offered in _offered)
            {
                if (offered.Name == name)
                {
                    foreach (var need in offered.Needs)
                    {
                        Use(need);
                    }
                }
            }
        }
        return name;
    }

    /// <summary>The declarations of the used locals, in offer order, then the body.</summary>
    public void WriteTo(IndentedWriter writer)
    {
        foreach (var offered in _offered)
        {
            if (_used.Contains(offered.Name))
            {
                writer.WriteLine(offered.Declaration);
            }
        }
        writer.WriteRaw(Writer.ToString());
    }
}
