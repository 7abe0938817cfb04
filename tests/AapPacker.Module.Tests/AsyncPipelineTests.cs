using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AapPacker.TestSecrets;

namespace AapPacker.Module.Tests;

/// <summary>The async cmdlet base inside a real PowerShell pipeline: where writes happen, and how Stop ends it.</summary>
public sealed class AsyncPipelineTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _simulator;

    public AsyncPipelineTests(SimulatorFixture simulator) => _simulator = simulator;

    [Fact]
    public async Task Given_a_cmdlet_whose_work_runs_on_the_thread_pool_when_it_writes_then_every_write_happens_on_the_pipeline_thread()
    {
        await _simulator.Control.ResetAsync();
        // UseCurrentThread: the pipeline thread is this test's thread, so the writer's thread is comparable.
        using var runspace = BuiltModule.OpenRunspace(PSThreadOptions.UseCurrentThread);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Connect-Aap")
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddParameter("PassThru")
            .AddParameter("Verbose");

        var pipelineThread = Environment.CurrentManagedThreadId;
        var writerThreads = new List<int>();
        var verbose = new List<string>();
        ps.Streams.Verbose.DataAdding += (_, e) =>
        {
            writerThreads.Add(Environment.CurrentManagedThreadId);
            verbose.Add(((VerboseRecord)e.ItemAdded).Message);
        };
        var output = new PSDataCollection<PSObject>();
        output.DataAdding += (_, _) => writerThreads.Add(Environment.CurrentManagedThreadId);

        ps.Invoke(null, output);

        Assert.False(ps.HadErrors, string.Join("; ", ps.Streams.Error));
        Assert.Single(output);
        Assert.Contains(verbose, m => m.StartsWith("Connecting to", StringComparison.Ordinal));
        Assert.All(writerThreads, id => Assert.Equal(pipelineThread, id));
    }

    [Fact]
    public async Task Given_a_server_that_does_not_answer_when_the_pipeline_is_stopped_then_the_cmdlet_ends_promptly()
    {
        await _simulator.Control.ResetAsync();
        await _simulator.Control.AddFaultsAsync(new FaultSpec("*", "^/api/", "latency") { LatencyMs = 60000 });
        using var runspace = BuiltModule.OpenRunspace();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Connect-Aap")
            .AddParameter("Uri", _simulator.BaseUri.ToString())
            .AddParameter("Token", TestSecrets.Of(TestSecretCatalog.AdminToken))
            .AddParameter("Verbose");

        using var connecting = new ManualResetEventSlim();
        ps.Streams.Verbose.DataAdded += (sender, e) =>
        {
            var record = ((PSDataCollection<VerboseRecord>)sender!)[e.Index];
            if (record.Message.StartsWith("Connecting to", StringComparison.Ordinal))
            {
                connecting.Set();
            }
        };

        var invocation = ps.BeginInvoke();
        Assert.True(connecting.Wait(TimeSpan.FromSeconds(30)), "Connect-Aap never started connecting.");

        var stopwatch = Stopwatch.StartNew();
        ps.Stop();
        stopwatch.Stop();

        Assert.True(invocation.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"Stop took {stopwatch.Elapsed}.");
        await _simulator.Control.ResetAsync();
    }
}
