# The async cmdlet base as a cmdlet author uses it: a small test cmdlet, compiled against the BUILT AapPacker.dll,
# writes from thread-pool threads and asks ShouldProcess from its async body.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-BuiltModulePath) -Force -PassThru
    $source = @'
using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

[Cmdlet("Invoke", "AapPackerAsyncProbe", SupportsShouldProcess = true)]
public sealed class InvokeAapPackerAsyncProbeCommand : AapPacker.Infrastructure.AsyncPSCmdlet
{
    [Parameter] public int Producers { get; set; } = 1;
    [Parameter] public int Count { get; set; } = 1;
    [Parameter] public SwitchParameter Fail { get; set; }
    [Parameter] public SwitchParameter UntilStopped { get; set; }
    [Parameter(ValueFromPipeline = true)] public int Input { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        QueueVerbose("body thread " + Environment.CurrentManagedThreadId);
        if (Fail) { throw new InvalidOperationException("probe failure"); }
        for (var n = 0; UntilStopped; n++)
        {
            QueueObject(n);
            await Task.Delay(1, cancellationToken);
        }
        if (!await ShouldProcessAsync("probe target " + Input, "Probe")) { return; }
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < Count; i++) { QueueObject(Input * 1000000 + p * 10000 + i); }
        }));
        await Task.WhenAll(producers);
    }
}

// Runs a script in its own runspace, waits (on an event) for its first output, stops it, and reports.
public static class AapPackerStopProbe
{
    public static object[] StopWhileWriting(string script)
    {
        using (var ps = PowerShell.Create())
        using (var firstOutput = new ManualResetEventSlim())
        {
            ps.AddScript(script);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (sender, e) => firstOutput.Set();
            var invocation = ps.BeginInvoke(new PSDataCollection<PSObject>(), output);
            if (!firstOutput.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException("The probe wrote nothing: " + string.Join("; ", ps.Streams.Error));
            }
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();
            stopwatch.Stop();
            return new object[] { stopwatch.Elapsed, ps.InvocationStateInfo.State.ToString(), invocation.IsCompleted, output.Count };
        }
    }
}

[Cmdlet("Get", "AapPackerConnectionProbe")]
public sealed class GetAapPackerConnectionProbeCommand : AapPacker.Infrastructure.AapConnectedCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        QueueObject(ResolveConnection());
    }
}
'@
    $engine = Join-Path (Split-Path $module.ImplementingAssembly.Location) 'deps/AapPacker.Engine.dll'
    $models = Join-Path (Split-Path $module.ImplementingAssembly.Location) 'AapPacker.Models.dll'
    $references = @($module.ImplementingAssembly.Location, $engine, $models, [psobject].Assembly.Location,
        'System.Runtime', 'System.Linq', 'System.Collections', 'System.Threading', 'netstandard')
    # Written to a file so that other runspaces can import the probe too.
    $script:ProbeAssembly = Join-Path ([IO.Path]::GetTempPath()) ("AapPackerProbe-" + [guid]::NewGuid().ToString('n') + '.dll')
    Add-Type -TypeDefinition $source -ReferencedAssemblies $references -OutputAssembly $ProbeAssembly -IgnoreWarnings -WarningAction SilentlyContinue
    Import-Module $ProbeAssembly -Force
    $script:Sim = Start-TestSimulator -Layout awx
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
    # Loaded assemblies stay locked on Windows; the temp folder's cleanup takes it then.
    if ($script:ProbeAssembly) { Remove-Item $script:ProbeAssembly -ErrorAction SilentlyContinue }
}

Describe 'AsyncPSCmdlet' {
    It 'delivers every object written from several thread-pool threads, each producer in order' {
        $output = Invoke-AapPackerAsyncProbe -Producers 4 -Count 250
        $output.Count | Should -Be 1000
        foreach ($producer in 0..3) {
            $mine = @($output | Where-Object { [math]::Floor($_ / 10000) -eq $producer })
            $mine.Count | Should -Be 250
            $mine | Should -Be ($mine | Sort-Object)
        }
    }

    It 'writes Verbose from the async body' {
        $verbose = Invoke-AapPackerAsyncProbe -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match 'body thread \d+'
    }

    It 'asks ShouldProcess on the pipeline thread: -WhatIf writes nothing' {
        $output = Invoke-AapPackerAsyncProbe -Count 3 -WhatIf
        $output | Should -BeNullOrEmpty
    }

    It 'asks ShouldProcess for each pipeline input' {
        $output = 1, 2, 3 | Invoke-AapPackerAsyncProbe -Count 1 -Confirm:$false
        $output | Should -Be @(1000000, 2000000, 3000000)
    }

    It 'turns an exception from the body into a terminating error record' {
        { Invoke-AapPackerAsyncProbe -Fail -ErrorAction Stop } | Should -Throw -ErrorId 'AapUnexpectedError,*'
    }

    It 'stops promptly while the body is writing (Ctrl-C)' {
        $elapsed, $state, $completed, $written = [AapPackerStopProbe]::StopWhileWriting(
            "Import-Module '$(Get-BuiltModulePath)'; Import-Module '$ProbeAssembly'; Invoke-AapPackerAsyncProbe -UntilStopped")
        $state | Should -Be 'Stopped'
        $completed | Should -BeTrue
        $elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(5))
        $written | Should -BeGreaterThan 0
    }
}

Describe 'AapConnectedCmdlet' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    It 'uses the default connection when -Connection is not given' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        [object]::ReferenceEquals((Get-AapPackerConnectionProbe), $connection) | Should -BeTrue
    }

    It 'uses -Connection over the default' {
        $first = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        $null = Connect-Aap -Uri $Sim.Uri -Credential ([pscredential]::new('reader', (ConvertTo-TestSecret 'readerpass'))) -PassThru
        [object]::ReferenceEquals((Get-AapPackerConnectionProbe -Connection $first), $first) | Should -BeTrue
        Disconnect-Aap -Connection $first
    }

    It 'without any connection fails with AapNotConnected, telling to run Connect-Aap' {
        $record = $null
        try { Get-AapPackerConnectionProbe -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'AapNotConnected,*'
        $record.ErrorDetails.RecommendedAction | Should -Match 'Connect-Aap'
    }

    It 'with a disconnected connection fails with AapConnectionUnknown' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
        Disconnect-Aap
        { Get-AapPackerConnectionProbe -Connection $connection -ErrorAction Stop } | Should -Throw -ErrorId 'AapConnectionUnknown,*'
    }
}
