# The install suite: the package as a user gets it. tests/Install in a fresh pwsh whose HOME, XDG folders and
# PSModulePath are its own and empty (under out/test-run/install): register out/packages as a repository, install,
# import by name, a provisioning run from the installed module, update from an older package, uninstall, save.

function Invoke-InstallSuite([string] $PackagesRoot) {
    $root = Join-Path $TestRunDir 'install'
    $figuresPath = Join-Path $TestResultsDir 'install-figures.txt'
    Remove-Item $figuresPath -ErrorAction SilentlyContinue
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try {
        if (Test-Path $root) { Remove-Item $root -Recurse -Force }
        $version = Get-ModuleVersion
        # The package build.ps1 -Task Package writes, an older one to update from, and a prerelease.
        $package = New-ModulePackage -ModuleFolder $ModuleDir -Destination $PackagesDir
        $older = New-ModulePackage -ModuleFolder $ModuleDir -Destination (Join-Path $root 'older') -Version (Get-LowerVersion $version)
        $prerelease = New-ModulePackage -ModuleFolder $ModuleDir -Destination (Join-Path $root 'prerelease') -Prerelease 'beta1'
    }
    catch {
        Write-Host $_ -ForegroundColor Red
        return [pscustomobject]@{ Suite = 'Install'; Passed = 0; Failed = 1; Skipped = 0; Note = 'packaging failed' }
    }
    Write-Host ("Packages: {0} ({1:N0} bytes), {2}, {3} in {4:N1} s" -f $package.Name, $package.Length, $older.Name, $prerelease.Name, $clock.Elapsed.TotalSeconds)

    $home_ = Join-Path $root 'home'
    $modules = Join-Path $root 'modules'
    $null = New-Item -ItemType Directory -Force -Path $home_, $modules
    # What the module ships: the build's allowlist plus the help it generates (the package must hold exactly that).
    $allowlist = @((Get-ModuleLayout).Keys) + 'en-US/AapPacker.dll-Help.xml', 'en-US/about_AapPacker.help.txt'
    $childEnvironment = [ordered]@{
        HOME                         = $home_
        XDG_DATA_HOME                = Join-Path $home_ '.local/share'
        XDG_CONFIG_HOME              = Join-Path $home_ '.config'
        XDG_CACHE_HOME               = Join-Path $home_ '.cache'
        PSModulePath                 = $modules
        AAPPACKER_INSTALL_FIGURES    = $figuresPath
        AAPPACKER_PACKAGE_DIR        = $PackagesDir
        AAPPACKER_PACKAGE_FILE       = $package.FullName
        AAPPACKER_PACKAGE_VERSION    = $version
        AAPPACKER_OLDER_PACKAGE_DIR  = $older.DirectoryName
        AAPPACKER_PRERELEASE_DIR     = $prerelease.DirectoryName
        AAPPACKER_MODULE_ALLOWLIST   = $allowlist -join ';'
        AAPPACKER_INSTALL_MODULES    = $modules
        # The built module's manifest, only for Test-ModuleManifest: nothing else may load it from there.
        AAPPACKER_BUILT_MANIFEST     = Join-Path $ModuleDir 'AapPacker.psd1'
    }
    $run = Invoke-PesterInChild -PackagesRoot $PackagesRoot -Tests (Join-Path $RepoRoot 'tests/Install') `
        -ResultsPath (Join-Path $TestResultsDir 'Install.xml') -Environment $childEnvironment
    if (-not $run.Summary) {
        return [pscustomobject]@{ Suite = 'Install'; Passed = 0; Failed = 1; Skipped = 0; Note = "no summary (exit $($run.Exit))" }
    }
    $note = "{0}, {1:N0} bytes" -f $package.Name, $package.Length
    $figures = @(if (Test-Path $figuresPath) { Get-Content $figuresPath })
    [pscustomobject]@{ Suite = 'Install'; Passed = $run.Passed; Failed = $run.Failed; Skipped = $run.Skipped; Note = $note; Figures = $figures }
}
