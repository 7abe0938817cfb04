# Package: the built module folder as AapPacker.<version>.nupkg, made by PSResourceGet's Publish-PSResource into a
# temporary local repository: the very package the PowerShell Gallery or a NuGet v2/v3 feed takes.

$PackagesDir = Join-Path $OutRoot 'packages'

function Invoke-Package {
    Invoke-Build
    $package = New-ModulePackage -ModuleFolder $ModuleDir -Destination $PackagesDir
    Write-Step ("Package: {0} ({1:N0} bytes)" -f $package.FullName, $package.Length)
}

# Publishes -ModuleFolder (a folder named like the module) to a throwaway file repository and moves the .nupkg to
# -Destination; returns it. -Version and -Prerelease restamp a copy of the folder first (the install tests' older
# and prerelease packages).
function New-ModulePackage {
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $Destination,
        [string] $Version,
        [string] $Prerelease
    )
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    $work = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-package-" + [guid]::NewGuid().ToString('N'))
    $repository = "AapPackerBuild$PID" + [guid]::NewGuid().ToString('N').Substring(0, 8)
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $work 'repository'), $Destination
    try {
        if ($Version -or $Prerelease) {
            $copy = Join-Path $work (Split-Path $ModuleFolder -Leaf)
            Copy-Item -Recurse -LiteralPath $ModuleFolder -Destination $copy
            $manifest = Join-Path $copy 'AapPacker.psd1'
            $text = Get-Content -Raw -LiteralPath $manifest
            if ($Version) { $text = [regex]::Replace($text, "(?m)^(\s*ModuleVersion\s*=\s*)'[^']*'", "`${1}'$Version'") }
            if ($Prerelease) { $text = Add-ManifestPrerelease -Text $text -Label $Prerelease }
            [IO.File]::WriteAllText($manifest, $text, [Text.UTF8Encoding]::new($true))
            $ModuleFolder = $copy
        }
        Register-PSResourceRepository -Name $repository -Uri (Join-Path $work 'repository') -Trusted
        try {
            Publish-PSResource -Path $ModuleFolder -Repository $repository -ErrorAction Stop
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
        }
        $package = @(Get-ChildItem -LiteralPath (Join-Path $work 'repository') -Filter '*.nupkg')
        if ($package.Count -ne 1) { throw "Publish-PSResource wrote $($package.Count) packages, expected one." }
        $target = Join-Path $Destination $package[0].Name
        Move-Item -LiteralPath $package[0].FullName -Destination $target -Force
        Get-Item -LiteralPath $target
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# A version below -Version for the update test: the last non-zero part lowered, the parts after it 99 (0.1.0 -> 0.0.99).
function Get-LowerVersion([string] $Version) {
    $parts = [int[]]($Version -split '\.')
    for ($i = $parts.Count - 1; $i -ge 0; $i--) {
        if ($parts[$i] -gt 0) {
            $parts[$i]--
            for ($j = $i + 1; $j -lt $parts.Count; $j++) { $parts[$j] = 99 }
            return $parts -join '.'
        }
    }
    throw "No version is lower than $Version."
}
