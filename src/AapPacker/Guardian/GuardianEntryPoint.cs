using System;
using System.ComponentModel;
using System.Globalization;
using System.IO;
using System.Text;
using AapPacker.Engine.IO;
using AapPacker.Engine.Provisioning;
using AapPacker.Engine.Provisioning.Guardian;

namespace AapPacker.Guardian;

/// <summary>
/// The cleanup guardian's entry point, run by the child PowerShell that <c>Invoke-AapPackerProvision</c> starts:
/// detaches from the build's process group, reads the build's objects on stdin, and cancels and removes them if
/// the build dies without saying "done" — or, on "handoff", finishes the build's cleanup after it returned. Not
/// meant to be called by scripts.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GuardianEntryPoint
{
    /// <summary>Runs the guardian until its input ends; returns the process exit code (0).</summary>
    public static int Run()
    {
        UnixSession.Detach();
        using (var log = OpenLog())
        {
            void Write(string line)
            {
                try
                {
                    log?.WriteLine(DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture) + " " + line);
                    log?.Flush();
                }
                catch (IOException)
                {
                    // Logging is for diagnosis only.
                }
            }

            Write($"guardian {CurrentProcessId} started");
            GuardianRecord? record = null;
            try
            {
                using (var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false)))
                {
                    record = new CleanupGuardian(Write).RunAsync(input).GetAwaiter().GetResult();
                }
            }
#pragma warning disable CA1031 // The guardian's last resort: record the failure (type only, never a message that might quote input).
            catch (Exception e)
#pragma warning restore CA1031
            {
                Write("guardian failed: " + e.GetType().FullName);
            }

            Write("guardian exits");
            var clean = record != null && (!record.HasWork || (record.HandedOff && record.Cleanup is { Complete: true }));
            if (clean && log is StreamWriter { BaseStream: FileStream file })
            {
                // A clean build (a handed-over cleanup that removed everything included) leaves no trace; a log that
                // records a crash recovery or a failed removal stays for the post-mortem.
                var path = file.Name;
                log.Dispose();
                AtomicFile.TryDelete(path);
            }
        }

        return 0;
    }

#if NET8_0_OR_GREATER
    private static int CurrentProcessId => Environment.ProcessId;
#else
    private static int CurrentProcessId
    {
        get
        {
            using (var self = System.Diagnostics.Process.GetCurrentProcess())
            {
                return self.Id;
            }
        }
    }
#endif

    private static StreamWriter? OpenLog()
    {
        try
        {
            var directory = Path.Combine(BuildLedger.DefaultDirectory(), "guardian");
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "guardian-" + CurrentProcessId.ToString(CultureInfo.InvariantCulture) + ".log");
            return new StreamWriter(path, append: true, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return null;
        }
    }
}
