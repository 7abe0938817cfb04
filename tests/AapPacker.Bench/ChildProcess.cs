using System.Diagnostics;
using System.Text;

namespace AapPacker.Bench;

/// <summary>What a child process did: its exit, its output volume and its memory after it said it was ready.</summary>
internal sealed record ChildRun(int ExitCode, TimeSpan Wall, long OutputBytes, long OutputLines, long ReadyWorkingSet, long PeakWorkingSet, string LastLine)
{
    /// <summary>Just before the process was started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the process was seen to exit (its stdout closed and its exit observed).</summary>
    public DateTimeOffset ExitedAt { get; init; }

    /// <summary>Peak working set minus the working set when the child said BENCH-READY.</summary>
    public double GrowthMegabytes => (PeakWorkingSet - ReadyWorkingSet) / 1024.0 / 1024.0;
}

/// <summary>
/// Runs a child process with stdout read line by line and discarded (counted), sampling its working set every
/// 50 ms from the moment it prints <c>BENCH-READY</c>: the memory of a pwsh writing a job's output into a log.
/// </summary>
internal static class ChildProcess
{
    public const string ReadyMarker = "BENCH-READY";

    public static string[] PwshArguments(string script)
        => ["-NoProfile", "-NonInteractive", "-EncodedCommand", Convert.ToBase64String(Encoding.Unicode.GetBytes(script))];

    /// <param name="onLine">Called with each stdout line and the instant it was read (e.g. to time when a line appeared).</param>
    public static async Task<ChildRun> RunAsync(IReadOnlyList<string> command, IEnumerable<string> arguments, IDictionary<string, string> environment,
        Action<string, DateTimeOffset>? onLine = null)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + command[0]);
        long bytes = 0, lines = 0, ready = 0, peak = 0;
        var lastLine = "";
        var readySeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = process.StandardError.ReadToEndAsync();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                onLine?.Invoke(line, DateTimeOffset.UtcNow);
                bytes += line.Length + 1;
                lines++;
                if (line.StartsWith("BENCH-", StringComparison.Ordinal) || line.Length < 200)
                {
                    lastLine = line;
                }

                if (line == ReadyMarker)
                {
                    readySeen.TrySetResult();
                }
            }
        });

        var sampler = Task.Run(async () =>
        {
            await Task.WhenAny(readySeen.Task, reader);
            if (!readySeen.Task.IsCompleted)
            {
                return;
            }

            process.Refresh();
            ready = process.WorkingSet64;
            peak = ready;
            while (!process.HasExited)
            {
                try
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                }
                catch (InvalidOperationException)
                {
                    break; // exited between the check and the read
                }

                await Task.Delay(50);
            }
        });

        await process.WaitForExitAsync();
        await Task.WhenAll(reader, sampler);
        var exitedAt = DateTimeOffset.UtcNow;
        var stderr = await errors;
        if (process.ExitCode != 0 && stderr.Length > 0)
        {
            Console.Error.WriteLine(stderr.Length > 2000 ? stderr[..2000] : stderr);
        }

        return new ChildRun(process.ExitCode, clock.Elapsed, bytes, lines, ready, peak, lastLine) { StartedAt = startedAt, ExitedAt = exitedAt };
    }
}
