# The package as a user meets it, with PSResourceGet and nothing of the build: build/suites/Install.ps1 runs this file
# in a fresh pwsh whose HOME, XDG folders and PSModulePath are its own and empty, and hands it the packages it made
# (out/packages, an older version, a prerelease). The Describe blocks run in order: each install ends uninstalled.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    $script:Version = $env:AAPPACKER_PACKAGE_VERSION
    # What the repository's manifest declares is what the installed module must export (sorted as Get-Command lists).
    # (Parsed, not imported: its RootModule is an expression Import-PowerShellDataFile refuses.)
    $manifestAst = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $PSScriptRoot '../../AapPacker.psd1'), [ref]$null, [ref]$null)
    $exports = $manifestAst.Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $true).KeyValuePairs |
        Where-Object { $_.Item1.Value -eq 'CmdletsToExport' }
    $script:Cmdlets = @($exports.Item2.FindAll({ $args[0] -is [System.Management.Automation.Language.StringConstantExpressionAst] }, $true).Value | Sort-Object)
    $Cmdlets.Count | Should -BeGreaterThan 12 -Because 'the manifest lists the module''s cmdlets'
    # Where Install-PSResource -Scope CurrentUser puts modules: the first PSModulePath entry, under this run's HOME.
    $script:UserModules = ($env:PSModulePath -split [IO.Path]::PathSeparator)[0]
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "aappacker-install-tests-$PID"
    $null = New-Item -ItemType Directory -Force -Path $Work

    $script:Repositories = @{
        AapPackerLocal      = $env:AAPPACKER_PACKAGE_DIR
        AapPackerOlder      = $env:AAPPACKER_OLDER_PACKAGE_DIR
        AapPackerPrerelease = $env:AAPPACKER_PRERELEASE_DIR
    }
    foreach ($entry in $Repositories.GetEnumerator()) {
        Register-PSResourceRepository -Name $entry.Key -Uri $entry.Value -Trusted
    }

    # What a fresh pwsh that imports AapPacker by name sees ($Environment adds to this run's environment).
    function Get-ImportedModule([hashtable] $Environment = @{}) {
        Invoke-FreshPwsh -Environment $Environment -Script @'
Import-Module AapPacker
$module = Get-Module AapPacker
[pscustomobject]@{
    Base    = $module.ModuleBase
    Version = $module.Version.ToString()
    Cmdlets = @(Get-Command -Module AapPacker -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
}
'@
    }

    # Every file under this run's HOME and module folder that has AapPacker in its path.
    # Files of ours under the home and module folders: 'AapPacker' in the path below them (the folders' own path may
    # hold it too, e.g. a clone in a directory named AapPacker).
    function Get-LeftoverFile {
        @(foreach ($root in $env:HOME, $UserModules) {
                Get-ChildItem -LiteralPath $root -Recurse -Force -File -ErrorAction SilentlyContinue |
                    Where-Object { [IO.Path]::GetRelativePath($root, $_.FullName) -match 'AapPacker' } | ForEach-Object FullName
            })
    }

    function Write-Figure([string] $Text) {
        Write-Host "Figures: $Text"
        if ($env:AAPPACKER_INSTALL_FIGURES) { Add-Content -LiteralPath $env:AAPPACKER_INSTALL_FIGURES -Value "Figures: $Text" }
    }
}

AfterAll {
    foreach ($name in @($Repositories.Keys)) { Unregister-PSResourceRepository -Name $name -ErrorAction SilentlyContinue }
    Remove-Item -LiteralPath $Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The package file' {
    It 'holds exactly the module allowlist and LICENSE' {
        $allowlist = @($env:AAPPACKER_MODULE_ALLOWLIST -split ';')
        $allowlist | Should -Contain 'LICENSE'
        $zip = [IO.Compression.ZipFile]::OpenRead($env:AAPPACKER_PACKAGE_FILE)
        try {
            # NuGet's own parts: the nuspec, the OPC relationships and content types, the core properties.
            $files = @($zip.Entries | Where-Object { $_.FullName -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|AapPacker\.nuspec$)' } |
                    ForEach-Object { [Uri]::UnescapeDataString($_.FullName) })
        }
        finally { $zip.Dispose() }
        @($allowlist | Where-Object { $files -notcontains $_ }) | Should -BeNullOrEmpty -Because 'every shipped file must be packaged'
        @($files | Where-Object { $allowlist -notcontains $_ }) | Should -BeNullOrEmpty -Because 'nothing else may be packaged'
    }

    It 'is named and versioned from Directory.Build.props' {
        Split-Path $env:AAPPACKER_PACKAGE_FILE -Leaf | Should -Be "AapPacker.$Version.nupkg"
        $found = Find-PSResource -Name AapPacker -Repository AapPackerLocal
        $found.Version.ToString() | Should -Be $Version
        $found.ReleaseNotes | Should -Match ([regex]::Escape("## [$Version]"))
    }

    It 'passes Test-ModuleManifest (the built manifest), with release notes and no placeholder URI' {
        $manifest = Test-ModuleManifest -Path $env:AAPPACKER_BUILT_MANIFEST -ErrorAction Stop
        $manifest.Version | Should -Be ([version]$Version)
        $manifest.ReleaseNotes | Should -Match ([regex]::Escape("## [$Version]"))
        $manifest.LicenseUri | Should -BeNullOrEmpty
        $manifest.ProjectUri | Should -BeNullOrEmpty
    }
}

Describe 'Install-PSResource from a file repository' {
    BeforeAll {
        $script:Simulator = Start-TestSimulator -Layout gateway -TimeScale 50
        $script:State = Join-Path $Work 'state'
    }

    AfterAll {
        if ($script:Simulator) { & $script:Simulator.Stop }
    }

    It 'starts from a machine without AapPacker' {
        Get-Module -ListAvailable AapPacker | Should -BeNullOrEmpty
        $UserModules | Should -BeLike "$env:HOME*"
    }

    It 'installs AapPacker <version>' {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Install-PSResource -Name AapPacker -Repository AapPackerLocal -Scope CurrentUser -TrustRepository -ErrorAction Stop
        $clock.Stop()
        Write-Figure ("install: Install-PSResource AapPacker {0} from a file repository: {1:N2} s; package {2:N0} bytes" -f $Version, $clock.Elapsed.TotalSeconds, (Get-Item $env:AAPPACKER_PACKAGE_FILE).Length)
        (Get-InstalledPSResource -Name AapPacker).Version.ToString() | Should -Be $Version
        Test-Path (Join-Path $UserModules "AapPacker/$Version/LICENSE") | Should -BeTrue
    }

    It 'imports by name in a fresh pwsh from the installed folder, with every cmdlet the manifest exports' {
        # One fresh pwsh for what the next tests read: the module, its help, where the guardian would import it from.
        $script:Imported = Invoke-FreshPwsh -Script @'
Import-Module AapPacker
$module = Get-Module AapPacker
$guardian = $module.ImplementingAssembly.GetType('AapPacker.Guardian.GuardianProcess', $true)
[pscustomobject]@{
    Base             = $module.ModuleBase
    Version          = $module.Version.ToString()
    Cmdlets          = @(Get-Command -Module AapPacker -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
    GuardianManifest = $guardian.GetMethod('ModuleManifest', [Reflection.BindingFlags]'NonPublic, Static').Invoke($null, @())
    Help             = @(foreach ($command in Get-Command -Module AapPacker -CommandType Cmdlet) {
            $full = Get-Help $command.Name -Full
            [pscustomobject]@{
                Name        = $command.Name
                Synopsis    = "$($full.Synopsis)".Trim()
                Description = ($full.description | Out-String).Trim()
                Examples    = @($full.examples.example).Count
            }
        })
}
'@
        $Imported.Base | Should -Be (Join-Path $UserModules "AapPacker/$Version")
        $Imported.Version | Should -Be $Version
        $Imported.Cmdlets | Should -Be $Cmdlets
    }

    It 'passes Test-ModuleManifest (the installed manifest)' {
        $manifest = Test-ModuleManifest -Path (Join-Path $UserModules "AapPacker/$Version/AapPacker.psd1") -ErrorAction Stop
        $manifest.Version | Should -Be ([version]$Version)
        @($manifest.ExportedCmdlets.Keys | Sort-Object) | Should -Be $Cmdlets
    }

    It 'has full help for every cmdlet (Get-Help -Full)' {
        @($Imported.Help).Count | Should -Be $Cmdlets.Count
        foreach ($page in $Imported.Help) {
            $page.Synopsis | Should -Not -Match '^\s*$|^[A-Z][a-z]+-Aap' -Because "$($page.Name) needs its own synopsis, not the generated syntax"
            $page.Description | Should -Not -BeNullOrEmpty -Because "$($page.Name) needs a description"
            $page.Examples | Should -BeGreaterThan 0 -Because "$($page.Name) needs an example"
        }
    }

    It 'hands the cleanup guardian the installed module' {
        $Imported.GuardianManifest | Should -Be (Join-Path $UserModules "AapPacker/$Version/AapPacker.psd1")
    }

    It 'runs a provisioning lifecycle from the installed module, the cleanup guardian included' {
        $password = Get-TestSecret TargetPassword
        $script = New-ProvisionScript -Directory $Work -ModulePath 'AapPacker' -Arguments '-JobTemplate Baseline -Organization Default -Timeout 120'
        $start = New-PwshStartInfo -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script -Environment @{
            AAP_HOSTNAME           = $Simulator.Uri
            AAP_TOKEN              = Get-TestSecret AdminToken
            AAPPACKER_HOST         = '10.0.0.5'
            AAPPACKER_USER         = 'ec2-user'
            AAPPACKER_RUN_ID       = [guid]::NewGuid().ToString()
            AAPPACKER_BUILD        = 'install'
            AAPPACKER_PASSWORD_B64 = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($password))
            XDG_STATE_HOME         = $State
            NO_COLOR               = '1'
        }
        $child = [Diagnostics.Process]::Start($start)
        $stderr = $child.StandardError.ReadToEndAsync()
        $output = $child.StandardOutput.ReadToEnd()
        if (-not $child.WaitForExit(120000)) { $child.Kill($true); throw 'The provisioning run hung.' }
        $child.WaitForExit()
        $output += $stderr.Result
        Save-TestCapture -Label 'Install.Tests' -Text $output
        $child.ExitCode | Should -Be 0 -Because $output
        $output | Should -Match 'PLAY RECAP'
        $output | Should -Match 'Cleanup: removed 1, already gone 0, handed to the cleanup guardian 1 \(process \d+\), left 0'
        $null = Wait-CleanupGuardian -Output $output
        (Invoke-SimulatorControl -Simulator $Simulator -Path state).userObjects | Should -Be 0 -Because 'the guardian removed what the run handed it'
        @(Get-ChildItem -Path (Join-Path $State 'aappacker') -Recurse -File -ErrorAction SilentlyContinue |
            Where-Object FullName -NotLike '*/aappacker/cache/api-roots.json*').FullName | Should -BeNullOrEmpty -Because 'the guardian cleared the ledger and its log (the API root cache stays)'
    }

    It 'Uninstall-PSResource leaves no file' {
        Uninstall-PSResource -Name AapPacker -Version '*' -Scope CurrentUser -ErrorAction Stop
        Get-InstalledPSResource -Name AapPacker -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-LeftoverFile | Should -BeNullOrEmpty
        Test-Path (Join-Path $UserModules 'AapPacker') | Should -BeFalse
    }
}

# A prerelease installs into the same <version> folder as its release, so it is tried alone.
Describe 'A prerelease package (build.ps1 -Prerelease beta1)' {
    It 'is <version>-beta1 and installs with -Prerelease' {
        $package = Get-ChildItem -LiteralPath $env:AAPPACKER_PRERELEASE_DIR -Filter *.nupkg
        $package.Name | Should -Be "AapPacker.$Version-beta1.nupkg"
        Find-PSResource -Name AapPacker -Repository AapPackerPrerelease -ErrorAction SilentlyContinue | Should -BeNullOrEmpty -Because 'a prerelease is found only with -Prerelease'
        Install-PSResource -Name AapPacker -Prerelease -Repository AapPackerPrerelease -Scope CurrentUser -TrustRepository -ErrorAction Stop
        $installed = Get-InstalledPSResource -Name AapPacker
        $installed.Version.ToString() | Should -Be $Version
        $installed.Prerelease | Should -Be 'beta1'
        (Test-ModuleManifest -Path (Join-Path $UserModules "AapPacker/$Version/AapPacker.psd1")).PrivateData.PSData.Prerelease | Should -Be 'beta1'
    }

    It 'Uninstall-PSResource -Prerelease leaves no file' {
        Uninstall-PSResource -Name AapPacker -Version '*' -Prerelease -Scope CurrentUser -ErrorAction Stop
        Get-InstalledPSResource -Name AapPacker -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-LeftoverFile | Should -BeNullOrEmpty
    }
}

Describe 'Update-PSResource from an older version' {
    It 'updates the older version to <version>, and a fresh pwsh imports the new one' {
        $older = (Get-ChildItem -LiteralPath $env:AAPPACKER_OLDER_PACKAGE_DIR -Filter *.nupkg).Name -replace '^AapPacker\.|\.nupkg$'
        [version]$older | Should -BeLessThan ([version]$Version)
        Install-PSResource -Name AapPacker -Version $older -Repository AapPackerOlder -Scope CurrentUser -TrustRepository -ErrorAction Stop
        (Get-ImportedModule).Version | Should -Be $older

        Update-PSResource -Name AapPacker -Repository AapPackerLocal -Scope CurrentUser -TrustRepository -ErrorAction Stop
        @(Get-InstalledPSResource -Name AapPacker | ForEach-Object { $_.Version.ToString() }) | Should -Contain $Version
        $imported = Get-ImportedModule
        $imported.Version | Should -Be $Version
        $imported.Base | Should -Be (Join-Path $UserModules "AapPacker/$Version")
    }

    It 'Uninstall-PSResource removes every version and leaves no file' {
        Uninstall-PSResource -Name AapPacker -Version '*' -Scope CurrentUser -ErrorAction Stop
        Get-InstalledPSResource -Name AapPacker -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-LeftoverFile | Should -BeNullOrEmpty
    }
}

Describe 'Save-PSResource (an air-gapped agent)' {
    It 'saves the module into a folder that a fresh pwsh imports it from by name' {
        $folder = Join-Path $Work 'saved'
        $null = New-Item -ItemType Directory -Force -Path $folder
        Save-PSResource -Name AapPacker -Repository AapPackerLocal -Path $folder -TrustRepository -ErrorAction Stop
        Test-Path (Join-Path $folder "AapPacker/$Version/AapPacker.psd1") | Should -BeTrue
        Get-InstalledPSResource -Name AapPacker -ErrorAction SilentlyContinue | Should -BeNullOrEmpty -Because 'saving installs nothing'

        $imported = Get-ImportedModule -Environment @{ PSModulePath = $folder }
        $imported.Base | Should -Be (Join-Path $folder "AapPacker/$Version")
        $imported.Cmdlets | Should -Be $Cmdlets
    }
}
