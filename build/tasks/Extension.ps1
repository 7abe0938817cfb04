# Extension: the Azure DevOps extension (src/AapPacker.AzureDevOps) as out/extension/aappacker-<version>.vsix.
# npm ci, compile the TypeScript, lay out each task with its compiled entries, its production node_modules and the
# built module (out/AapPacker), then `tfx extension create`. The version is the project's (Directory.Build.props).

$ExtensionSource = Join-Path $RepoRoot 'src/AapPacker.AzureDevOps'
$ExtensionOut = Join-Path $OutRoot 'extension'
$ExtensionTasks = 'AapJobTemplateV1', 'AapPackerBuildV1'

function Get-ProjectVersion {
    $props = [xml](Get-Content -Raw (Join-Path $RepoRoot 'Directory.Build.props'))
    $version = @($props.Project.PropertyGroup | ForEach-Object { $_.SelectSingleNode('Version') } | Where-Object { $_ })[0].InnerText
    if ($version -notmatch '^\d+\.\d+\.\d+$') { throw "Directory.Build.props <Version> '$version' is not major.minor.patch." }
    $version
}

function Invoke-Extension {
    Write-Step 'Azure DevOps extension'
    foreach ($tool in 'node', 'npm') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) {
            throw "$tool is not installed: the extension needs Node.js 20+ and npm (apt-get install nodejs npm; .ci/run does)."
        }
    }
    if (-not (Test-Path (Join-Path $ModuleDir 'AapPacker.psd1'))) { Invoke-Build }
    $version = Get-ProjectVersion

    Push-Location $ExtensionSource
    try {
        Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel=error')
        if (Test-Path $ExtensionOut) { Remove-Item $ExtensionOut -Recurse -Force }
        $js = Join-Path $ExtensionOut 'js'
        Invoke-Native node @((Join-Path $ExtensionSource 'node_modules/typescript/bin/tsc'), '-p', '.', '--outDir', $js)
        # The production dependency closure (azure-pipelines-task-lib and what it needs), as paths under node_modules.
        $dependencies = @(& npm ls --omit=dev --all --parseable 2>$null | Where-Object { $_ -and $_ -ne $ExtensionSource })
        if ($LASTEXITCODE -ne 0 -or $dependencies.Count -eq 0) { throw 'npm ls could not list the production dependencies.' }
    }
    finally {
        Pop-Location
    }

    $staging = Join-Path $ExtensionOut 'staging'
    $manifest = Get-Content -Raw (Join-Path $ExtensionSource 'vss-extension.json') | ConvertFrom-Json
    $manifest.version = $version
    $null = New-Item -ItemType Directory -Force -Path $staging
    $manifest | ConvertTo-Json -Depth 20 | Set-Content -Path (Join-Path $staging 'vss-extension.json') -Encoding utf8NoBOM
    Copy-Item (Join-Path $ExtensionSource 'README.md') $staging
    $parts = $version -split '\.'
    foreach ($task in $ExtensionTasks) {
        $target = Join-Path $staging "tasks/$task"
        Copy-Item -Recurse (Join-Path $ExtensionSource "tasks/$task") $target
        # The task's own version follows the project's, so an update of the extension updates the task on agents.
        # (-AsHashtable: the verbosity pick list has an empty key.)
        $taskJson = Get-Content -Raw (Join-Path $target 'task.json') | ConvertFrom-Json -AsHashtable
        $taskJson['version']['Minor'] = [int]$parts[1] * 1000 + [int]$parts[2]
        $taskJson['version']['Patch'] = 0
        $taskJson | ConvertTo-Json -Depth 20 | Set-Content -Path (Join-Path $target 'task.json') -Encoding utf8NoBOM
        Copy-Item -Recurse $js (Join-Path $target 'js')
        foreach ($dependency in $dependencies) {
            $relative = [IO.Path]::GetRelativePath((Join-Path $ExtensionSource 'node_modules'), $dependency)
            $destination = Join-Path $target "node_modules/$relative"
            $null = New-Item -ItemType Directory -Force -Path $destination
            Get-ChildItem -Force $dependency | Where-Object Name -NE 'node_modules' | Copy-Item -Destination $destination -Recurse -Force
        }
        Copy-Item -Recurse $ModuleDir (Join-Path $target 'module/AapPacker')
    }

    $vsix = Join-Path $ExtensionOut "aappacker-$version.vsix"
    $tfx = Join-Path $ExtensionSource 'node_modules/tfx-cli/_build/app.js'
    Invoke-Native node @($tfx, 'extension', 'create', '--root', $staging, '--manifest-globs', 'vss-extension.json',
        '--output-path', $vsix, '--no-prompt', '--no-color')
    if (-not (Test-Path $vsix)) { throw "tfx extension create wrote no $vsix." }
    Write-Host "Extension: $vsix"
    $vsix
}
