# Build and Help: compile, assemble out/AapPacker from an exact allowlist, generate the MAML help.

# The module, file by file: destination under out/AapPacker -> source. Nothing else is shipped; the loading
# test fails on any file missing or extra. A new dependency of the Engine must be added here on purpose.
function Get-ModuleLayout {
    $core = Get-ProjectOutput 'AapPacker' 'net8.0'
    $desktop = Get-ProjectOutput 'AapPacker' 'net472'
    $layout = [ordered]@{
        'AapPacker.psd1'          = Join-Path $RepoRoot 'AapPacker.psd1'
        'AapPacker.Format.ps1xml' = Join-Path $RepoRoot 'src/AapPacker/AapPacker.Format.ps1xml'
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

function Build-ModuleFolder {
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
