# AapPackerBuild@1's post-job sweep: Remove-AapBuildResources -BuildId $env:AAPPACKER_RUN_ID with the connection
# from the environment (AAP_HOSTNAME, AAP_TOKEN or AAP_USERNAME/AAP_PASSWORD). The outcome, as AapPacker's exit
# codes (0 nothing left, 4 configuration error, 5 AAP unreachable or objects left), goes to $env:AAPPACKER_TASK_RESULT.
$ErrorActionPreference = 'Continue'
Set-StrictMode -Version 3.0

$result = [ordered]@{ exitCode = 4; message = '' }
try {
    Import-Module AapPacker -ErrorAction Stop
    $connect = @{ ErrorAction = 'Stop' }
    if ($env:AAPPACKER_CA_BUNDLE) { $connect.CertificateAuthorityPath = $env:AAPPACKER_CA_BUNDLE }
    if ($env:AAP_VALIDATE_CERTS -eq 'false') { $connect.SkipCertificateCheck = $true }
    $null = Connect-Aap @connect -WarningAction SilentlyContinue
    $runId = $env:AAPPACKER_RUN_ID
    Write-Host "Removing what AapPacker created in AAP for run $runId."
    # One result per sweep; nothing when the run left nothing to find.
    $cleanups = @(Remove-AapBuildResources -BuildId $runId -ErrorAction Stop -Confirm:$false |
        Where-Object { $_.PSObject.Properties['Complete'] })
    $removed = ($cleanups | ForEach-Object { @($_.Removed).Count } | Measure-Object -Sum).Sum
    $gone = ($cleanups | ForEach-Object { @($_.AlreadyGone).Count } | Measure-Object -Sum).Sum
    $left = @($cleanups | ForEach-Object { $_.Left } | Where-Object { $_ })
    if ($left.Count -eq 0) {
        $result.exitCode = 0
        $result.message = "Run ${runId}: removed $([int]$removed), already gone $([int]$gone), nothing left in AAP."
    }
    else {
        $result.exitCode = 5
        $result.message = "Run ${runId}: removed $([int]$removed), but $($left.Count) left in AAP: $(($left | ForEach-Object { "$_" }) -join '; '). Remove them with Remove-AapBuildResources -BuildId $runId."
    }
    Write-Host $result.message
}
catch {
    $code = 4
    $exception = $_.Exception
    while ($exception) {
        if ($exception.PSObject.Properties['ExitCode']) { $code = [int]$exception.ExitCode; break }
        $exception = $exception.InnerException
    }
    if ($_.FullyQualifiedErrorId -match '^(AapUnreachable|AapTlsFailure|AapServerError|AapTimeout)') { $code = 5 }
    $result.exitCode = $code
    $result.message = "$($_.Exception.Message)"
    if ($_.FullyQualifiedErrorId -match '^AapTlsFailure') {
        $result.message += " In the service connection, paste the CA's PEM certificates into 'CA certificates (PEM)' (or, for a test server only, tick 'Skip certificate check')."
    }
    Write-Host "$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
}
finally {
    $result | ConvertTo-Json -Compress | Set-Content -LiteralPath $env:AAPPACKER_TASK_RESULT -Encoding UTF8
}
exit $result.exitCode
