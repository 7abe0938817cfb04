using System;
using System.IO;
using System.Text;

namespace AapPacker.TestSecrets;

/// <summary>
/// Keeps what a test captured from AapPacker (streams, errors, a child's output) for the secret scan at the end of
/// <c>build.ps1 -Task Test</c>, which sets <c>AAPPACKER_CAPTURE_DIR</c>; without it (an IDE run) nothing is kept.
/// </summary>
public static class CapturedOutput
{
    private static readonly object Gate = new();

    /// <summary>The directory captures go to, or null when the run keeps none.</summary>
    public static string? Directory => Environment.GetEnvironmentVariable("AAPPACKER_CAPTURE_DIR") is { Length: > 0 } dir ? dir : null;

    /// <summary>Appends <paramref name="text"/> (and a line break) to this process's capture file for <paramref name="label"/>.</summary>
    public static void Save(string label, string? text)
    {
        var directory = Directory;
        if (directory is null || string.IsNullOrEmpty(text))
        {
            return;
        }

        var safe = new StringBuilder();
        foreach (var c in label ?? "capture")
        {
            safe.Append(char.IsLetterOrDigit(c) || c == '-' || c == '.' ? c : '_');
        }

        var path = Path.Combine(directory, $"{safe}-{Environment.ProcessId}.log");
        lock (Gate)
        {
            System.IO.Directory.CreateDirectory(directory);
            File.AppendAllText(path, text + "\n", new UTF8Encoding(false));
        }
    }
}
