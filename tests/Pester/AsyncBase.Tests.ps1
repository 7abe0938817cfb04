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
    [Parameter(ValueFromPipeline = true)] public int Input { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        QueueVerbose("body thread " + Environment.CurrentManagedThreadId);
        if (Fail) { throw new InvalidOperationException("probe failure"); }
        if (!await ShouldProcessAsync("probe target " + Input, "Probe")) { return; }
        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < Count; i++) { QueueObject(Input * 1000000 + p * 10000 + i); }
        }));
        await Task.WhenAll(producers);
    }
}
'@
    $references = @($module.ImplementingAssembly.Location, [psobject].Assembly.Location,
        'System.Runtime', 'System.Linq', 'System.Collections', 'System.Threading', 'netstandard')
    Add-Type -TypeDefinition $source -ReferencedAssemblies $references -IgnoreWarnings -WarningAction SilentlyContinue
    Import-Module -Assembly ([InvokeAapPackerAsyncProbeCommand].Assembly) -Force
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
}
