namespace AapPacker.Bench;

/// <summary>The PowerShell the bench runs: what a user or a Packer shell-local script would type.</summary>
internal static class Scripts
{
    /// <summary>The one call Packer makes: the whole lifecycle, timed inside the session.</summary>
    public const string Provision = """
        param($Uri, [securestring] $Token, [securestring] $Password, $BuildId, $Template)
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-AapPackerProvision -JobTemplate $Template -Organization Default -Uri $Uri -Token $Token `
            -TargetHost 10.0.0.5 -TargetUser ec2-user -TargetPassword $Password -BuildId $BuildId -Timeout 600
        $clock.Stop()
        [pscustomobject]@{ JobId = $result.Id; Status = $result.Status; Seconds = $clock.Elapsed.TotalSeconds; ExitCode = $global:LASTEXITCODE }
        """;

    /// <summary>
    /// The first lifecycle in a fresh pwsh, as the README's Packer recipe runs it: the AAP server and token come from
    /// the agent's environment (<c>AAP_HOSTNAME</c>, <c>AAP_TOKEN</c>), the target and its password from the variables
    /// the recipe sets (<c>AAPPACKER_HOST</c>, <c>_USER</c>, <c>_PASSWORD_B64</c>), so no secret is converted in the
    /// script; import (not timed), then the one call timed as <see cref="Provision"/> times it. After the import:
    /// <c>BENCH-IMPORTED &lt;Unix ms&gt;</c>; the last line: <c>BENCH-PROVISIONED &lt;job id&gt; &lt;seconds&gt; &lt;exit code&gt; &lt;returned, Unix ms&gt; &lt;kill-protection-off warnings&gt;</c>.
    /// </summary>
    public const string ColdProvision = """
        Import-Module $env:AAPPACKER_BENCH_MODULE
        [Console]::Out.WriteLine("BENCH-IMPORTED $([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds())")
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-AapPackerProvision -JobTemplate $env:AAPPACKER_BENCH_TEMPLATE -Organization Default -BuildId $env:AAPPACKER_BENCH_BUILD -Timeout 600 -WarningVariable warnings
        $clock.Stop()
        $returned = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $off = @($warnings | Where-Object { "$_" -like 'Kill protection is off*' }).Count
        $seconds = $clock.Elapsed.TotalSeconds.ToString('R', [Globalization.CultureInfo]::InvariantCulture)
        [Console]::Out.WriteLine("BENCH-PROVISIONED $($result.Id) $seconds $global:LASTEXITCODE $returned $off")
        """;

    /// <summary>The pipeline cmdlets; the instant Wait-AapJob returns is taken right after it.</summary>
    public const string Pipeline = """
        param($Uri, [securestring] $Token, [securestring] $Password, $BuildId, $Template)
        $ErrorActionPreference = 'Stop'
        Connect-Aap -Uri $Uri -Token $Token
        $cred = New-AapTempCredential -Organization Default -UserName ec2-user -Password $Password -BuildId $BuildId
        $job = New-AapTempInventory -Organization Default -BuildId $BuildId |
            Add-AapHost -Address 10.0.0.5 -UserName ec2-user |
            Start-AapJobTemplate -JobTemplate $Template -AapCredential $cred
        $result = $job | Wait-AapJob
        $returned = [DateTimeOffset]::UtcNow
        $null = Remove-AapBuildResources -BuildId $BuildId
        [pscustomobject]@{ JobId = $result.Id; Status = $result.Status; Returned = $returned }
        """;

    /// <summary>
    /// A fresh pwsh that streams one job's output to its stdout as a Packer log would; it says when it is ready
    /// (module imported, connected) so the memory baseline excludes the import.
    /// </summary>
    public const string StreamJob = """
        $ErrorActionPreference = 'Stop'
        Import-Module $env:AAPPACKER_BENCH_MODULE
        Connect-Aap -Uri $env:AAPPACKER_BENCH_URI -Token (ConvertTo-SecureString $env:AAPPACKER_BENCH_TOKEN -AsPlainText -Force)
        [GC]::Collect()
        [Console]::Out.WriteLine('BENCH-READY')
        [Console]::Out.Flush()
        $result = Start-AapJobTemplate -JobTemplate $env:AAPPACKER_BENCH_TEMPLATE | Wait-AapJob -InformationAction Continue
        [Console]::Out.WriteLine("BENCH-DONE $($result.Status) $($result.OutputLines) $($result.Id)")
        """;

    /// <summary>Import-Module timed inside a fresh pwsh, in milliseconds.</summary>
    public const string TimedImport = """
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Import-Module $env:AAPPACKER_BENCH_MODULE
        $clock.Stop()
        [Console]::Out.WriteLine($clock.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture))
        """;
}
