# Failures are readable PowerShell errors: a stable ErrorId, the right category, the target, a message that says
# what happened and a RecommendedAction that says how to fix it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Sim = Start-TestSimulator -Layout gateway
    $script:ConnectionVariables = 'AAP_HOSTNAME', 'AAP_HOST', 'AAP_TOKEN', 'AAP_USERNAME', 'AAP_PASSWORD',
    'CONTROLLER_HOST', 'CONTROLLER_OAUTH_TOKEN', 'CONTROLLER_TOKEN', 'CONTROLLER_USERNAME', 'CONTROLLER_PASSWORD',
    'TOWER_HOST', 'TOWER_OAUTH_TOKEN', 'TOWER_TOKEN', 'TOWER_USERNAME', 'TOWER_PASSWORD'

    # Runs a failing command and returns its ErrorRecord.
    function Get-ErrorRecord([scriptblock] $Command) {
        try {
            & $Command
        }
        catch {
            return $_
        }
        throw 'The command was expected to fail.'
    }
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
}

Describe 'Errors' {
    BeforeEach {
        $script:SavedEnvironment = @{}
        foreach ($name in $ConnectionVariables) {
            $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }

    AfterEach {
        foreach ($entry in $script:SavedEnvironment.GetEnumerator()) {
            [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value)
        }
    }

    Describe 'Connect-Aap errors' {
        It 'a bad token is AapUnauthorized (AuthenticationError) with the server as target and a fix' {
            $record = Get-ErrorRecord { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'not-a-valid-token') -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapUnauthorized,*'
            $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $record.TargetObject | Should -Be $Sim.Uri
            $record.ErrorDetails.Message | Should -Match '401'
            $record.ErrorDetails.Message | Should -Match 'credentials'
            $record.ErrorDetails.RecommendedAction | Should -Match '-Token'
            $record.Exception.GetType().FullName | Should -Be 'AapPacker.Engine.Api.AapApiException'
            # The engine's exceptions stay public (src/AapPacker.Engine/PublicTypes.txt): scripts read their properties.
            $record.Exception.GetType().IsPublic | Should -BeTrue
            $record.Exception.Kind | Should -Be 'Unauthorized'
            $record.Exception.StatusCode | Should -Be 401
        }

        It 'a bad password is AapUnauthorized and says to check the credentials' {
            $credential = [pscredential]::new('admin', (ConvertTo-TestSecret 'wrong-password'))
            $record = Get-ErrorRecord { Connect-Aap -Uri $Sim.Uri -Credential $credential -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapUnauthorized,*'
            $record.ErrorDetails.RecommendedAction | Should -Match '-Credential'
        }

        It 'an unreachable server is AapUnreachable (ConnectionError) and says to check the URI and network' {
            $uri = "http://127.0.0.1:$(Get-FreeTcpPort)/"
            $record = Get-ErrorRecord { Connect-Aap -Uri $uri -Token (ConvertTo-TestSecret 'sim-admin-token') -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapUnreachable,*'
            $record.CategoryInfo.Category | Should -Be 'ConnectionError'
            $record.TargetObject | Should -Be $uri
            $record.ErrorDetails.RecommendedAction | Should -Match 'URI'
        }

        It 'no URI anywhere is AapConfigurationInvalid (InvalidArgument) naming -Uri and AAP_HOSTNAME' {
            $record = Get-ErrorRecord { Connect-Aap -Token (ConvertTo-TestSecret 'sim-admin-token') -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapConfigurationInvalid,*'
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $record.Exception.Message | Should -Match 'AAP_HOSTNAME'
            $record.ErrorDetails.RecommendedAction | Should -Match '-Uri'
        }

        It 'credentials over plain http to a remote host are refused before anything is sent' {
            $record = Get-ErrorRecord { Connect-Aap -Uri 'http://192.0.2.10/' -Token (ConvertTo-TestSecret 'sim-admin-token') -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapRequestRefused,*'
            $record.CategoryInfo.Category | Should -Be 'SecurityError'
            $record.ErrorDetails.RecommendedAction | Should -Match 'AllowUnencryptedAuthentication'
        }

        It 'an API prefix that does not exist is AapNotFound and points at -ApiPrefix' {
            $record = Get-ErrorRecord { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -ApiPrefix '/nothing/here/' -ErrorAction Stop }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapNotFound,*'
            $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $record.ErrorDetails.RecommendedAction | Should -Match 'ApiPrefix'
        }

        It 'is a terminating error: the script stops unless it catches it' {
            $reached = $false
            try {
                Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'not-a-valid-token')
                $reached = $true
            }
            catch {
            }
            $reached | Should -BeFalse
        }

        It 'leaves no connection behind' {
            Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
            $null = Get-ErrorRecord { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'not-a-valid-token') -ErrorAction Stop }
            Get-AapConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    Describe 'Invoke-AapPackerProvision connection errors' {
        # The build's me/ goes out beside its first lookups (a round trip less): a bad token must still end the build
        # exactly as a failed connection does, before anything exists in AAP.
        It 'a bad token is AapUnauthorized (AuthenticationError), exit code 4 (configuration), and nothing but reads reached AAP' {
            $null = Invoke-SimulatorControl -Simulator $Sim -Method DELETE -Path 'requests'
            $record = Get-ErrorRecord {
                Invoke-AapPackerProvision -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'not-a-valid-token') -JobTemplate Baseline -Organization Default `
                    -TargetHost 10.0.0.5 -TargetUser ec2-user -TargetPassword (ConvertTo-TestSecret 'target-password') -InformationAction SilentlyContinue -ErrorAction Stop
            }
            $record.FullyQualifiedErrorId | Should -BeLike 'AapUnauthorized,*'
            $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $record.ErrorDetails.RecommendedAction | Should -Match '-Token'
            $global:LASTEXITCODE | Should -Be 4
            $requests = @((Invoke-SimulatorControl -Simulator $Sim -Path 'requests') | ForEach-Object { $_ })
            @($requests | Where-Object { $_.path -like '*/me/' }).Count | Should -BeGreaterThan 0
            @($requests | Where-Object method -NE 'GET') | Should -BeNullOrEmpty
        }
    }
}
