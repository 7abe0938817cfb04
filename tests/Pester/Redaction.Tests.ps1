# The redaction applied to every engine log line and error message before it reaches a stream: credentials
# masked, ordinary words kept.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-BuiltModulePath) -Force -PassThru
    $redactor = $module.ImplementingAssembly.GetType('AapPacker.Infrastructure.Redactor', $true)
    $script:RedactMethod = $redactor.GetMethod('Redact', [Reflection.BindingFlags]'Public, Static')
    function Invoke-Redact([string] $Text) { $script:RedactMethod.Invoke($null, @($Text)) }
}

Describe 'Redactor' {
    It 'masks <Case>' -ForEach @(
        @{ Case = 'a Bearer token'; Text = 'Authorization: Bearer sim-admin-token'; Secret = 'sim-admin-token' }
        @{ Case = 'a Basic credential'; Text = 'header Basic YWRtaW46cGFzc3dvcmQ='; Secret = 'YWRtaW46cGFzc3dvcmQ=' }
        @{ Case = 'a JSON password'; Text = '{"username": "admin", "password": "s3cr3t-pw"}'; Secret = 's3cr3t-pw' }
        @{ Case = 'a JSON ssh key'; Text = '{"inputs": {"ssh_key_data": "-----BEGIN KEY-----abc"}}'; Secret = 'BEGIN KEY' }
        @{ Case = 'a key=value token'; Text = 'access_token=abc123def&x=1'; Secret = 'abc123def' }
        @{ Case = 'a become password'; Text = "become_password: 'hunter2x'"; Secret = 'hunter2x' }
    ) {
        $masked = Invoke-Redact $Text
        $masked | Should -Not -Match ([regex]::Escape($Secret))
        $masked | Should -Match ([regex]::Escape('***'))
    }

    It 'keeps <Case>' -ForEach @(
        @{ Case = 'where a setting came from'; Text = 'Setting Token=AAP_TOKEN' }
        @{ Case = 'ordinary words after an auth scheme'; Text = 'Basic authentication is used' }
        @{ Case = 'a path and status'; Text = 'GET /api/v2/me/ 200 in 12 ms' }
    ) {
        Invoke-Redact $Text | Should -Be $Text
    }

    It 'returns an empty string for empty input' {
        Invoke-Redact $null | Should -Be ''
    }
}
