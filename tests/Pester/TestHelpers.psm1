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
    $process = [Environment]::ProcessPath
    $start = [System.Diagnostics.ProcessStartInfo]::new($process)
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    $wrapped = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n& {`n$Script`n} | ConvertTo-Json -Depth 5 -Compress"
    foreach ($argument in '-NoProfile', '-NonInteractive', '-OutputFormat', 'Text', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($wrapped))) {
        $start.ArgumentList.Add($argument)
    }
    foreach ($entry in $Environment.GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
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

function Test-HelpGeneratorIsStub {
    <# True while src/AapPacker.HelpGen is still the skeleton (the build then ships no help). #>
    $program = Join-Path $script:RepoRoot 'src/AapPacker.HelpGen/Program.cs'
    (Test-Path $program) -and ((Get-Content -Raw $program) -match 'not implemented')
}

Export-ModuleMember -Function Get-BuiltModulePath, Get-SimulatorPath, Get-FreeTcpPort, Start-TestSimulator,
    Get-TestSecret, Register-TestSecret, Save-TestCapture,
    Invoke-SimulatorControl, Reset-TestSimulator, ConvertTo-TestSecret, Invoke-FreshPwsh, Test-HelpGeneratorIsStub
