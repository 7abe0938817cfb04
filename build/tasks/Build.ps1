# Build and Help: compile, assemble out/AapPacker from an exact allowlist, generate the MAML help.

# The module, file by file: destination under out/AapPacker -> source. Nothing else is shipped; the loading
# test fails on any file missing or extra. A new dependency of the Engine must be added here on purpose.
function Get-ModuleLayout {
    $core = Get-ProjectOutput 'AapPacker' 'net8.0'
    $desktop = Get-ProjectOutput 'AapPacker' 'net472'
    $layout = [ordered]@{
        'AapPacker.psd1'          = Join-Path $RepoRoot 'AapPacker.psd1'
        'AapPacker.Format.ps1xml' = Join-Path $RepoRoot 'src/AapPacker/AapPacker.Format.ps1xml'
        'LICENSE'                 = Join-Path $RepoRoot 'LICENSE'
    }
    foreach ($name in 'AapPacker.dll', 'AapPacker.Models.dll') {
        $layout["bin/Core/$name"] = Join-Path $core $name
        $layout["bin/Desktop/$name"] = Join-Path $desktop $name
    }
    # PowerShell 7 ships System.Text.Json and TimeProvider; the Bcl facades only forward to them.
    foreach ($name in 'AapPacker.Engine.dll', 'Polly.Core.dll', 'Microsoft.Bcl.TimeProvider.dll',
        'Microsoft.Bcl.AsyncInterfaces.dll', 'YamlDotNet.dll') {
        $layout["bin/Core/deps/$name"] = Join-Path $core $name
    }
    # The same, precompiled (ReadyToRun) for .NET 10 on this machine's platform: the loader prefers them there.
    $precompiled = Get-ReadyToRunOutput
    if ($precompiled) {
        foreach ($name in $ReadyToRunAssemblies) {
            $layout["bin/Core/deps/$($precompiled.Folder)/$name"] = Join-Path $precompiled.Path $name
        }
    }
    # Windows PowerShell 5.1 needs every netstandard polyfill, resolved by simple name from deps/.
    foreach ($name in 'AapPacker.Engine.dll', 'Polly.Core.dll', 'Microsoft.Bcl.TimeProvider.dll',
        'Microsoft.Bcl.AsyncInterfaces.dll', 'YamlDotNet.dll', 'System.Text.Json.dll',
        'System.Text.Encodings.Web.dll', 'System.Memory.dll', 'System.Buffers.dll',
        'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll',
        'System.Threading.Tasks.Extensions.dll', 'System.ValueTuple.dll',
        'System.ComponentModel.Annotations.dll') {
        $layout["bin/Desktop/deps/$name"] = Join-Path $desktop $name
    }
    $layout
}

function Invoke-Build {
    Write-Step "Build ($Configuration)"
    foreach ($project in 'src/AapPacker/AapPacker.csproj', 'src/AapPacker.Simulator/AapPacker.Simulator.csproj',
        'src/AapPacker.HelpGen/AapPacker.HelpGen.csproj') {
        Invoke-DotnetBuild $project
    }
    Build-ModuleFolder
    Invoke-Help
}

# The Engine and the two libraries it spends most time in; the Bcl facades only forward to the framework.
$ReadyToRunAssemblies = 'AapPacker.Engine.dll', 'Polly.Core.dll', 'YamlDotNet.dll'

# Packer starts a fresh pwsh per build, which JIT-compiles every method the lifecycle runs. ReadyToRun images carry
# that code precompiled, for one runtime and platform: .NET 10 (PowerShell 7.6) on the machine that builds. Elsewhere
# (PowerShell 7.4 on .NET 8, other platforms) the loader takes the plain deps/ copies, as before.
function Get-ReadyToRunOutput {
    $rid = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    if ($rid -notmatch '^(linux|linux-musl|osx|win)-(x64|arm64)$') { return $null }
    [pscustomobject]@{ Folder = "net10.0-$rid"; Rid = $rid; Path = Join-Path $ArtifactsRoot "readytorun/$rid" }
}

function Invoke-ReadyToRun {
    $precompiled = Get-ReadyToRunOutput
    if (-not $precompiled) {
        Write-Step "ReadyToRun: skipped ($([Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier) is not a platform the module precompiles for)"
        return
    }
    Write-Step "ReadyToRun ($($precompiled.Folder))"
    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot 'build/ReadyToRun/AapPacker.ReadyToRun.csproj'), '-c', $Configuration,
        '-r', $precompiled.Rid, '-o', $precompiled.Path, '--nologo', '-v', 'minimal')
}

function Build-ModuleFolder {
    Invoke-ReadyToRun
    Write-Step "Assemble $ModuleDir"
    $layout = Get-ModuleLayout
    Assert-NoUnlistedDependency $layout
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    foreach ($entry in $layout.GetEnumerator()) {
        if (-not (Test-Path -LiteralPath $entry.Value -PathType Leaf)) {
            throw "Build output missing: $($entry.Value) (for $($entry.Key))."
        }
        $destination = Join-Path $ModuleDir $entry.Key
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $destination)
        Copy-Item -LiteralPath $entry.Value -Destination $destination
    }
    Write-ModuleManifest -Path (Join-Path $ModuleDir 'AapPacker.psd1') -Version (Get-ModuleVersion) -Prerelease $Prerelease
}

# The one version source: <Version> in Directory.Build.props (it also stamps the assemblies).
function Get-ModuleVersion {
    $props = [xml](Get-Content -Raw -LiteralPath (Join-Path $RepoRoot 'Directory.Build.props'))
    $node = $props.SelectSingleNode('/Project/PropertyGroup/Version')
    if (-not $node -or $node.InnerText -notmatch '^\d+\.\d+\.\d+$') {
        throw 'Directory.Build.props must set <Version> to MAJOR.MINOR.PATCH (a prerelease label is build.ps1 -Prerelease).'
    }
    $node.InnerText
}

# The release notes of a version: its entry in CHANGELOG.md (Keep a Changelog: '## [1.2.0] - 2026-01-31'), the
# prerelease's own entry ('## [1.2.0-beta1]') first when there is one.
function Get-ReleaseNotes([string] $Version, [string] $Prerelease) {
    $changelog = Join-Path $RepoRoot 'CHANGELOG.md'
    $lines = Get-Content -LiteralPath $changelog
    $candidates = @(if ($Prerelease) { "$Version-$Prerelease" }) + $Version
    foreach ($candidate in $candidates) {
        $start = -1
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match ('^## \[' + [regex]::Escape($candidate) + '\]')) { $start = $i; break }
        }
        if ($start -lt 0) { continue }
        $entry = [Collections.Generic.List[string]]::new()
        for ($i = $start; $i -lt $lines.Count -and ($i -eq $start -or $lines[$i] -notmatch '^## '); $i++) { $entry.Add($lines[$i].TrimEnd()) }
        $text = ($entry -join "`n").Trim()
        if ($entry.Count -gt 1 -and ($entry | Select-Object -Skip 1 | Where-Object { $_ })) { return $text }
        throw "The CHANGELOG.md entry for $candidate is empty: say what changed before building it."
    }
    throw "CHANGELOG.md has no entry '## [$($candidates[-1])]' for the version in Directory.Build.props: add one (move the [Unreleased] items under it)."
}

# Stamps the built manifest: ModuleVersion, PSData's Prerelease and ReleaseNotes (the source keeps placeholders).
function Write-ModuleManifest([string] $Path, [string] $Version, [string] $Prerelease) {
    $text = Get-Content -Raw -LiteralPath $Path
    $notes = (Get-ReleaseNotes -Version $Version -Prerelease $Prerelease).Replace("'", "''")
    $stamps = [ordered]@{
        "(?m)^(\s*ModuleVersion\s*=\s*)'0\.0\.0'(?=\r?$)" = { param($match) $match.Groups[1].Value + "'$Version'" }
        "(?m)^(\s*ReleaseNotes\s*=\s*)''(?=\r?$)"          = { param($match) $match.Groups[1].Value + "'$notes'" }
    }
    foreach ($stamp in $stamps.GetEnumerator()) {
        if ([regex]::Matches($text, $stamp.Key).Count -ne 1) { throw "AapPacker.psd1: the placeholder '$($stamp.Key)' must occur once." }
        $text = [regex]::Replace($text, $stamp.Key, [Text.RegularExpressions.MatchEvaluator]$stamp.Value)
    }
    if ($Prerelease) { $text = Add-ManifestPrerelease -Text $text -Label $Prerelease }
    # UTF-8 with a BOM: Windows PowerShell 5.1 reads a manifest without one as ANSI.
    [IO.File]::WriteAllText($Path, $text, [Text.UTF8Encoding]::new($true))
}

# PSData's Prerelease (the label of a 1.2.0-beta1 package), as the first entry of PSData.
function Add-ManifestPrerelease([string] $Text, [string] $Label) {
    $pattern = '(?m)^(\s*)PSData\s*=\s*@\{(?=\r?$)'
    if ([regex]::Matches($Text, $pattern).Count -ne 1) { throw "AapPacker.psd1: 'PSData = @{' must occur once." }
    [regex]::Replace($Text, $pattern, [Text.RegularExpressions.MatchEvaluator] {
            param($match) $match.Value + "`n" + $match.Groups[1].Value + "    Prerelease   = '$Label'" })
}

# A dll in the build output that the allowlist does not ship would be missing at run time: fail now.
function Assert-NoUnlistedDependency($Layout) {
    $shipped = @($Layout.Values | ForEach-Object { [IO.Path]::GetFullPath($_) })
    foreach ($framework in 'net8.0', 'net472') {
        $output = Get-ProjectOutput 'AapPacker' $framework
        foreach ($dll in Get-ChildItem -Path $output -Filter *.dll -File) {
            if ($dll.Name -eq 'System.Management.Automation.dll') {
                throw "System.Management.Automation.dll is in ${output}: PowerShell provides it; keep ExcludeAssets=runtime."
            }
            if ($shipped -notcontains $dll.FullName) {
                throw "$($dll.Name) ($framework) is a new dependency: add it to Get-ModuleLayout in build/tasks/Build.ps1 and to the allowlist in tests/Pester/Loading.Tests.ps1."
            }
        }
    }
}

function Invoke-Help {
    Write-Step 'Help'
    if (-not (Test-Path (Join-Path $ModuleDir 'AapPacker.psd1'))) {
        throw "The module is not built ($ModuleDir): run 'build.ps1 -Task Build', which also generates the help."
    }
    if (-not (Test-Path $HelpGenDll)) { Invoke-DotnetBuild 'src/AapPacker.HelpGen/AapPacker.HelpGen.csproj' }
    & dotnet $HelpGenDll --docs (Join-Path $RepoRoot 'docs/en-US') --out (Join-Path $ModuleDir 'en-US')
    if ($LASTEXITCODE -ne 0) { throw "The help generator failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    foreach ($path in $OutRoot, $ArtifactsRoot) {
        if (Test-Path $path) {
            Write-Step "Remove $path"
            Remove-Item $path -Recurse -Force
        }
    }
}
