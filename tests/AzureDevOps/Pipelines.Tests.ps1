# The YAML the documentation shows for the tasks: docs/examples/azure-pipelines.yml, every yaml block of
# docs/azure-devops.md and of the extension's README (its marketplace page). Each parses, and every AapJobTemplate@1
# or AapPackerBuild@1 step uses only inputs the task declares and gives every required one.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../Pester/TestHelpers.psm1') -Force
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:TaskInputs = @{}
    foreach ($folder in 'AapJobTemplateV1', 'AapPackerBuildV1') {
        $task = Get-Content -Raw (Join-Path $Repo "src/AapPacker.AzureDevOps/tasks/$folder/task.json") | ConvertFrom-Json -AsHashtable
        $script:TaskInputs["$($task['name'])@$($task['version']['Major'])"] = $task['inputs']
    }

    # YAML documents as objects, parsed with the module's own YamlDotNet in a child pwsh.
    function Read-Yaml([string[]] $Texts) {
        $yamlDll = Join-Path (Split-Path (Get-BuiltModulePath)) 'bin/Core/deps/YamlDotNet.dll'
        $file = Join-Path ([IO.Path]::GetTempPath()) "ado-yaml-$PID.json"
        ConvertTo-Json -InputObject @($Texts) | Set-Content -Path $file
        try {
            Invoke-FreshPwsh -Environment @{ ADO_YAML = $file; ADO_YAMLDOTNET = $yamlDll } -Script @'
Add-Type -Path $env:ADO_YAMLDOTNET
$deserializer = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build()
$serializer = [YamlDotNet.Serialization.SerializerBuilder]::new().JsonCompatible().Build()
,@(Get-Content -Raw $env:ADO_YAML | ConvertFrom-Json | ForEach-Object { $serializer.Serialize($deserializer.Deserialize([IO.StringReader]::new($_))) })
'@
        }
        finally { Remove-Item $file -ErrorAction SilentlyContinue }
    }

    # Every task step in a parsed document: a step list, a single step, or a document with steps.
    function Get-TaskSteps($Node) {
        if ($null -eq $Node) { return }
        if ($Node -is [array]) { foreach ($item in $Node) { Get-TaskSteps $item }; return }
        if ($Node -isnot [pscustomobject]) { return }
        if ($Node.PSObject.Properties['task']) { $Node }
        if ($Node.PSObject.Properties['steps']) { Get-TaskSteps $Node.steps }
    }

    function Assert-TaskStep($Step, [string] $Where) {
        $inputs = $TaskInputs[$Step.task]
        if (-not $inputs) { return }
        $given = if ($Step.PSObject.Properties['inputs']) { @($Step.inputs.PSObject.Properties.Name) } else { @() }
        $known = @($inputs | ForEach-Object { $_['name'] })
        foreach ($name in $given) { $known | Should -Contain $name -Because "$Where uses input '$name' of $($Step.task)" }
        # Required inputs without a default (the agent fills in a default).
        foreach ($required in @($inputs | Where-Object { $_['required'] -and -not $_['defaultValue'] } | ForEach-Object { $_['name'] })) {
            $given | Should -Contain $required -Because "$Where must give the required input '$required' of $($Step.task)"
        }
    }
}

Describe 'Pipeline YAML for the tasks' {
    It 'docs/examples/azure-pipelines.yml uses both tasks correctly, with no hand-written sweep or token mapping' {
        $text = Get-Content -Raw (Join-Path $Repo 'docs/examples/azure-pipelines.yml')
        $document = @(Read-Yaml $text)[0] | ConvertFrom-Json
        $steps = @(Get-TaskSteps $document)
        @($steps.task) | Should -Be @('AapPackerBuild@1', 'AapJobTemplate@1')
        foreach ($step in $steps) { Assert-TaskStep $step 'azure-pipelines.yml' }
        Join-Path $Repo "docs/examples/$($steps[0].inputs.template)" | Should -Exist
        $code = ($text -split "`n" | Where-Object { $_ -notmatch '^\s*#' }) -join "`n"   # comments may name them
        $code | Should -Not -Match 'Remove-AapBuildResources'
        $code | Should -Not -Match 'AAP_TOKEN'
    }

    It 'every yaml block of <_> parses and uses the tasks'' inputs' -ForEach 'docs/azure-devops.md', 'src/AapPacker.AzureDevOps/README.md' {
        $markdown = Get-Content -Raw (Join-Path $Repo $_)
        $blocks = @([regex]::Matches($markdown, '(?ms)^```yaml\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value })
        $blocks.Count | Should -BeGreaterThan 0
        $parsed = @(Read-Yaml $blocks)
        $parsed.Count | Should -Be $blocks.Count
        $steps = @($parsed | ForEach-Object { Get-TaskSteps ($_ | ConvertFrom-Json) })
        @($steps.task | Sort-Object -Unique) | Should -Be @('AapJobTemplate@1', 'AapPackerBuild@1')
        foreach ($step in $steps) { Assert-TaskStep $step $_ }
    }
}
