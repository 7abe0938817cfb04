using System.Runtime.InteropServices;

namespace AapPacker.Bench;

/// <summary>
/// A <c>pwsh</c> on this process's PATH for as long as the scope lives: a shell script that execs the configured
/// pwsh command (<c>dotnet …/pwsh.dll</c>). The cleanup guardian relaunches the host it runs in, and this host is
/// <c>dotnet AapPacker.Bench.dll</c>, with no pwsh.dll beside System.Management.Automation.dll; without a pwsh on
/// PATH the guardian cannot start, so a lifecycle in a bench runspace would not be the one a Packer build runs.
/// Unix only; on Windows PATH is left as it is (a pwsh.exe already on PATH still serves).
/// </summary>
internal sealed class PwshOnPath : IDisposable
{
    private readonly string _directory;
    private readonly string? _previousPath;

    private PwshOnPath(string directory, string? previousPath)
    {
        _directory = directory;
        _previousPath = previousPath;
    }

    /// <summary>Null on Windows, where a shell script cannot stand in for pwsh.exe.</summary>
    public static PwshOnPath? Install(IReadOnlyList<string> pwshCommand)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        var directory = Path.Combine(Path.GetTempPath(), "aappacker-bench-pwsh-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var launcher = Path.Combine(directory, "pwsh");
        File.WriteAllText(launcher, "#!/bin/sh\nexec " + string.Join(' ', pwshCommand.Select(ShellQuote)) + " \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Environment.SetEnvironmentVariable changes this process's environment, which Process.Start copies.
        var previous = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", directory + Path.PathSeparator + previous);
        return new PwshOnPath(directory, previous);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _previousPath);
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One word for sh: single quotes, an embedded quote closed, escaped and reopened.</summary>
    private static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
