# No secret reaches any stream: every stream captured with -Verbose -Debug (*>&1), the error records, their
# ErrorDetails, exceptions (with inner ones) and formatted views, and the connection object.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulators = @{
        awx     = Start-TestSimulator -Layout awx
        gateway = Start-TestSimulator -Layout gateway
    }

    # Everything a user could see from a command: all streams, plus $Error, as text.
    function Get-EverythingShown([scriptblock] $Command) {
        $Error.Clear()
        $records = @(& {
                $DebugPreference = 'Continue'
                $VerbosePreference = 'Continue'
                $InformationPreference = 'Continue'
                try { & $Command } catch { $_ }
            } *>&1)
        $all = @($records) + @($Error)
        $text = foreach ($item in $all) {
            $item | Out-String -Width 500
            $item | Format-List * -Force | Out-String -Width 500
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $item.ToString()
                $item.ErrorDetails | Format-List * -Force | Out-String -Width 500
                $exception = $item.Exception
                while ($exception) {
                    $exception.ToString()
                    $exception | Format-List * -Force | Out-String -Width 500
                    $exception = $exception.InnerException
                }
            }
            elseif ($item -is [System.Management.Automation.InformationalRecord] -or $item -is [System.Management.Automation.InformationRecord]) {
                $item.ToString()
            }
        }
        $joined = $text -join "`n"
        Save-TestCapture -Label 'Secrets.Tests' -Text $joined
        [pscustomobject]@{ Count = $all.Count; Text = $joined }
    }
}

AfterAll {
    foreach ($simulator in $script:Simulators.Values) { & $simulator.Stop }
}

Describe 'Secrets' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    Describe 'No secret in any stream on the <_> layout' -ForEach 'awx', 'gateway' {
        BeforeAll {
            $script:Sim = $Simulators[$_]
        }

        It 'a successful token connection shows nothing of the token' {
            $shown = Get-EverythingShown { Connect-Aap -Uri $Sim.Uri -Token (Get-TestSecret AdminToken -AsSecureString) -PassThru -Verbose -Debug }
            $shown.Count | Should -BeGreaterThan 1 -Because 'verbose and debug output was produced'
            $shown.Text | Should -Not -Match (Get-TestSecret AdminToken)
        }

        It 'a successful Basic connection shows nothing of the password' {
            $credential = [pscredential]::new('reader', (Get-TestSecret ReaderPassword -AsSecureString))
            $shown = Get-EverythingShown { Connect-Aap -Uri $Sim.Uri -Credential $credential -PassThru -Verbose -Debug }
            $shown.Text | Should -Match 'reader'
            $shown.Text | Should -Not -Match (Get-TestSecret ReaderPassword)
            # The Basic header value itself (base64 of user:password) must not appear either.
            $shown.Text | Should -Not -Match ([regex]::Escape([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('reader:' + (Get-TestSecret ReaderPassword)))))
        }

        It 'a rejected token is not echoed in the error' {
            $shown = Get-EverythingShown { Connect-Aap -Uri $Sim.Uri -Token (Get-TestSecret UnknownToken -AsSecureString) -Verbose -Debug -ErrorAction Stop }
            $shown.Text | Should -Match 'AapUnauthorized'
            $shown.Text | Should -Not -Match (Get-TestSecret UnknownToken)
        }

        It 'a rejected password is not echoed in the error' {
            $credential = [pscredential]::new('admin', (Get-TestSecret RejectedPassword -AsSecureString))
            $shown = Get-EverythingShown { Connect-Aap -Uri $Sim.Uri -Credential $credential -Verbose -Debug -ErrorAction Stop }
            $shown.Text | Should -Match 'AapUnauthorized'
            $shown.Text | Should -Not -Match (Get-TestSecret RejectedPassword)
        }

        It 'a token from AAP_TOKEN is not shown, and neither are conflicting ones' {
            $saved = $env:AAP_HOSTNAME, $env:AAP_TOKEN, $env:CONTROLLER_OAUTH_TOKEN
            try {
                $env:AAP_HOSTNAME = $Sim.Uri
                $env:AAP_TOKEN = Get-TestSecret AdminToken
                $env:CONTROLLER_OAUTH_TOKEN = 'other-token-2c4e6a'
                # -Debug makes warnings Inquire for compiled cmdlets; a non-interactive run cannot answer.
            $shown = Get-EverythingShown { Connect-Aap -PassThru -Verbose -Debug -WarningAction Continue }
                $shown.Text | Should -Match 'AAP_TOKEN'
            $shown.Text | Should -Match 'CONTROLLER_OAUTH_TOKEN' -Because 'the conflict warning names both variables'
                $shown.Text | Should -Not -Match (Get-TestSecret AdminToken)
                $shown.Text | Should -Not -Match 'other-token-2c4e6a'
            }
            finally {
                $env:AAP_HOSTNAME, $env:AAP_TOKEN, $env:CONTROLLER_OAUTH_TOKEN = $saved
            }
        }

        It 'under Azure Pipelines Connect-Aap registers the token with the agent on stdout, not in any stream' {
            # The agent's command necessarily holds the token: this child's output is asserted on, never kept for the scan.
            $script = "`$t = ConvertTo-SecureString 'sim-admin-token' -AsPlainText -Force`n" +
                "`$all = Connect-Aap -Uri '$($Sim.Uri)' -Token `$t -Verbose -Debug -WarningAction Continue *>&1 | Out-String`n" +
                "`$leak = `$all -match [regex]::Escape('sim-admin-token')`n" +
                "Write-Output ([pscustomobject]@{ StreamsHoldToken = `$leak })"
            $stdout = Invoke-FreshPwsh -RawOutput -Environment @{ TF_BUILD = 'True'; AAPPACKER_MODULE = (Get-BuiltModulePath) } `
                -Script ("Import-Module `$env:AAPPACKER_MODULE`n" + $script)
            $lines = @($stdout -split "`r?`n")
            $lines | Should -Contain '##vso[task.setsecret]sim-admin-token'
            $lines | Should -Contain ('##vso[task.setsecret]' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('sim-admin-token')))
            ($lines | Where-Object { $_ -like '{*' } | Select-Object -Last 1 | ConvertFrom-Json).StreamsHoldToken | Should -BeFalse
        }

        It 'the connection object holds no secret' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (Get-TestSecret AdminToken -AsSecureString) -PassThru
            ($connection | ConvertTo-Json -Depth 5) | Should -Not -Match (Get-TestSecret AdminToken)
            ($connection | Format-List * -Force | Out-String) | Should -Not -Match (Get-TestSecret AdminToken)
        }
    }
}
