using System;
using System.Text;

namespace Generated.Generator;

/// <summary>A small indented text writer: <c>using (writer.WriteBlock()) { ... }</c> writes braces and indents.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _depth;

    public IndentedWriter(int depth = 0) => _depth = depth;

    /// <summary>The current indentation level (four spaces each).</summary>
    public int Depth => _depth;

    /// <summary>Appends text written by another writer (already indented).</summary>
    public void WriteRaw(string text) => _builder.Append(text);

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _builder.Append(' ', _depth * 4);
        }
        _builder.Append(line).Append('\n');
    }

    /// <summary>Writes each line of a multi-line string at the current depth.</summary>
    public void WriteLines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            WriteLine(line);
        }
    }

    public IDisposable WriteBlock(string? header = null, string close = "}")
    {
        if (header is not null)
        {
            WriteLine(header);
        }
        WriteLine("{");
        _depth++;
        return new Block(this, close);
    }

    public void Indent() => _depth++;

    public void Unindent() => _depth--;

    public override string ToString() => _builder.ToString();

    private sealed class Block : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _close;

        public Block(IndentedWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine(_close);
        }
    }
}
