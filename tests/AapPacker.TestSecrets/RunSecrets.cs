using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AapPacker.TestSecrets;

/// <summary>
/// Secrets a test generates while it runs (an SSH key for a throwaway sshd), handed to the run's secret scan through
/// the file <c>AAPPACKER_RUN_SECRETS</c> names — outside the trees the scan reads, so the list is no finding itself.
/// Without the variable (an IDE run) nothing is kept.
/// </summary>
public static class RunSecrets
{
    private static readonly object Gate = new();

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> for the scan at the end of the run.</summary>
    public static void Register(string name, string value)
    {
        var path = Environment.GetEnvironmentVariable("AAPPACKER_RUN_SECRETS");
        if (string.IsNullOrEmpty(path) || string.IsNullOrEmpty(value))
        {
            return;
        }

        var line = (name ?? "generated").Replace('\t', ' ') + "\t" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "\n";
        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.AppendAllText(path, line, new UTF8Encoding(false));
        }
    }

    /// <summary>The catalogue's secrets, then those registered in <paramref name="path"/> (numbered after them).</summary>
    public static IReadOnlyList<TestSecret> WithCatalogue(string? path)
    {
        var secrets = TestSecretCatalog.Scanned.ToList();
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return secrets;
        }

        foreach (var line in File.ReadAllLines(path).Where(l => l.Contains('\t', StringComparison.Ordinal)))
        {
            var parts = line.Split('\t');
            var value = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1]));
            if (secrets.All(s => !string.Equals(s.Value, value, StringComparison.Ordinal)))
            {
                secrets.Add(new TestSecret(secrets.Count + 1, parts[0], value));
            }
        }

        return secrets;
    }
}
