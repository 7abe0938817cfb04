# AapJobTemplate@1: launches one job template or workflow job template and follows it, run by the task's node
# entry in pwsh (or Windows PowerShell 5.1) with the bundled module first on PSModulePath. The connection comes
# from the environment Connect-Aap reads (AAP_HOSTNAME, AAP_TOKEN or AAP_USERNAME/AAP_PASSWORD, AAP_VALIDATE_CERTS),
# the inputs from AAPPACKER_TASK_* variables, never from the command line. The outcome, as AapPacker's exit codes
# (0 succeeded, 1 failed, 2 canceled, 3 timed out, 4 configuration error, 5 API error), goes to the JSON file
# $env:AAPPACKER_TASK_RESULT, rewritten as soon as the job is launched so the task knows it even if this ends early.
$ErrorActionPreference = 'Continue'
Set-StrictMode -Version 3.0

$result = [ordered]@{ exitCode = 4; message = ''; jobId = $null; status = $null; url = $null }
function Save-TaskResult {
    $result | ConvertTo-Json -Compress | Set-Content -LiteralPath $env:AAPPACKER_TASK_RESULT -Encoding UTF8
}

# The exit code an error means: AapPacker's own errors carry one; refusals before a launch are configuration errors.
function Get-ErrorExitCode($ErrorRecord) {
    $exception = $ErrorRecord.Exception
    while ($exception) {
        if ($exception.PSObject.Properties['ExitCode']) { return [int]$exception.ExitCode }
        $exception = $exception.InnerException
    }
    $id = $ErrorRecord.FullyQualifiedErrorId
    switch -Regex ($id) {
        '^JobFailed|^JobError' { return 1 }
        '^JobCanceled|^PipelineStopped|OperationStopped' { return 2 }
        '^JobTimedOut' { return 3 }
        '^(AapUnreachable|AapTlsFailure|AapServerError|AapTimeout)' { return 5 }
    }
    if ($result.jobId) { return 5 }
    4
}

function Get-Setting([string] $Name) {
    $value = [Environment]::GetEnvironmentVariable("AAPPACKER_TASK_$Name")
    if ($null -ne $value) { $value = $value.Trim() }
    if ($value) { $value } else { $null }
}

# Ids as numbers; a name looked up with Get-AapInventory (exactly; in the organization input's organization when given).
function Resolve-Inventory([string] $Inventory, [string] $Organization) {
    if ($Inventory -match '^\d+$') { return [int]$Inventory }
    $query = @{ Name = $Inventory; ErrorAction = 'Stop' }
    if ($Organization) { $query.Organization = $Organization }
    try {
        $found = @(Get-AapInventory @query)
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'AapNotFound*') { throw }
        $found = @()
    }
    if ($found.Count -eq 0) {
        throw [System.Management.Automation.ErrorRecord]::new(
            [System.ArgumentException]::new("Inventory '$Inventory' was not found$(if ($Organization) { " in organization '$Organization'" }) (or this user may not see it): check the name, or give its id."),
            'InventoryNotFound', 'ObjectNotFound', $Inventory)
    }
    if ($found.Count -gt 1) {
        throw [System.Management.Automation.ErrorRecord]::new(
            [System.ArgumentException]::new("Inventory name '$Inventory' is ambiguous ($($found.Count) inventories, ids $(($found | ForEach-Object Id) -join ', ')): give the organization input or the inventory's id."),
            'InventoryAmbiguous', 'InvalidArgument', $Inventory)
    }
    [int]$found[0].Id
}

try {
    Import-Module AapPacker -ErrorAction Stop
    $connect = @{ ErrorAction = 'Stop' }
    if ($env:AAPPACKER_CA_BUNDLE) { $connect.CertificateAuthorityPath = $env:AAPPACKER_CA_BUNDLE }
    if ($env:AAP_VALIDATE_CERTS -eq 'false') { $connect.SkipCertificateCheck = $true }
    $null = Connect-Aap @connect -WarningAction SilentlyContinue
    $connection = Get-AapConnection
    Write-Host "Connected to $($connection.Uri) ($($connection.Flavor) $($connection.Version)) as $($connection.User)."

    $workflow = (Get-Setting TEMPLATE_TYPE) -eq 'workflow'
    $launch = @{ ErrorAction = 'Stop' }
    if ($workflow) { $launch.WorkflowJobTemplate = Get-Setting TEMPLATE } else { $launch.JobTemplate = Get-Setting TEMPLATE }
    if ($inventory = Get-Setting INVENTORY) { $launch.Inventory = Resolve-Inventory $inventory (Get-Setting ORGANIZATION) }
    if ($limit = Get-Setting LIMIT) { $launch.Limit = $limit }
    if ($extraVars = Get-Setting EXTRA_VARS) { $launch.ExtraVars = $extraVars }
    if ($tags = Get-Setting JOB_TAGS) { $launch.Tag = @($tags -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
    if ($skip = Get-Setting SKIP_TAGS) { $launch.SkipTag = @($skip -split ',' | ForEach-Object Trim | Where-Object { $_ }) }
    if ($null -ne ($verbosity = Get-Setting VERBOSITY)) {
        if ($workflow) {
            throw [System.Management.Automation.ErrorRecord]::new(
                [System.ArgumentException]::new('A workflow job template takes no verbosity at launch: leave the verbosity input empty, or set it on the workflow''s job templates.'),
                'WorkflowCannotTakeVerbosity', 'InvalidArgument', $verbosity)
        }
        $launch.Verbosity = [int]$verbosity
    }

    $start = if ($workflow) { { Start-AapWorkflowJobTemplate @launch } } else { { Start-AapJobTemplate @launch } }
    $recordLaunch = {
        $result.jobId = $_.Id
        $result.status = "$($_.Status)"
        $result.url = "$($_.Url)"
        Save-TaskResult
        Write-Host "Launched $(if ($workflow) { 'workflow job' } else { 'job' }) $($_.Id): $($_.Url)"
        $_
    }

    if ((Get-Setting WAIT) -eq 'false') {
        $job = & $start | ForEach-Object $recordLaunch
        $result.exitCode = 0
        $result.message = "Job $($job.Id) launched ($($job.Status)); not waiting for it."
    }
    else {
        # Without -PassThru: a job that fails, errors, is canceled or times out is the module's error, with its message.
        $wait = @{ ErrorAction = 'Stop'; InformationAction = 'Continue' }
        $timeout = Get-Setting TIMEOUT
        if ($timeout -and $timeout -ne '0') { $wait.Timeout = $timeout; $wait.CancelOnTimeout = $true }
        # One pipeline, not two statements: the job reaches Wait-AapJob while Start-AapJobTemplate still runs, so the
        # agent's cancel (SIGTERM) cannot land between them and end pwsh with the job still running in AAP.
        $final = & $start | ForEach-Object $recordLaunch | Wait-AapJob @wait
        $result.status = "$($final.Status)"
        if ($final.Url) { $result.url = "$($final.Url)" }
        $result.exitCode = 0
        $result.message = "Job $($result.jobId) succeeded in $([int]$final.Elapsed.TotalSeconds) s: $($result.url)"
    }
}
catch {
    $result.exitCode = Get-ErrorExitCode $_
    # Wait-AapJob attaches the job's result to its error.
    $outcome = $_.TargetObject
    if ($outcome -and $outcome.PSObject.Properties['Status'] -and $outcome.PSObject.Properties['Id']) {
        $result.status = "$($outcome.Status)"
        if ($outcome.PSObject.Properties['Url'] -and $outcome.Url) { $result.url = "$($outcome.Url)" }
    }
    $result.message = "$($_.Exception.Message)"
    # The recommended action, except for the job's own outcome (it speaks of cmdlet parameters); a TLS failure is
    # fixed in the service connection.
    if ($_.FullyQualifiedErrorId -match '^AapTlsFailure') {
        $result.message += " In the service connection, paste the CA's PEM certificates into 'CA certificates (PEM)' (or, for a test server only, tick 'Skip certificate check')."
    }
    elseif ($_.FullyQualifiedErrorId -notmatch '^Job' -and $_.ErrorDetails -and $_.ErrorDetails.RecommendedAction) { $result.message += " $($_.ErrorDetails.RecommendedAction)" }
    Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
}
finally {
    Save-TaskResult
}
exit $result.exitCode
