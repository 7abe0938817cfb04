# Connect-Aap, Get-AapConnection and Disconnect-Aap against the simulator, on both API layouts.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulators = @{
        awx     = Start-TestSimulator -Layout awx
        gateway = Start-TestSimulator -Layout gateway
    }
    $script:ExpectedApiRoot = @{ awx = '/api/v2/'; gateway = '/api/controller/v2/' }
    $script:ConnectionVariables = 'AAP_HOSTNAME', 'AAP_HOST', 'AAP_TOKEN', 'AAP_USERNAME', 'AAP_PASSWORD',
    'AAP_VALIDATE_CERTS', 'AAP_INSECURE_SKIP_VERIFY', 'AAP_REQUEST_TIMEOUT', 'AAP_TIMEOUT',
    'CONTROLLER_HOST', 'CONTROLLER_OAUTH_TOKEN', 'CONTROLLER_TOKEN', 'CONTROLLER_USERNAME', 'CONTROLLER_PASSWORD',
    'CONTROLLER_VERIFY_SSL', 'CONTROLLER_REQUEST_TIMEOUT', 'CONTROLLER_OPTIONAL_API_URLPATTERN_PREFIX',
    'TOWER_HOST', 'TOWER_OAUTH_TOKEN', 'TOWER_TOKEN', 'TOWER_USERNAME', 'TOWER_PASSWORD', 'TOWER_VERIFY_SSL'
}

AfterAll {
    foreach ($simulator in $script:Simulators.Values) { & $simulator.Stop }
}

Describe 'Connections' {
    # Tests must not see the machine's (or each other's) AAP settings.
    BeforeEach {
        $script:SavedEnvironment = @{}
        foreach ($name in $ConnectionVariables) {
            $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }

    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
        foreach ($entry in $script:SavedEnvironment.GetEnumerator()) {
            [Environment]::SetEnvironmentVariable($entry.Key, $entry.Value)
        }
    }

    Describe 'Connect-Aap on the <_> layout' -ForEach 'awx', 'gateway' {
        BeforeAll {
            $script:Layout = $_
            $script:Sim = $Simulators[$_]
        }

        It 'connects with a token and discovers the API root' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            $connection | Should -BeOfType ([AapPacker.Models.AapConnectionInfo])
            $connection.ApiRoot | Should -Be $ExpectedApiRoot[$Layout]
            $connection.User | Should -Be 'admin'
            $connection.AuthenticationType | Should -Be 'Token'
            $connection.Uri | Should -Be ([uri]$Sim.Uri)
            $connection.Flavor | Should -Not -BeNullOrEmpty
            $connection.Version | Should -Not -BeNullOrEmpty
        }

        It 'connects with -Credential (Basic)' {
            $credential = [pscredential]::new('reader', (ConvertTo-TestSecret 'readerpass'))
            $connection = Connect-Aap -Uri $Sim.Uri -Credential $credential -PassThru
            $connection.User | Should -Be 'reader'
            $connection.AuthenticationType | Should -Be 'Basic'
        }

        It 'writes nothing without -PassThru and becomes the default connection' {
            $output = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
            $output | Should -BeNullOrEmpty
            $current = Get-AapConnection
            $current.User | Should -Be 'admin'
            $current.ApiRoot | Should -Be $ExpectedApiRoot[$Layout]
        }

        It 'connects from AAP_HOSTNAME and AAP_TOKEN when no parameter is given' {
            $env:AAP_HOSTNAME = $Sim.Uri
            $env:AAP_TOKEN = 'sim-admin-token'
            $connection = Connect-Aap -PassThru
            $connection.User | Should -Be 'admin'
            $connection.Uri | Should -Be ([uri]$Sim.Uri)
        }

        It 'honours an explicit -ApiPrefix' {
            $prefix = if ($Layout -eq 'gateway') { '/api/controller/' } else { '/api/' }
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -ApiPrefix $prefix -PassThru
            $connection.ApiRoot | Should -Be $ExpectedApiRoot[$Layout]
        }
    }

    Describe 'Connection settings from the environment' {
        BeforeAll {
            $script:Sim = $Simulators.gateway
        }

        It 'a parameter wins over the environment' {
            $env:AAP_HOSTNAME = 'https://elsewhere.invalid'
            $env:AAP_TOKEN = 'sim-read-token'
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            $connection.User | Should -Be 'admin'
            $connection.Uri | Should -Be ([uri]$Sim.Uri)
        }

        It 'warns when AAP_* and CONTROLLER_* disagree, and AAP_* wins' {
            $env:AAP_HOSTNAME = $Sim.Uri
            $env:AAP_TOKEN = 'sim-admin-token'
            $env:CONTROLLER_OAUTH_TOKEN = 'sim-read-token'
            $connection = Connect-Aap -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $connection.User | Should -Be 'admin'
            ($warnings -join "`n") | Should -Match 'CONTROLLER_OAUTH_TOKEN|AAP_TOKEN'
        }

        It 'reads the legacy TOWER_* variables, with a deprecation warning' {
            $env:TOWER_HOST = $Sim.Uri
            $env:TOWER_OAUTH_TOKEN = 'sim-admin-token'
            $connection = Connect-Aap -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $connection.User | Should -Be 'admin'
            ($warnings -join "`n") | Should -Match 'TOWER_'
        }

        It 'reads CONTROLLER_HOST and a user name and password from CONTROLLER_*' {
            $env:CONTROLLER_HOST = $Sim.Uri
            $env:CONTROLLER_USERNAME = 'reader'
            $env:CONTROLLER_PASSWORD = 'readerpass'
            $connection = Connect-Aap -PassThru
            $connection.User | Should -Be 'reader'
            $connection.AuthenticationType | Should -Be 'Basic'
        }

        It 'warns when a token and a user name and password are both given, and the token wins' {
            $credential = [pscredential]::new('reader', (ConvertTo-TestSecret 'readerpass'))
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -Credential $credential -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $connection.AuthenticationType | Should -Be 'Token'
            $warnings | Should -Not -BeNullOrEmpty
        }

        It 'warns when certificate checks are turned off' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -SkipCertificateCheck -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $connection.SkipCertificateCheck | Should -BeTrue
            ($warnings -join "`n") | Should -Match 'certificate'
        }
    }

    Describe 'Get-AapConnection and Disconnect-Aap' {
        BeforeAll {
            $script:Sim = $Simulators.awx
        }

        It 'Get-AapConnection returns the very object Connect-Aap -PassThru returned' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            [object]::ReferenceEquals((Get-AapConnection), $connection) | Should -BeTrue
        }

        It 'Get-AapConnection fails with AapNotConnected when there is no connection' {
            { Get-AapConnection -ErrorAction Stop } | Should -Throw -ErrorId 'AapNotConnected,*'
        }

        It 'Disconnect-Aap forgets the default connection' {
            Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
            Disconnect-Aap
            Get-AapConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'Disconnect-Aap takes a connection from the pipeline, and a second disconnect is an error' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            $connection | Disconnect-Aap
            { Disconnect-Aap -Connection $connection -ErrorAction Stop } | Should -Throw -ErrorId 'AapConnectionUnknown,*'
        }

        It 'Disconnect-Aap without a connection is an AapNotConnected error' {
            { Disconnect-Aap -ErrorAction Stop } | Should -Throw -ErrorId 'AapNotConnected,*'
        }

        It 'a new Connect-Aap replaces the default, and the old connection object stays usable' {
            $first = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            $second = Connect-Aap -Uri $Simulators.gateway.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            [object]::ReferenceEquals((Get-AapConnection), $second) | Should -BeTrue
            { Disconnect-Aap -Connection $first -ErrorAction Stop } | Should -Not -Throw
        }

        It 'formats the connection as a table, with the API root in its list' {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
            $text = $connection | Out-String
            $text | Should -Match 'Flavor'
            $list = $connection | Format-List | Out-String
            $list | Should -Match 'ApiRoot'
            $list | Should -Match ([regex]::Escape('/api/v2/'))
        }

        It 'a connection is per runspace: ForEach-Object -Parallel does not see it' {
            Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
            $manifest = Get-BuiltModulePath
            $seen = 1..2 | ForEach-Object -Parallel {
                Import-Module $using:manifest
                @(Get-AapConnection -ErrorAction SilentlyContinue).Count
            }
            $seen | Should -Be @(0, 0)
            (Get-AapConnection).User | Should -Be 'admin'
        }
    }
}
