using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AapPacker.TestSecrets;

/// <summary>
/// The one secret checker: finds any form of the given secrets in text, files or directory trees, and reports
/// each hit as "secret #k (name, form) found in file:line" — never the secret itself.
/// </summary>
public sealed class SecretChecker
{
    private readonly IReadOnlyList<(TestSecret Secret, IReadOnlyList<SecretForm> Forms)> _secrets;

    /// <summary>A checker for <paramref name="secrets"/> (default: the test catalogue).</summary>
    public SecretChecker(IEnumerable<TestSecret>? secrets = null)
        => _secrets = (secrets ?? TestSecretCatalog.Scanned).Select(s => (s, SecretForms.Of(s.Value))).ToArray();

    /// <summary>Files bigger than this are read in full anyway; the limit only guards against scanning a dump by mistake.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The hits in <paramref name="text"/>, one per secret and line (the first form that matches).</summary>
    public IReadOnlyList<SecretFinding> CheckText(string text, string source)
    {
        var findings = new List<SecretFinding>();
        if (string.IsNullOrEmpty(text))
        {
            return findings;
        }

        // Whole-text search first (a multi-line secret spans lines), then the line number of each hit.
        foreach (var (secret, forms) in _secrets)
        {
            var lines = new HashSet<int>();
            foreach (var form in forms)
            {
                var at = text.IndexOf(form.Text, StringComparison.Ordinal);
                while (at >= 0)
                {
                    var line = LineOf(text, at);
                    if (lines.Add(line))
                    {
                        findings.Add(new SecretFinding(secret, form.Kind, source, line));
                    }

                    at = text.IndexOf(form.Text, at + 1, StringComparison.Ordinal);
                }
            }
        }

        return findings.OrderBy(f => f.Line).ThenBy(f => f.Secret.Number).ToArray();
    }

    /// <summary>The hits in one file, read as UTF-8 and, when it looks like UTF-16, as UTF-16 too.</summary>
    public IReadOnlyList<SecretFinding> CheckFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var findings = CheckText(Encoding.UTF8.GetString(bytes), path).ToList();
        if (LooksLikeUtf16(bytes))
        {
            findings.AddRange(CheckText(Encoding.Unicode.GetString(bytes), path + " (UTF-16)"));
        }

        return findings;
    }

    /// <summary>The hits in every file under each root (a root may also be a single file); missing roots are skipped.</summary>
    public SecretScanResult CheckTrees(IEnumerable<string> roots)
    {
        var findings = new List<SecretFinding>();
        var unreadable = new List<string>();
        var files = 0;
        foreach (var root in roots.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal))
        {
            var paths = File.Exists(root) ? new[] { root }
                : Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                : Array.Empty<string>();
            foreach (var path in paths)
            {
                // Pipes and sockets (the runtime's clr-debug-pipe-*, dotnet-diagnostic-* in TMPDIR) report length 0 and
                // would block a read forever; an empty file holds no secret either.
                if (new FileInfo(path).Length == 0)
                {
                    continue;
                }

                try
                {
                    findings.AddRange(CheckFile(path));
                    files++;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // A file still held open by a process (e.g. a live log): name it rather than pass silently.
                    unreadable.Add($"{path}: {e.GetType().Name}");
                }
            }
        }

        return new SecretScanResult(files, findings, unreadable);
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static bool LooksLikeUtf16(byte[] bytes)
    {
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return true;
        }

        var sample = Math.Min(bytes.Length, 4096);
        var zeros = 0;
        for (var i = 1; i < sample; i += 2)
        {
            if (bytes[i] == 0)
            {
                zeros++;
            }
        }

        return sample > 16 && zeros > sample / 4;
    }
}
