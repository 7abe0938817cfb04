# Runs the extension's compiled task entries as the Azure Pipelines agent runs them: `node <entry>` with the inputs as
# INPUT_<NAME>, the service connection as ENDPOINT_URL_<id>, ENDPOINT_AUTH_<id> (JSON), ENDPOINT_AUTH_SCHEME_<id> and
# ENDPOINT_AUTH_PARAMETER_<id>_<KEY>, its data as ENDPOINT_DATA_<id>_<KEY>, task variables as VSTS_TASKVARIABLE_<NAME>,
# and the agent variables (AGENT_TEMPDIRECTORY, TF_BUILD, ...). The extension must be staged by
# `build.ps1 -Task Extension` (out/extension/staging).
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-ExtensionStaging {
    $out = if ($env:AAPPACKER_OUT) { $env:AAPPACKER_OUT } else { Join-Path $script:RepoRoot 'out' }
    $staging = Join-Path $out 'extension/staging'
    if (-not (Test-Path (Join-Path $staging 'vss-extension.json'))) {
        throw "The extension is not staged ($staging): run 'dotnet pwsh ./build.ps1 -Task Extension'."
    }
    $staging
}

function New-PwshShim {
    <# A folder with a `pwsh` that starts this PowerShell (a dotnet tool runs as 'dotnet pwsh.dll'), for PATH. #>
    param([Parameter(Mandatory)] [string] $Folder)
    $null = New-Item -ItemType Directory -Force -Path $Folder
    $process = [Environment]::ProcessPath
    $command = if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { "'$process' '$(Join-Path $PSHOME 'pwsh.dll')'" } else { "'$process'" }
    $shim = Join-Path $Folder 'pwsh'
    Set-Content -Path $shim -Value "#!/bin/sh`nexec $command `"`$@`"`n"
    & chmod 755 $shim
    $Folder
}

function New-AdoTaskStartInfo {
    <#
    .SYNOPSIS
        A ProcessStartInfo for `node <task>/js/<Task>/<Entry>` with the environment the agent gives a task.
    #>
    param(
        [Parameter(Mandatory)] [string] $Task,
        [string] $Entry = 'index.js',
        [hashtable] $Inputs = @{},
        [Parameter(Mandatory)] [string] $EndpointUrl,
        [ValidateSet('Token', 'UsernamePassword')] [string] $Scheme = 'Token',
        [Parameter(Mandatory)] [hashtable] $AuthParameters,
        [hashtable] $EndpointData = @{},
        [hashtable] $TaskVariables = @{},
        [Parameter(Mandatory)] [string] $TempDirectory,
        [Parameter(Mandatory)] [string] $PathPrefix,
        [string] $WorkingDirectory
    )
    $root = Join-Path (Get-ExtensionStaging) "tasks/$Task"
    $taskJson = Get-Content -Raw (Join-Path $root 'task.json') | ConvertFrom-Json -AsHashtable
    $stage = if ($Entry -eq 'post.js') { 'postjobexecution' } else { 'execution' }
    $target = $taskJson[$stage]['Node20_1']['target']
    $start = [Diagnostics.ProcessStartInfo]::new((Get-Command node -CommandType Application | Select-Object -First 1).Source)
    $start.ArgumentList.Add((Join-Path $root $target))
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.WorkingDirectory = if ($WorkingDirectory) { $WorkingDirectory } else { $TempDirectory }
    $environment = $start.Environment
    # The agent's own view of the job; nothing of the test run's AAP settings leaks in.
    foreach ($name in @($environment.Keys)) { if ($name -match '^(AAP_|CONTROLLER_|TOWER_|INPUT_|ENDPOINT_)') { $environment.Remove($name) } }
    $environment['PATH'] = "$PathPrefix$([IO.Path]::PathSeparator)$env:PATH"
    $environment['TF_BUILD'] = 'True'
    $environment['AGENT_TEMPDIRECTORY'] = $TempDirectory
    $environment['AGENT_WORKFOLDER'] = $TempDirectory
    $environment['SYSTEM_DEFAULTWORKINGDIRECTORY'] = $start.WorkingDirectory
    $environment['SYSTEM_HOSTTYPE'] = 'build'
    foreach ($name in $Inputs.Keys) { $environment["INPUT_$($name.ToUpperInvariant())"] = [string]$Inputs[$name] }
    $id = [guid]::NewGuid().ToString()
    $environment['INPUT_CONNECTION'] = $id
    $environment["ENDPOINT_URL_$id"] = $EndpointUrl
    $environment["ENDPOINT_AUTH_$id"] = @{ scheme = $Scheme; parameters = $AuthParameters } | ConvertTo-Json -Compress
    $environment["ENDPOINT_AUTH_SCHEME_$id"] = $Scheme
    foreach ($key in $AuthParameters.Keys) { $environment["ENDPOINT_AUTH_PARAMETER_${id}_$($key.ToUpperInvariant())"] = $AuthParameters[$key] }
    foreach ($key in $EndpointData.Keys) { $environment["ENDPOINT_DATA_${id}_$($key.ToUpperInvariant())"] = [string]$EndpointData[$key] }
    foreach ($name in $TaskVariables.Keys) { $environment["VSTS_TASKVARIABLE_$($name.ToUpperInvariant())"] = $TaskVariables[$name] }
    $start
}

function Start-AdoTask {
    <# Starts a task entry; its standard output and error are read to the end in the background. #>
    param([Parameter(Mandatory)] [Diagnostics.ProcessStartInfo] $StartInfo)
    $process = [Diagnostics.Process]::Start($StartInfo)
    [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
}

function Wait-AdoTask {
    <# Waits for the task's process; returns ExitCode, Output, Lines, Result and Message (##vso[task.complete]), Variables. #>
    param([Parameter(Mandatory)] $Running, [int] $TimeoutSeconds = 240)
    if (-not $Running.Process.WaitForExit($TimeoutSeconds * 1000)) {
        $Running.Process.Kill($true)
        throw "The task did not end within $TimeoutSeconds s."
    }
    $Running.Process.WaitForExit()
    $text = $Running.Stdout.GetAwaiter().GetResult() + $Running.Stderr.GetAwaiter().GetResult()
    ConvertTo-AdoTaskRun -ExitCode $Running.Process.ExitCode -Lines ($text -split "\r?\n")
}

function Invoke-AdoTask {
    <# Runs a task entry to its end (New-AdoTaskStartInfo's parameters). #>
    $running = Start-AdoTask -StartInfo (New-AdoTaskStartInfo @args)
    Wait-AdoTask -Running $running
}

function ConvertTo-AdoTaskRun([int] $ExitCode, [string[]] $Lines) {
    $output = $Lines -join "`n"
    $complete = @($Lines | Where-Object { $_ -match '##vso\[task\.complete result=(\w+);?\](.*)$' } | Select-Object -Last 1)
    $result = $null; $message = $null
    if ($complete.Count -and $complete[0] -match '##vso\[task\.complete result=(\w+);?\](.*)$') { $result = $Matches[1]; $message = $Matches[2] }
    $variables = @{}
    foreach ($line in $Lines) {
        if ($line -match '##vso\[task\.setvariable variable=([^;\]]+)[^\]]*\](.*)$') { $variables[$Matches[1]] = $Matches[2] }
    }
    $taskVariables = @{}
    foreach ($line in $Lines) {
        if ($line -match '##vso\[task\.settaskvariable variable=([^;\]]+)[^\]]*\](.*)$') { $taskVariables[$Matches[1]] = $Matches[2] }
    }
    # What a test may print (e.g. in -Because): the output without the lines that carry the secrets to the agent.
    $shown = ($Lines | Where-Object { $_ -notmatch '##vso\[task\.setsecret\]' }) -join "`n"
    [pscustomobject]@{ ExitCode = $ExitCode; Output = $output; Shown = $shown; Lines = $Lines; Result = $result; Message = $message; Variables = $variables; TaskVariables = $taskVariables }
}

function Assert-NoSecretOutsideSetSecret {
    <# Every line that contains one of the secrets is a ##vso[task.setsecret] line: returns the offending lines. #>
    param([string[]] $Lines, [string[]] $Secrets)
    foreach ($line in $Lines) {
        # The agent reads a logging command anywhere in a line (Packer prefixes its provisioners' lines).
        if ($line -match '##vso\[task\.setsecret\]') { continue }
        foreach ($secret in $Secrets) { if ($secret -and $line.Contains($secret)) { $line } }
    }
}


function Get-ProcessTree([int] $Id) {
    <# The process and its descendants (Linux: /proc/<pid>/task/*/children), parents first. #>
    $Id
    foreach ($children in Get-ChildItem "/proc/$Id/task/*/children" -ErrorAction SilentlyContinue) {
        foreach ($child in ((Get-Content -Raw $children.FullName -ErrorAction SilentlyContinue) -split '\s+' | Where-Object { $_ })) {
            Get-ProcessTree -Id ([int]$child)
        }
    }
}

Export-ModuleMember -Function Get-ExtensionStaging, New-PwshShim, New-AdoTaskStartInfo, Start-AdoTask, Wait-AdoTask, Invoke-AdoTask, Assert-NoSecretOutsideSetSecret, Get-ProcessTree
