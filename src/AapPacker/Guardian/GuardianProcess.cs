using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text;
using AapPacker.Engine.Provisioning.Guardian;

namespace AapPacker.Guardian;

/// <summary>
/// Starts the cleanup guardian: this PowerShell host again (<c>pwsh</c>, <c>dotnet pwsh.dll</c> or
/// <c>powershell.exe</c>), <c>-NoProfile -NonInteractive</c>, importing this module from the same folder and running
/// <see cref="GuardianEntryPoint.Run"/>. Its argv holds no secret, its environment is scrubbed of them
/// (<see cref="GuardianEnvironment"/>); the connection travels over its stdin, which this returns.
/// </summary>
internal static class GuardianProcess
{
    private static readonly string[] HostOptions = { "-NoProfile", "-NonInteractive" };
    private static readonly string[] WindowsOptions = { "-ExecutionPolicy", "Bypass" };
    private static readonly char[] NeedsQuoting = { ' ', '\t', '"' };

    /// <summary>
    /// Starts the guardian and returns the writer for its stdin, and its process id. On Linux and macOS it starts in
    /// a session of its own (<see cref="UnixSpawn"/>): immune to the build's process-group signals before this
    /// returns, so before anything exists in AAP.
    /// </summary>
    public static (TextWriter Input, int? ProcessId) Start(IEnumerable<string> secrets)
    {
        var (file, prefix) = HostCommand();
        var manifest = ModuleManifest();
        var command = "Import-Module -Name '" + manifest.Replace("'", "''") + "'; exit [AapPacker.Guardian.GuardianEntryPoint]::Run()";
        var arguments = prefix.Concat(HostOptions)
            .Concat(IsWindows ? WindowsOptions : Array.Empty<string>())
            .Append("-Command").Append(command)
            .ToList();
        if (!IsWindows)
        {
            var environment = CurrentEnvironment();
            GuardianEnvironment.Scrub(environment, secrets);
            using (InheritedDescriptors.Withheld())
            {
                if (UnixSpawn.TryStart(file, new[] { file }.Concat(arguments).ToList(), environment, Path.GetTempPath()) is { } spawned)
                {
                    return (spawned.Input, spawned.ProcessId);
                }
            }

            // A C library without POSIX_SPAWN_SETSID: the guardian calls setsid() itself once it runs (GuardianEntryPoint).
        }

        return StartProcess(file, arguments, secrets);
    }

    private static (TextWriter Input, int? ProcessId) StartProcess(string file, IEnumerable<string> arguments, IEnumerable<string> secrets)
    {
        var start = new ProcessStartInfo(file, string.Join(" ", arguments.Select(Quote)))
        {
            UseShellExecute = false,
            CreateNoWindow = true, // Windows: no console shared with the build, so its Ctrl-C does not reach the guardian
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        var environment = start.Environment;
        GuardianEnvironment.Scrub(environment, secrets);

        Process process;
        using (InheritedDescriptors.Withheld())
        {
            // Only its three pipes: a descriptor leaked to this script (Packer's own output) would keep Packer's
            // output open until the guardian exits.
            process = Process.Start(start) ?? throw new InvalidOperationException("the host did not start");
        }

        // The guardian writes to a log file, not to its output; drained so a stray line never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var input = process.StandardInput;
        input.AutoFlush = false;
        input.NewLine = "\n";
        return (input, process.Id);
    }

    private static Dictionary<string, string?> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry pair in Environment.GetEnvironmentVariables())
        {
            environment[(string)pair.Key] = (string?)pair.Value;
        }

        return environment;
    }

    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>The executable (and leading arguments) that runs PowerShell here.</summary>
    private static (string File, string[] Prefix) HostCommand()
    {
        var self = CurrentProcessPath();
        var name = Path.GetFileNameWithoutExtension(self).ToUpperInvariant();
        if (name == "PWSH" || name == "POWERSHELL")
        {
            return (self, Array.Empty<string>());
        }

        // The dotnet-tool pwsh runs as 'dotnet pwsh.dll'; the engine assembly sits beside pwsh.dll in $PSHOME.
        var psHome = Path.GetDirectoryName(typeof(PSObject).Assembly.Location) ?? "";
        var pwshDll = Path.Combine(psHome, "pwsh.dll");
        if (name == "DOTNET" && File.Exists(pwshDll))
        {
            return (self, new[] { pwshDll });
        }

        // Another host embedding PowerShell: a pwsh on PATH.
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, IsWindows ? "pwsh.exe" : "pwsh"))
            .FirstOrDefault(File.Exists);
        return onPath != null
            ? (onPath, Array.Empty<string>())
            : throw new InvalidOperationException("this host (" + Path.GetFileName(self) + ") is not PowerShell and no pwsh is on PATH");
    }

    private static string CurrentProcessPath()
    {
#if NET8_0_OR_GREATER
        return Environment.ProcessPath ?? throw new InvalidOperationException("the host's path is unknown");
#else
        using (var current = Process.GetCurrentProcess())
        {
            return current.MainModule?.FileName ?? throw new InvalidOperationException("the host's path is unknown");
        }
#endif
    }

    /// <summary>AapPacker.psd1 of the loaded module: two folders above bin/Core (or bin/Desktop).</summary>
    private static string ModuleManifest()
    {
        var binary = Path.GetDirectoryName(typeof(GuardianProcess).Assembly.Location) ?? "";
        var manifest = Path.GetFullPath(Path.Combine(binary, "..", "..", "AapPacker.psd1"));
        return File.Exists(manifest) ? manifest : throw new InvalidOperationException("AapPacker.psd1 is not at " + manifest);
    }

    /// <summary>One argument for ProcessStartInfo.Arguments (the MSVCRT rules .NET parses on every platform).</summary>
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(NeedsQuoting) < 0)
        {
            return argument;
        }

        var builder = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            builder.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            builder.Append(c);
        }

        builder.Append('\\', backslashes * 2).Append('"');
        return builder.ToString();
    }
}
