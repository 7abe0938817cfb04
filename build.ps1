<#
.SYNOPSIS
    Builds, tests and demonstrates AapPacker. The one entry point: thin over dotnet.

.DESCRIPTION
    Build  compiles the module (net8.0 for PowerShell 7.4+, net472 for Windows PowerShell 5.1), the simulator
           and the help generator, then assembles out/AapPacker/ from an exact allowlist of files, with help.
    Test   Build, then every xunit project (TRX results in out/TestResults) and the Pester tests (tests/Pester and
           the Packer end-to-end tests in tests/E2E) in a fresh pwsh, with their own TMPDIR and XDG_STATE_HOME
           under out/test-run and their console output teed to out/test-run/console.log; last the secret-scan
           suite checks all of that, the result files and the tests' captured output for the test secrets.
           Prints a summary per suite and, last, "N passed, N failed". Exits 1 on any failure.
    Demo   Build, start the bundled AAP simulator with build/demo-scenario.json and run Invoke-AapPackerProvision
           end to end the way a Packer shell-local provisioner does; show the exit code and that nothing is left.
    Bench  Build, then the benchmark (tests/AapPacker.Bench) against the simulator: each figure of issue 6 for
           AapPacker and for a client with the original Packer plugin's algorithm, as a table; also written to
           out/bench/bench.md and bench.json. -Short runs the small version Test runs (about two minutes).
    Package Build, then out/packages/AapPacker.<version>.nupkg: the module folder as the PowerShell Gallery or a NuGet
           feed takes it (PSResourceGet's Publish-PSResource into a temporary local repository). The version is
           <Version> in Directory.Build.props; -Prerelease beta1 makes it <version>-beta1.
    Counts Prints the architecture counts of issue 11 (AAP field reads and REST paths outside src/AapPacker.Engine/Api,
           "-Xxx" parameter names in the engine, public engine types not in src/AapPacker.Engine/PublicTypes.txt,
           lines of the provisioning cmdlet) with examples; Test checks them.
    Help   Regenerates out/AapPacker/en-US from docs/en-US (the module must be built).
    Clean  Removes out/ and artifacts/.
    Extension  The Azure DevOps extension: npm ci, tsc, the built module bundled into each task, tfx extension create
           -> out/extension/aappacker-<version>.vsix (docs/azure-devops.md).

    Environment: AAPPACKER_ARTIFACTS moves the dotnet build outputs (as Directory.Build.props does);
    AAPPACKER_OUT moves out/ (so two builds of one tree do not collide).

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Extension', 'Help', 'Counts', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    # Bench: the short run (every figure, tiny sizes) instead of the full one.
    [switch] $Short,

    # Build, Package: a prerelease label stamped into the manifest and the package version (1.2.0-beta1); letters
    # and digits only, as the PowerShell Gallery requires.
    [ValidatePattern('^[A-Za-z0-9]*$')]
    [string] $Prerelease = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The tasks live in build/tasks, the test suites in build/suites; build/common.ps1 holds the paths they share.
. (Join-Path $PSScriptRoot 'build/common.ps1')
foreach ($script in Get-ChildItem (Join-Path $PSScriptRoot 'build/tasks'), (Join-Path $PSScriptRoot 'build/suites') -Filter *.ps1) {
    . $script.FullName
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Help' { Invoke-Help }
    'Counts' { Show-ArchitectureCount (Get-ArchitectureCount) -Examples 20 }
    'Clean' { Invoke-Clean }
    'Extension' { $null = Invoke-Extension }
}
