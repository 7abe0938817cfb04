# Connect-Aap over HTTPS: a server certificate from a private CA is refused by default, trusted with
# -CertificateAuthorityPath, and accepted with a warning under -SkipCertificateCheck.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # A private CA and a server certificate for 127.0.0.1 signed by it, as a company PKI would issue.
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-tls-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $Folder
    $authority = New-TestCertificateAuthority -Folder $Folder
    $script:CaBundle = $authority.CaBundle

    $script:Sim = Start-TestSimulator -Layout gateway -ArgumentList $authority.SimulatorArguments
}

AfterAll {
    if ($script:Sim) { & $script:Sim.Stop }
    if ($script:Folder) { Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Connect-Aap over HTTPS' {
    AfterEach {
        Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    }

    It 'serves HTTPS' {
        $Sim.Uri | Should -BeLike 'https://*'
    }

    It 'refuses a certificate from an unknown CA with AapTlsFailure and says how to trust it' {
        $record = $null
        try { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'AapTlsFailure,*'
        $record.CategoryInfo.Category | Should -Be 'SecurityError'
        $record.ErrorDetails.RecommendedAction | Should -Match '-CertificateAuthorityPath'
    }

    It 'trusts the private CA given with -CertificateAuthorityPath' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -CertificateAuthorityPath $CaBundle -PassThru -WarningVariable warnings
        $connection.User | Should -Be 'admin'
        $connection.SkipCertificateCheck | Should -BeFalse
        $warnings | Should -BeNullOrEmpty
    }

    It 'resolves a relative -CertificateAuthorityPath against the current location' {
        Push-Location $Folder
        try {
            $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -CertificateAuthorityPath './ca.pem' -PassThru
            $connection.User | Should -Be 'admin'
        }
        finally {
            Pop-Location
        }
    }

    It 'connects with -SkipCertificateCheck, warning once' {
        $connection = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -SkipCertificateCheck -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        $connection.User | Should -Be 'admin'
        $connection.SkipCertificateCheck | Should -BeTrue
        @($warnings | Where-Object { "$_" -match 'certificate' }).Count | Should -Be 1
    }

    It 'a missing CA bundle is a configuration error naming the file' {
        $missing = Join-Path $Folder 'missing.pem'
        $record = $null
        try { Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -CertificateAuthorityPath $missing -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'AapConfigurationInvalid,*'
        $record.Exception.Message | Should -Match ([regex]::Escape('missing.pem'))
    }
}

Describe 'https to a server that does not speak TLS (issue 15 item 6)' {
    BeforeAll { $script:Plain = Start-TestSimulator -Layout gateway }
    AfterAll { if ($script:Plain) { & $script:Plain.Stop } }

    It 'says the server did not speak TLS, not that its certificate is untrusted (<Form>)' -ForEach @(
        @{ Form = 'https://' }, @{ Form = '' }
    ) {
        $port = ([uri]$Plain.Uri).Port
        $record = $null
        try { Connect-Aap -Uri "${Form}127.0.0.1:$port" -Token (ConvertTo-TestSecret 'sim-admin-token') -ErrorAction Stop } catch { $record = $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'AapTlsFailure,*'
        "$record" | Should -Match 'did not answer in TLS'
        "$record" | Should -Match 'without a scheme means https'
        "$record" | Should -Not -Match 'received If'
        $record.ErrorDetails.RecommendedAction | Should -Not -Match 'certificate is not trusted'
    }
}
