# Shared helpers for AapPacker's Pester tests (and build.ps1 -Task Demo): the built module, the simulator as a
# process, its control endpoints, and fresh pwsh processes for loading tests.
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-BuiltModulePath {
    <# The built manifest: $env:AAPPACKER_MODULE_PATH (set by build.ps1 -Task Test), else out/AapPacker. #>
    $path = if ($env:AAPPACKER_MODULE_PATH) { $env:AAPPACKER_MODULE_PATH } else { Join-Path $script:RepoRoot 'out/AapPacker/AapPacker.psd1' }
    if (-not (Test-Path $path)) {
        throw "The module is not built ($path is missing): run 'dotnet pwsh ./build.ps1 -Task Build'."
    }
    (Resolve-Path $path).Path
}

function Get-SimulatorPath {
    <# The built simulator: $env:AAPPACKER_SIMULATOR_DLL, else the default artifacts location. #>
    $path = if ($env:AAPPACKER_SIMULATOR_DLL) { $env:AAPPACKER_SIMULATOR_DLL } else {
        $artifacts = if ($env:AAPPACKER_ARTIFACTS) { $env:AAPPACKER_ARTIFACTS } else { Join-Path $script:RepoRoot 'artifacts' }
        Join-Path $artifacts 'bin/AapPacker.Simulator/release/AapPacker.Simulator.dll'
    }
    if (-not (Test-Path $path)) {
        throw "The simulator is not built ($path is missing): run 'dotnet pwsh ./build.ps1 -Task Build'."
    }
    (Resolve-Path $path).Path
}

function Import-TestSecretCatalog {
    <# Loads tests/AapPacker.TestSecrets (built with the solution): $env:AAPPACKER_TESTSECRETS_DLL, else the artifacts location. #>
    if ('AapPacker.TestSecrets.TestSecretCatalog' -as [type]) { return }
    $path = if ($env:AAPPACKER_TESTSECRETS_DLL) { $env:AAPPACKER_TESTSECRETS_DLL } else {
        $artifacts = if ($env:AAPPACKER_ARTIFACTS) { $env:AAPPACKER_ARTIFACTS } else { Join-Path $script:RepoRoot 'artifacts' }
        Join-Path $artifacts 'bin/AapPacker.TestSecrets/release/AapPacker.TestSecrets.dll'
    }
    if (-not (Test-Path $path)) {
        throw "The test secret catalogue is not built ($path is missing): run 'dotnet build tests/AapPacker.TestSecrets -c Release'."
    }
    Add-Type -Path $path
}

function Get-TestSecret {
    <#
    .SYNOPSIS
        A secret from the one test catalogue (tests/AapPacker.TestSecrets/TestSecretCatalog.cs), as plain text or,
        with -AsSecureString, as the SecureString a cmdlet takes. The secret scan knows every catalogue value.
    #>
    param([Parameter(Mandatory)] [string] $Name, [switch] $AsSecureString)
    Import-TestSecretCatalog
    $value = [AapPacker.TestSecrets.TestSecretCatalog]::Get($Name)
    if ($AsSecureString) { return ConvertTo-SecureString -String $value -AsPlainText -Force }
    $value
}

function Register-TestSecret {
    <# Adds a secret the test generated (e.g. an SSH key) to what the run's secret scan looks for. #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [string] $Value)
    Import-TestSecretCatalog
    [AapPacker.TestSecrets.RunSecrets]::Register($Name, $Value)
}

function Save-TestCapture {
    <# Keeps what a test captured from AapPacker for the run's secret scan (a no-op outside build.ps1 -Task Test). #>
    param([Parameter(Mandatory)] [string] $Label, [AllowEmptyString()] [AllowNull()] [string] $Text)
    Import-TestSecretCatalog
    [AapPacker.TestSecrets.CapturedOutput]::Save($Label, $Text)
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    try {
        $listener.Start()
        ([System.Net.IPEndPoint]$listener.LocalEndpoint).Port
    }
    finally {
        $listener.Stop()
    }
}

function Start-TestSimulator {
    <#
    .SYNOPSIS
        Starts the built AAP simulator as a process on a free loopback port and waits for its ready line.
    .OUTPUTS
        An object with Uri (e.g. http://127.0.0.1:40123/), Layout, Process, and Stop (a scriptblock: & $sim.Stop).
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('awx', 'gateway')]
        [string] $Layout = 'gateway',

        [string] $Scenario,

        [double] $TimeScale,

        [string[]] $ArgumentList = @(),

        [string] $SimulatorPath = (Get-SimulatorPath),

        [TimeSpan] $StartTimeout = [TimeSpan]::FromSeconds(60)
    )

    $port = Get-FreeTcpPort
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($SimulatorPath, '--port', "$port", '--layout', $Layout)) { $start.ArgumentList.Add($argument) }
    if ($Scenario) { $start.ArgumentList.Add('--scenario'); $start.ArgumentList.Add($Scenario) }
    if ($PSBoundParameters.ContainsKey('TimeScale')) {
        $start.ArgumentList.Add('--time-scale'); $start.ArgumentList.Add($TimeScale.ToString([cultureinfo]::InvariantCulture))
    }
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true

    $process = [System.Diagnostics.Process]::Start($start)
    $stderr = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow + $StartTimeout
    $uri = $null
    while (-not $uri) {
        $read = $process.StandardOutput.ReadLineAsync()
        $remaining = $deadline - [DateTime]::UtcNow
        if ($remaining -le [TimeSpan]::Zero -or -not $read.Wait($remaining)) {
            $process.Kill($true)
            throw "The simulator did not report ready within $StartTimeout."
        }
        $line = $read.Result
        if ($null -eq $line) {
            $process.WaitForExit(5000) | Out-Null
            throw "The simulator exited (code $($process.ExitCode)) before it was ready: $($stderr.Result)"
        }
        if ($line -match 'listening on (?<uri>https?://\S+)') {
            $uri = $Matches.uri
        }
    }
    # Keep draining stdout so the simulator never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()

    $stop = {
        if (-not $process.HasExited) {
            $process.Kill($true)
            $null = $process.WaitForExit(10000)
        }
        $process.Dispose()
    }.GetNewClosure()

    [pscustomobject]@{
        PSTypeName = 'AapPacker.TestSimulator'
        Uri        = $uri
        Layout     = $Layout
        Process    = $process
        Stop       = $stop
    }
}

function Invoke-SimulatorControl {
    <# Calls a /_sim/ control endpoint, e.g. Invoke-SimulatorControl $sim POST faults @{ rules = @(...) }. #>
    param(
        [Parameter(Mandatory)] $Simulator,
        [ValidateSet('GET', 'POST', 'DELETE')] [string] $Method = 'GET',
        [Parameter(Mandatory)] [string] $Path,
        $Body
    )
    $parameters = @{ Method = $Method; Uri = ($Simulator.Uri.TrimEnd('/') + '/_sim/' + $Path.TrimStart('/')) }
    # An HTTPS simulator serves a test certificate; the control endpoints are the test's own back door.
    if ($Simulator.Uri -like 'https:*') { $parameters.SkipCertificateCheck = $true }
    if ($null -ne $Body) {
        $parameters.Body = ($Body | ConvertTo-Json -Depth 10)
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Reset-TestSimulator([Parameter(Mandatory)] $Simulator) {
    $null = Invoke-SimulatorControl -Simulator $Simulator -Method POST -Path 'reset'
}

function ConvertTo-TestSecret([Parameter(Mandatory)] [string] $Value) {
    ConvertTo-SecureString -String $Value -AsPlainText -Force
}

function New-TestCertificateAuthority {
    <#
    .SYNOPSIS
        A private CA and a server certificate for 127.0.0.1 signed by it, as a company PKI would issue, written
        into -Folder.
    .OUTPUTS
        An object with Pfx (the server certificate with its key), PfxPassword, CaBundle (the CA as PEM) and
        SimulatorArguments (for Start-TestSimulator -ArgumentList: serve HTTPS with that certificate).
    #>
    param([Parameter(Mandatory)] [string] $Folder)

    $x509 = 'System.Security.Cryptography.X509Certificates'
    $now = [DateTimeOffset]::UtcNow
    $sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
    $pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
    $caKey = [System.Security.Cryptography.RSA]::Create(2048)
    $caRequest = New-Object "$x509.CertificateRequest" 'CN=AapPacker Test CA', $caKey, $sha256, $pkcs1
    $caRequest.CertificateExtensions.Add((New-Object "$x509.X509BasicConstraintsExtension" $true, $false, 0, $true))
    $caRequest.CertificateExtensions.Add((New-Object "$x509.X509KeyUsageExtension" ([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'KeyCertSign, CrlSign'), $true))
    $ca = $caRequest.CreateSelfSigned($now.AddDays(-1), $now.AddDays(30))

    $serverKey = [System.Security.Cryptography.RSA]::Create(2048)
    $serverRequest = New-Object "$x509.CertificateRequest" 'CN=127.0.0.1', $serverKey, $sha256, $pkcs1
    $names = New-Object "$x509.SubjectAlternativeNameBuilder"
    $names.AddIpAddress([ipaddress]'127.0.0.1')
    $names.AddDnsName('localhost')
    $serverRequest.CertificateExtensions.Add($names.Build())
    $serverRequest.CertificateExtensions.Add((New-Object "$x509.X509BasicConstraintsExtension" $false, $false, 0, $false))
    $serverAuth = [System.Security.Cryptography.OidCollection]::new()
    $null = $serverAuth.Add([System.Security.Cryptography.Oid]::new('1.3.6.1.5.5.7.3.1'))
    $serverRequest.CertificateExtensions.Add((New-Object "$x509.X509EnhancedKeyUsageExtension" $serverAuth, $false))
    $server = $serverRequest.Create($ca, $now.AddDays(-1), $now.AddDays(29), [byte[]](1..16))
    $serverWithKey = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($server, $serverKey)

    $password = 'test-pfx-pass'
    $pfx = Join-Path $Folder 'server.pfx'
    [IO.File]::WriteAllBytes($pfx, $serverWithKey.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Pkcs12, $password))
    $caBundle = Join-Path $Folder 'ca.pem'
    Set-Content -Path $caBundle -Value $ca.ExportCertificatePem()
    [pscustomobject]@{
        Pfx                = $pfx
        PfxPassword        = $password
        CaBundle           = $caBundle
        SimulatorArguments = @('--https-pfx', $pfx, '--https-password', $password)
    }
}

function Set-TestAapEnvironment {
    <#
    .SYNOPSIS
        Prepares a child process's environment the way a build agent has it: none of this process's AAP, Packer or
        AapPacker variables, AAP_HOSTNAME and AAP_TOKEN for the simulator, the built module findable by name, and a
        ledger folder of its own.
    #>
    param(
        [Parameter(Mandatory)] [System.Diagnostics.ProcessStartInfo] $StartInfo,
        [Parameter(Mandatory)] [string] $ServerUri,
        [Parameter(Mandatory)] [string] $StateFolder
    )
    foreach ($key in @($StartInfo.Environment.Keys)) {
        if ($key -match '^(AAP_|AAPPACKER_|CONTROLLER_|TOWER_|PACKER_|TF_BUILD$|GITHUB_ACTIONS$)') { $null = $StartInfo.Environment.Remove($key) }
    }
    $StartInfo.Environment['AAP_HOSTNAME'] = $ServerUri
    $StartInfo.Environment['AAP_TOKEN'] = 'sim-admin-token'
    $StartInfo.Environment['PSModulePath'] = (Split-Path (Split-Path (Get-BuiltModulePath))) + [IO.Path]::PathSeparator + $StartInfo.Environment['PSModulePath']
    $StartInfo.Environment['XDG_STATE_HOME'] = $StateFolder
    $StartInfo.Environment['NO_COLOR'] = '1'
}

$script:SignalResettingEnv = $null

function Get-SignalResettingEnv {
    <# GNU env when it can reset signal dispositions (coreutils 8.31+, Linux); $null elsewhere. #>
    if ($null -eq $script:SignalResettingEnv) {
        $script:SignalResettingEnv = ''
        if ($IsLinux -and (Test-Path /usr/bin/env)) {
            $null = & /usr/bin/env --default-signal=INT true 2>$null
            if ($LASTEXITCODE -eq 0) { $script:SignalResettingEnv = '/usr/bin/env' }
        }
    }
    if ($script:SignalResettingEnv) { $script:SignalResettingEnv } else { $null }
}

function New-PwshStartInfo {
    <#
    .SYNOPSIS
        A ProcessStartInfo for a new pwsh like this one (the dotnet tool runs as 'dotnet pwsh.dll'), with the given
        arguments and environment, standard output and error redirected.
    #>
    param([Parameter(Mandatory)] [string[]] $ArgumentList, [hashtable] $Environment = @{})
    $process = [Environment]::ProcessPath
    $start = [System.Diagnostics.ProcessStartInfo]::new($process)
    # A runner that started the tests in the background (a shell's `cmd &`) hands SIGINT down ignored, and .NET keeps
    # an inherited-ignored SIGINT ignored: the child would sit out the Ctrl-C the interruption tests send. env execs
    # the pwsh in place (same pid) with SIGINT and SIGQUIT back at their default.
    $resetSignals = Get-SignalResettingEnv
    if ($resetSignals) {
        $start.FileName = $resetSignals
        $start.ArgumentList.Add('--default-signal=INT,QUIT')
        $start.ArgumentList.Add($process)
    }
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    foreach ($entry in $Environment.GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start
}

function New-ProvisionScript {
    <#
    .SYNOPSIS
        Writes the documented provisioner script around one Invoke-AapPackerProvision call (exit code 4 first, the
        result assigned, exit $LASTEXITCODE) into $Directory; returns its path. -Before lines go between the import
        and the call (a preference such as $DebugPreference), -After lines between the call and the exit. Before the
        exit, a run that handed its cleanup to the guardian prints {"GuardianProcessId":N} (the result's
        Cleanup.GuardianProcessId) on a line of its own, which Wait-CleanupGuardian -Output reads.
    #>
    param(
        [Parameter(Mandatory)] [string] $Directory,
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $Arguments,
        [string[]] $Before = @(),
        [string[]] $After = @()
    )
    $script = Join-Path $Directory ("run-" + [guid]::NewGuid().ToString('N') + '.ps1')
    @(
        '$global:LASTEXITCODE = 4'
        "Import-Module '$ModulePath'"
        $Before
        "`$result = Invoke-AapPackerProvision $Arguments"
        $After
        # For the test, not the recipe: the guardian's process id from the typed result, as JSON on a line of its own.
        'if ($result.Cleanup.GuardianProcessId) { @{ GuardianProcessId = $result.Cleanup.GuardianProcessId } | ConvertTo-Json -Compress }'
        'exit $LASTEXITCODE'
    ) | Set-Content -Path $script -Encoding utf8
    $script
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS
        Runs a script in a new pwsh process (no profile) and returns what it wrote as JSON, parsed.
    .DESCRIPTION
        The script's last output is converted with ConvertTo-Json -Depth 5. A failure in the child throws here,
        with its error output.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        # Return the child's standard output as text instead (what a CI agent reading the process would see).
        [switch] $RawOutput
    )
    $wrapped = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n& {`n$Script`n} | ConvertTo-Json -Depth 5 -Compress"
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($wrapped))
    $start = New-PwshStartInfo -Environment $Environment -ArgumentList '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', $encoded
    $child = [System.Diagnostics.Process]::Start($start)
    $stderr = $child.StandardError.ReadToEndAsync()
    $stdout = $child.StandardOutput.ReadToEnd()
    $child.WaitForExit()
    $code = $child.ExitCode
    $child.Dispose()
    if ($code -ne 0) {
        throw "The child pwsh failed (exit $code): $($stderr.Result)$stdout"
    }
    if ($RawOutput) { return $stdout }
    $json = ($stdout -split "`r?`n" | Where-Object { $_ -match '^\s*[\[{"]' } | Select-Object -Last 1)
    if (-not $json) { return $null }
    $json | ConvertFrom-Json
}

function Get-CleanupGuardianId {
    <#
    .SYNOPSIS
        The cleanup guardians' process ids: from the {"GuardianProcessId":N} line a New-ProvisionScript run prints in
        -Output; from the logs of guardians still running (or ended unclean) under -StateFolder, whose file name is
        the guardian's own process id (aappacker/guardian/guardian-<pid>.log); and, on Linux, the guardian processes
        whose XDG_STATE_HOME is -StateFolder (one that has not opened its log yet).
    #>
    param([string] $Output, [string] $StateFolder)
    $ids = [Collections.Generic.List[int]]::new()
    foreach ($line in $Output -split '\r?\n') {
        if ($line.StartsWith('{"GuardianProcessId":', [StringComparison]::Ordinal)) { $ids.Add(($line | ConvertFrom-Json).GuardianProcessId) }
    }
    # The documented examples (HelpExamples) print only what a user sees: the cleanup summary names the guardian.
    if ($Output -match 'handed to the cleanup guardian \d+ \(process (\d+)\)') { $ids.Add([int]$Matches[1]) }
    if ($StateFolder) {
        foreach ($log in Get-ChildItem -Path (Join-Path $StateFolder 'aappacker/guardian') -Filter 'guardian-*.log' -ErrorAction SilentlyContinue) {
            $ids.Add([int]$log.BaseName.Substring('guardian-'.Length))
        }
        # A guardian that has not opened its log yet (it starts in a fresh pwsh): on Linux, the processes running
        # GuardianEntryPoint with this XDG_STATE_HOME in their environment.
        if ($IsLinux) {
            $wanted = "XDG_STATE_HOME=$StateFolder"
            foreach ($directory in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue) {
                if ($directory.Name -notmatch '^\d+$') { continue }
                try {
                    $isGuardian = [IO.File]::ReadAllText("/proc/$($directory.Name)/cmdline") -like '*GuardianEntryPoint*'
                    if ($isGuardian -and (([IO.File]::ReadAllText("/proc/$($directory.Name)/environ") -split "`0") -contains $wanted)) { $ids.Add([int]$directory.Name) }
                }
                catch { }   # the process ended meanwhile, or is not ours to read
            }
        }
    }
    $ids | Select-Object -Unique
}

function Wait-CleanupGuardian {
    <#
    Waits for the cleanup guardians of provisioning runs to exit — the event that ends a cleanup handed over to one —
    and returns how long that took: -ProcessId; the one a New-ProvisionScript run printed in -Output as
    {"GuardianProcessId":N} (its result's Cleanup.GuardianProcessId); and those still logging under -StateFolder (the
    runs' XDG_STATE_HOME: a guardian's log is aappacker/guardian/guardian-<pid>.log until it exits clean), for runs
    whose script is not New-ProvisionScript's (Packer templates, a signal-ended run). Returns at once when there is
    none. Throws if a guardian outlives -Timeout.
    #>
    param([string] $Output, [string] $StateFolder, [int] $ProcessId, [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(90))
    $ids = [Collections.Generic.List[int]]::new()
    if ($ProcessId) { $ids.Add($ProcessId) }
    foreach ($id in Get-CleanupGuardianId -Output $Output -StateFolder $StateFolder) { $ids.Add($id) }
    if ($ids.Count -eq 0) { return [TimeSpan]::Zero }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    foreach ($id in $ids | Select-Object -Unique) {
        try { $guardian = [Diagnostics.Process]::GetProcessById($id) } catch [ArgumentException] { continue }
        try {
            $left = $Timeout - $watch.Elapsed
            if ($left -lt [TimeSpan]::Zero -or -not $guardian.WaitForExit([int]$left.TotalMilliseconds)) { throw "The cleanup guardian (process $id) still runs after $Timeout." }
        }
        finally { $guardian.Dispose() }
    }
    $watch.Elapsed
}

Export-ModuleMember -Function Get-BuiltModulePath, Get-SimulatorPath, Get-FreeTcpPort, Start-TestSimulator,
    Get-TestSecret, Register-TestSecret, Save-TestCapture,
    Invoke-SimulatorControl, Reset-TestSimulator, ConvertTo-TestSecret, New-TestCertificateAuthority, Set-TestAapEnvironment,
    New-PwshStartInfo, New-ProvisionScript, Invoke-FreshPwsh, Get-CleanupGuardianId, Wait-CleanupGuardian
