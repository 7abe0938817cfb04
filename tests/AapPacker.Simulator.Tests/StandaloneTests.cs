using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AapPacker.Simulator.Tests;

public sealed class StandaloneTests
{
    [Fact]
    public async Task The_standalone_program_prints_the_ready_line_and_serves()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AapPacker.Simulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--port", "0", "--layout", "awx", "--manual-clock" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var match = Regex.Match(line ?? "", @"^AapPacker simulator listening on (http://127\.0\.0\.1:\d+/) \(layout awx\)$");
            Assert.True(match.Success, line);
            using var http = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value) };
            var ping = await http.GetStringAsync("/api/v2/ping/", timeout.Token);
            Assert.Contains("\"version\"", ping, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Help_prints_the_options_and_exits_zero()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AapPacker.Simulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--help");
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--manual-clock", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_stops_the_standalone_program_cleanly_like_ctrl_c()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var dll = Path.Combine(AppContext.BaseDirectory, "AapPacker.Simulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--port", "0", "--layout", "awx", "--manual-clock" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Assert.StartsWith("AapPacker simulator listening on", await process.StandardOutput.ReadLineAsync(timeout.Token), StringComparison.Ordinal);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }
            await process.WaitForExitAsync(timeout.Token);
            // Before the handler the program ignored SIGTERM and this wait timed out; a clean stop is exit code 0.
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
