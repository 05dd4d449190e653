using System.Reflection;
using System.Text;
using Xunit.Sdk;

namespace Generated.Generator.Tests.Generation;

/// <summary>
/// Compares text with a committed file under <c>Snapshots/</c>. On a mismatch the test fails with a
/// unified-style line diff; with <c>UPDATE_SNAPSHOTS=1</c> the file is rewritten instead (review the
/// git diff, then commit it).
/// </summary>
public static class Snapshot
{
    /// <summary>
    /// The committed snapshot folder, recorded by the test project at build time. (Not derived from
    /// <c>[CallerFilePath]</c>: CI builds map source paths to <c>/_/</c> for deterministic output.)
    /// </summary>
    private static readonly string Directory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "SnapshotDirectory").Value!;

    public static void Match(string actual, string name)
    {
        var directory = Directory;
        var path = Path.Combine(directory, name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
        {
            throw new XunitException($"No snapshot {path}. Run the tests with UPDATE_SNAPSHOTS=1 to create it, review it, and commit it.");
        }
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            throw new XunitException($"Snapshot {name} differs (--- snapshot, +++ generated; UPDATE_SNAPSHOTS=1 accepts the new text):\n" + Diff(expected, actual));
        }
    }

    /// <summary>A unified-style diff of two texts by lines (longest common subsequence), 3 lines of context.</summary>
    public static string Diff(string expected, string actual, int context = 3)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        // lengths[i, j]: LCS of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var edits = new List<(char Kind, string Line, int A, int B)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x], x++, y++));
            }
            else if (x < a.Length && (y == b.Length || lengths[x + 1, y] >= lengths[x, y + 1]))
            {
                edits.Add(('-', a[x], x++, y));
            }
            else
            {
                edits.Add(('+', b[y], x, y++));
            }
        }

        var output = new StringBuilder();
        var k = 0;
        while (k < edits.Count)
        {
            if (edits[k].Kind == ' ')
            {
                k++;
                continue;
            }
            var start = Math.Max(0, k - context);
            var end = k;
            // Extend the hunk while changes are separated by at most 2*context unchanged lines.
            while (end < edits.Count)
            {
                var next = end;
                while (next < edits.Count && edits[next].Kind == ' ')
                {
                    next++;
                }
                if (next == edits.Count || next - end > 2 * context)
                {
                    end = Math.Min(edits.Count, end + context);
                    break;
                }
                end = next + 1;
            }
            var first = edits[start];
            output.Append("@@ -").Append(first.A + 1).Append(" +").Append(first.B + 1).Append(" @@\n");
            for (var e = start; e < end; e++)
            {
                output.Append(edits[e].Kind).Append(edits[e].Line).Append('\n');
            }
            k = end;
        }
        return output.ToString();
    }
}
