using System.Management.Automation;
using System.Text.Json;
using Xunit.Abstractions;

namespace AapPacker.Module.Tests;

/// <summary>
/// Issue 4 item 1 through the module: <c>PowerShell.Stop()</c> (what Ctrl+C does) at points of a real
/// <c>Invoke-AapPackerProvision</c> run and of <c>Wait-AapJob</c>, each found by a line the cmdlet writes. A running
/// job is canceled within 5 s of the stop (the cancel POST's time in the simulator's request log) and, for the
/// lifecycle, nothing is left once Stop returns and the cleanup guardian the run handed AAP's deletion windows to (if
/// one could start) has exited.
/// </summary>
public sealed class StopProcessingTests : IClassFixture<FiveTimesSimulatorFixture>
{
    private static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(5);
    private readonly FiveTimesSimulatorFixture _simulator;
    private readonly ITestOutputHelper _output;

    public StopProcessingTests(FiveTimesSimulatorFixture simulator, ITestOutputHelper output)
    {
        _simulator = simulator;
        _output = output;

        // The runs write build ledgers: into a folder of this test run, never one another suite sweeps.
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", Path.Combine(Path.GetTempPath(), "aappacker-stop-tests-" + Environment.ProcessId));
    }

    [Theory]
    [InlineData("Created inventory", 0)]
    [InlineData("Added host", 0)]
    [InlineData("Created Machine credential", 0)]
    [InlineData("Launched job", 0)]
    [InlineData("Launched job", 3)]
    public async Task Given_a_provisioning_run_when_the_pipeline_is_stopped_then_the_job_is_canceled_within_5_s_and_nothing_is_left(string line, int outputLinesAfter)
    {
        await _simulator.Control.ResetAsync();
        using var runspace = BuiltModule.OpenRunspace();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Invoke-AapPackerProvision")
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of("sim-admin-token"))
            .AddParameter("JobTemplate", "Baseline")
            .AddParameter("Organization", "Default")
            .AddParameter("TargetHost", "10.0.0.5")
            .AddParameter("TargetUser", "ec2-user")
            .AddParameter("TargetPassword", TestSecrets.Of("Tgt-" + Guid.NewGuid().ToString("N")))
            .AddParameter("PollInterval", 1)
            .AddParameter("WarningAction", "SilentlyContinue");
        using var reached = WhenInformation(ps, line, outputLinesAfter);

        var invocation = ps.BeginInvoke();
        Assert.True(reached.Wait(TimeSpan.FromSeconds(60)), $"The run never printed '{line}'.");
        var stoppedAt = DateTimeOffset.UtcNow;
        ps.Stop();

        Assert.True(invocation.IsCompleted);

        // What AAP still held once the job was canceled (the inventory) the run may have handed to its cleanup guardian
        // (one starts where a pwsh is on PATH, as under build.ps1): nothing is left once that process has exited.
        var guardianWait = WaitForHandedOverCleanup();
        var state = await _simulator.Control.GetAsync("state");
        Assert.Equal(0, state.GetProperty("userObjects").GetInt32());
        var figure = await CancelDelayAsync(state, stoppedAt);
        _output.WriteLine($"Stop() after '{line}' (+{outputLinesAfter} _output lines): {figure}, leftovers 0 "
                         + (guardianWait is { } waited ? $"once the cleanup guardian exited ({waited.TotalSeconds:0.0} s after Stop returned)" : "when Stop returned"));
    }

    /// <summary>
    /// Waits for the cleanup guardians still at work: the module starts each as a child of this process (on Linux,
    /// found by its command line, which runs <c>GuardianEntryPoint</c>), and each logs to
    /// <c>$XDG_STATE_HOME/aappacker/guardian/guardian-&lt;pid&gt;.log</c> (named by its own process id) until it exits
    /// clean. A stopped pipeline returns no result whose <c>Cleanup.GuardianProcessId</c> could be read, and a guardian
    /// may not have opened its log yet when Stop returns. Null when none runs.
    /// </summary>
    private static TimeSpan? WaitForHandedOverCleanup()
    {
        var logs = Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME")!, "aappacker", "guardian");
        var ids = GuardianChildren().ToList();
        if (Directory.Exists(logs))
        {
            ids.AddRange(Directory.GetFiles(logs, "guardian-*.log").Select(f => int.Parse(Path.GetFileNameWithoutExtension(f)["guardian-".Length..], System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (ids.Count == 0)
        {
            return null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var id in ids.Distinct())
        {
            try
            {
                using var guardian = System.Diagnostics.Process.GetProcessById(id);
                Assert.True(guardian.WaitForExit(TimeSpan.FromSeconds(90)), $"The cleanup guardian (process {id}) did not finish within 90 s.");
            }
            catch (ArgumentException)
            {
                // Already exited (its log stays only after an unclean exit).
            }
        }

        return clock.Elapsed;
    }

    /// <summary>This process's children that run the cleanup guardian (Linux: <c>/proc/&lt;pid&gt;/stat</c> and <c>cmdline</c>).</summary>
    private static IEnumerable<int> GuardianChildren()
    {
        if (!OperatingSystem.IsLinux())
        {
            yield break;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && commandLine.Contains("GuardianEntryPoint", StringComparison.Ordinal))
            {
                yield return id;
            }
        }
    }

    [Fact]
    public async Task Given_wait_aapjob_streaming_when_the_pipeline_is_stopped_then_the_job_is_canceled_within_5_s()
    {
        await _simulator.Control.ResetAsync();
        using var runspace = BuiltModule.OpenRunspace();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("""
            param($Uri, $Token)
            Connect-Aap -Uri $Uri -Token $Token
            $inventory = New-AapTempInventory -Organization Default -BuildId ('stop-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
            $inventory | Add-AapHost -Address 10.0.0.5 -UserName ec2-user | Out-Null
            $inventory | Start-AapJobTemplate -JobTemplate Baseline | Wait-AapJob -InformationAction Continue
            """)
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of("sim-admin-token"));
        using var reached = WhenInformation(ps, "", 2, tag: "JobOutput");

        var invocation = ps.BeginInvoke();
        Assert.True(reached.Wait(TimeSpan.FromSeconds(60)), "Wait-AapJob never streamed _output.");
        var stoppedAt = DateTimeOffset.UtcNow;
        ps.Stop();

        Assert.True(invocation.IsCompleted);
        var figure = await CancelDelayAsync(await _simulator.Control.GetAsync("state"), stoppedAt);
        _output.WriteLine($"Stop() of Wait-AapJob while streaming: {figure}");
    }

    /// <summary>Set once an Information record containing <paramref name="text"/> (with <paramref name="tag"/>) and <paramref name="after"/> more job output lines arrived.</summary>
    private static ManualResetEventSlim WhenInformation(PowerShell ps, string text, int after, string? tag = null)
    {
        var reached = new ManualResetEventSlim();
        var matched = false;
        var remaining = after;
        ps.Streams.Information.DataAdded += (sender, e) =>
        {
            var record = ((PSDataCollection<InformationRecord>)sender!)[e.Index];
            var message = record.MessageData?.ToString() ?? "";
            if (matched && record.Tags.Contains("JobOutput"))
            {
                remaining--;
            }
            else if (!matched && message.Contains(text, StringComparison.Ordinal) && (tag is null || record.Tags.Contains(tag)))
            {
                matched = true;
            }

            if (matched && remaining <= 0)
            {
                reached.Set();
            }
        };
        return reached;
    }

    /// <summary>For the launched job (if any): canceled, and its cancel POST within 5 s of the stop.</summary>
    private async Task<string> CancelDelayAsync(JsonElement state, DateTimeOffset stoppedAt)
    {
        var launches = state.GetProperty("launches").EnumerateArray().ToList();
        if (launches.Count == 0)
        {
            return "no job launched";
        }

        var jobId = launches[0].GetProperty("jobId").GetInt32();
        var job = state.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("id").GetInt32() == jobId);
        Assert.Equal("canceled", job.GetProperty("status").GetString());
        var requests = await _simulator.Control.GetAsync("requests");
        var cancel = requests.EnumerateArray().First(r => r.GetProperty("method").GetString() == "POST"
                                                          && r.GetProperty("path").GetString()!.EndsWith($"/jobs/{jobId}/cancel/", StringComparison.Ordinal));
        var delay = cancel.GetProperty("at").GetDateTimeOffset() - stoppedAt;
        Assert.True(delay <= CancelBound, $"The cancel POST came {delay.TotalSeconds:0.00} s after the stop.");
        return $"job {jobId} canceled, cancel POST {delay.TotalMilliseconds:0} ms after the stop";
    }
}
