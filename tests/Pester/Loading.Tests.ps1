# The built module as a user meets it: exact files, a valid manifest, and loading beside other modules
# (a session that already used ConvertTo-Json and Invoke-RestMethod, one with another Polly.Core loaded first,
# and the Windows PowerShell build in the PowerShell 7 engine).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $precompiledHere = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier -match '^(linux|linux-musl|osx|win)-(x64|arm64)$'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ManifestPath = Get-BuiltModulePath
    $script:ModuleDir = Split-Path $ManifestPath
    $script:Simulator = Start-TestSimulator -Layout gateway
    # build/tasks/Build.ps1 precompiles the Engine, Polly.Core and YamlDotNet for .NET 10 on the platform it runs on;
    # the child pwsh of these tests is that runtime on this platform, so its loader takes them.
    $rid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $script:PrecompiledFolder = if ($rid -match '^(linux|linux-musl|osx|win)-(x64|arm64)$') { "net10.0-$rid" }
    $script:ChildEnvironment = @{
        AAPPACKER_TEST_MODULE = $ManifestPath
        AAPPACKER_TEST_URI    = $Simulator.Uri
    }
}

AfterAll {
    if ($script:Simulator) { & $script:Simulator.Stop }
}

Describe 'The module folder' {
    It 'holds exactly the allowlisted files' {
        $expected = @(
            'AapPacker.psd1'
            'AapPacker.Format.ps1xml'
            'LICENSE'
            'bin/Core/AapPacker.dll'
            'bin/Core/AapPacker.Models.dll'
            'bin/Core/deps/AapPacker.Engine.dll'
            'bin/Core/deps/Microsoft.Bcl.AsyncInterfaces.dll'
            'bin/Core/deps/Microsoft.Bcl.TimeProvider.dll'
            'bin/Core/deps/Polly.Core.dll'
            'bin/Core/deps/YamlDotNet.dll'
            'bin/Desktop/AapPacker.dll'
            'bin/Desktop/AapPacker.Models.dll'
            'bin/Desktop/deps/AapPacker.Engine.dll'
            'bin/Desktop/deps/Microsoft.Bcl.AsyncInterfaces.dll'
            'bin/Desktop/deps/Microsoft.Bcl.TimeProvider.dll'
            'bin/Desktop/deps/Polly.Core.dll'
            'bin/Desktop/deps/System.Buffers.dll'
            'bin/Desktop/deps/System.ComponentModel.Annotations.dll'
            'bin/Desktop/deps/System.Memory.dll'
            'bin/Desktop/deps/System.Numerics.Vectors.dll'
            'bin/Desktop/deps/System.Runtime.CompilerServices.Unsafe.dll'
            'bin/Desktop/deps/System.Text.Encodings.Web.dll'
            'bin/Desktop/deps/System.Text.Json.dll'
            'bin/Desktop/deps/System.Threading.Tasks.Extensions.dll'
            'bin/Desktop/deps/System.ValueTuple.dll'
            'bin/Desktop/deps/YamlDotNet.dll'
        )
        if ($PrecompiledFolder) {
            $expected += 'AapPacker.Engine.dll', 'Polly.Core.dll', 'YamlDotNet.dll' | ForEach-Object { "bin/Core/deps/$PrecompiledFolder/$_" }
        }
        # Help, generated from docs/en-US.
        $expected += 'en-US/AapPacker.dll-Help.xml', 'en-US/about_AapPacker.help.txt'

        $actual = Get-ChildItem -Path $ModuleDir -Recurse -File |
            ForEach-Object { [IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/') }

        $missing = @($expected | Where-Object { $actual -notcontains $_ })
        $extra = @($actual | Where-Object { $expected -notcontains $_ })
        $missing | Should -BeNullOrEmpty -Because 'every allowlisted file must be shipped'
        $extra | Should -BeNullOrEmpty -Because 'nothing outside the allowlist may be shipped'
    }

    It 'does not ship System.Management.Automation (PowerShell provides it)' {
        Get-ChildItem -Path $ModuleDir -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }
}

Describe 'The manifest' {
    BeforeAll {
        $script:Manifest = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
    }

    It 'is valid and names version 0.1.0' {
        $Manifest.Version | Should -Be ([version]'0.1.0')
    }

    It 'declares both editions and PowerShell 5.1' {
        $Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $Manifest.PowerShellVersion | Should -Be ([version]'5.1')
    }

    It 'picks the Core build on PowerShell 7' {
        $Manifest.RootModule | Should -Be 'bin/Core/AapPacker.dll'
    }

    It 'exports exactly the cmdlets it lists, and no functions, aliases or variables' {
        $module = Import-Module $ManifestPath -PassThru -Force
        $listed = @($Manifest.ExportedCmdlets.Keys | Sort-Object)
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $listed
        $listed | Should -Contain 'Connect-Aap'
        $listed | Should -Contain 'Get-AapConnection'
        $listed | Should -Contain 'Disconnect-Aap'
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        foreach ($command in $Manifest.ExportedCmdlets.Keys) {
            $approved | Should -Contain ($command -split '-')[0]
        }
    }

    It 'carries gallery metadata: tags, the CHANGELOG entry as release notes, no URI that does not resolve' {
        $data = $Manifest.PrivateData.PSData
        $data.Tags | Should -Contain 'Ansible'
        $data.ReleaseNotes | Should -Match ('^## \[' + [regex]::Escape($Manifest.Version.ToString()) + '\]')
        # The project has no public home yet: a LicenseUri or ProjectUri would point nowhere (LICENSE ships instead).
        $data.Keys | Should -Not -Contain 'LicenseUri'
        $data.Keys | Should -Not -Contain 'ProjectUri'
        Get-Content -Raw (Join-Path $ModuleDir 'LICENSE') | Should -Match '^MIT License'
    }
}

Describe 'Loading in a fresh pwsh' {
    It 'does not load the engine on import (only when a cmdlet needs it)' {
        $result = Invoke-FreshPwsh -Environment $ChildEnvironment -Script {
            Import-Module $env:AAPPACKER_TEST_MODULE
            [pscustomobject]@{
                Engine = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AapPacker.Engine' }).Count
            }
        }.ToString()
        $result.Engine | Should -Be 0
    }

    It 'works after ConvertTo-Json and Invoke-RestMethod ran first' {
        $result = Invoke-FreshPwsh -Environment $ChildEnvironment -Script {
            $api = Invoke-RestMethod -Uri ($env:AAPPACKER_TEST_URI + 'api/')
            $null = $api | ConvertTo-Json -Depth 5
            Import-Module $env:AAPPACKER_TEST_MODULE
            $token = ConvertTo-SecureString -String 'sim-admin-token' -AsPlainText -Force
            $connection = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AapPacker.Engine' }
            [pscustomobject]@{
                User    = $connection.User
                ApiRoot = $connection.ApiRoot
                Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name
            }
        }.ToString()
        $result.User | Should -Be 'admin'
        $result.ApiRoot | Should -Be '/api/controller/v2/'
        $result.Context | Should -Be 'AapPacker.Engine'
    }

    It 'keeps its own Polly.Core when another module loaded a different Polly.Core 8.x first' {
        $otherPolly = Join-Path $env:AAPPACKER_NUGET_PACKAGES 'polly.core/8.9.1/lib/net8.0/Polly.Core.dll'
        if (-not $env:AAPPACKER_NUGET_PACKAGES) {
            $otherPolly = Join-Path (((& dotnet nuget locals global-packages --list) -replace '^\s*global-packages:\s*', '').Trim()) 'polly.core/8.9.1/lib/net8.0/Polly.Core.dll'
        }
        Test-Path $otherPolly | Should -BeTrue -Because 'build/Tools.csproj downloads Polly.Core 8.9.1'

        $result = Invoke-FreshPwsh -Environment ($ChildEnvironment + @{ AAPPACKER_TEST_OTHER_POLLY = $otherPolly }) -Script {
            Add-Type -Path $env:AAPPACKER_TEST_OTHER_POLLY
            Import-Module $env:AAPPACKER_TEST_MODULE
            $token = ConvertTo-SecureString -String 'sim-admin-token' -AsPlainText -Force
            $connection = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            $pollies = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Polly.Core' } | ForEach-Object {
                [pscustomobject]@{
                    Context     = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
                    Location    = $_.Location
                    FileVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo($_.Location).FileVersion
                }
            }
            # The Polly the engine actually bound to: resolved from the engine's own references.
            $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AapPacker.Engine' }
            $engineContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
            $pollyName = $engine.GetReferencedAssemblies() | Where-Object Name -eq 'Polly.Core'
            $enginePolly = $engineContext.LoadFromAssemblyName($pollyName)
            [pscustomobject]@{
                User              = $connection.User
                Pollies           = @($pollies)
                EnginePollyPath   = $enginePolly.Location
                EnginePollyContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($enginePolly).Name
            }
        }.ToString()

        $result.User | Should -Be 'admin'
        $result.EnginePollyContext | Should -Be 'AapPacker.Engine'
        $result.EnginePollyPath | Should -Be (Join-Path $ModuleDir "bin/Core/deps/$(if ($PrecompiledFolder) { "$PrecompiledFolder/" })Polly.Core.dll")
        # Both copies live side by side: the other module's in the default context, ours in the private one.
        @($result.Pollies).Count | Should -Be 2
        ($result.Pollies | Where-Object Context -eq 'Default').Location | Should -Be $otherPolly
    }

    It 'connects again after Remove-Module and a second import' {
        $result = Invoke-FreshPwsh -Environment $ChildEnvironment -Script {
            $token = ConvertTo-SecureString -String 'sim-admin-token' -AsPlainText -Force
            Import-Module $env:AAPPACKER_TEST_MODULE
            $first = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            Remove-Module AapPacker
            Import-Module $env:AAPPACKER_TEST_MODULE
            $second = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            [pscustomobject]@{ First = $first.User; Second = $second.User }
        }.ToString()
        $result.First | Should -Be 'admin'
        $result.Second | Should -Be 'admin'
    }

    It 'imports the Windows PowerShell (net472) build in the PowerShell 7 engine and connects' {
        $result = Invoke-FreshPwsh -Environment ($ChildEnvironment + @{ AAPPACKER_TEST_DESKTOP = (Join-Path $ModuleDir 'bin/Desktop/AapPacker.dll') }) -Script {
            Import-Module $env:AAPPACKER_TEST_DESKTOP
            $token = ConvertTo-SecureString -String 'sim-admin-token' -AsPlainText -Force
            $connection = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AapPacker.Engine' }
            [pscustomobject]@{
                User           = $connection.User
                EngineLocation = $engine.Location
                Framework      = (Get-Module AapPacker).ImplementingAssembly.GetCustomAttributes([System.Runtime.Versioning.TargetFrameworkAttribute], $false)[0].FrameworkName
            }
        }.ToString()
        $result.Framework | Should -Be '.NETFramework,Version=v4.7.2'
        $result.User | Should -Be 'admin'
        $result.EngineLocation | Should -Be (Join-Path $ModuleDir 'bin/Desktop/deps/AapPacker.Engine.dll')
    }
}

Describe 'Precompiled code (ReadyToRun)' -Skip:(-not $precompiledHere) {
    BeforeAll {
        # The same module without the precompiled folder: what PowerShell 7.4 (.NET 8) or another platform loads.
        $script:PlainDir = Join-Path ([IO.Path]::GetTempPath()) "aappacker-plain-$([guid]::NewGuid().ToString('n'))"
        Copy-Item -Path $ModuleDir -Destination $PlainDir -Recurse
        Remove-Item -Path (Join-Path $PlainDir "bin/Core/deps/$PrecompiledFolder") -Recurse -Force
        # Methods the runtime JIT-compiled while the cmdlets ran (precompiled code is not counted).
        $script:CountJit = {
            Import-Module $env:AAPPACKER_TEST_MODULE
            $token = ConvertTo-SecureString -String 'sim-admin-token' -AsPlainText -Force
            $before = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
            $null = Connect-Aap -Uri $env:AAPPACKER_TEST_URI -Token $token -PassThru
            $null = Get-AapJobTemplate -Name Baseline
            $jitted = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $before
            $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AapPacker.Engine' }
            [pscustomobject]@{ Jitted = $jitted; EngineLocation = $engine.Location }
        }.ToString()
    }

    AfterAll {
        if ($script:PlainDir) { Remove-Item -Path $script:PlainDir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'loads the Engine precompiled for this runtime, and the runtime runs that code instead of compiling it' {
        $precompiled = Invoke-FreshPwsh -Environment $ChildEnvironment -Script $CountJit
        $plainEnvironment = $ChildEnvironment.Clone()
        $plainEnvironment.AAPPACKER_TEST_MODULE = Join-Path $PlainDir 'AapPacker.psd1'
        $plain = Invoke-FreshPwsh -Environment $plainEnvironment -Script $CountJit

        $precompiled.EngineLocation | Should -Be (Join-Path $ModuleDir "bin/Core/deps/$PrecompiledFolder/AapPacker.Engine.dll")
        $plain.EngineLocation | Should -Be (Join-Path $PlainDir 'bin/Core/deps/AapPacker.Engine.dll')
        # Connect-Aap and a lookup JIT-compile several hundred Engine and Polly methods from plain IL; an image the
        # runtime rejected (another .NET major, another platform) would leave the two counts alike.
        Write-Host "    JIT-compiled methods for Connect-Aap and Get-AapJobTemplate: $($precompiled.Jitted) precompiled, $($plain.Jitted) plain"
        $precompiled.Jitted | Should -BeLessThan ($plain.Jitted * 0.8)
    }
}

