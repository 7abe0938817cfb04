# The packaged extension (out/extension/aappacker-<version>.vsix, written by `build.ps1 -Task Extension` in the same
# test run): one `aap` service endpoint type, two tasks with the ids agents and pipelines know them by, every input
# documented, and each task complete (compiled entries, task library, the bundled module).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AdoTaskHelpers.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $props = [xml](Get-Content -Raw (Join-Path $repo 'Directory.Build.props'))
    $script:Version = @($props.Project.PropertyGroup | ForEach-Object { $_.SelectSingleNode('Version') } | Where-Object { $_ })[0].InnerText
    $script:Vsix = Join-Path (Split-Path (Get-ExtensionStaging)) "aappacker-$Version.vsix"
    $script:Zip = [IO.Compression.ZipFile]::OpenRead($Vsix)
    $script:Entries = @($Zip.Entries | ForEach-Object FullName)
    function Read-Entry([string] $Name) {
        $entry = $Zip.GetEntry($Name)
        if (-not $entry) { throw "$Name is not in $Vsix." }
        $reader = [IO.StreamReader]::new($entry.Open())
        try { $reader.ReadToEnd() } finally { $reader.Dispose() }
    }
    $script:Manifest = Read-Entry 'extension.vsomanifest' | ConvertFrom-Json
    $script:Tasks = @{}
    foreach ($folder in 'AapJobTemplateV1', 'AapPackerBuildV1') {
        $script:Tasks[$folder] = Read-Entry "tasks/$folder/task.json" | ConvertFrom-Json -AsHashtable
    }
}

AfterAll {
    if ($script:Zip) { $Zip.Dispose() }
}

Describe 'The extension package' {
    It 'is versioned like the project' {
        (Read-Entry 'extension.vsixmanifest') | Should -Match ([regex]::Escape("Version=`"$Version`""))
    }

    It 'contributes exactly one service endpoint type, aap, with Token (apitoken) and UsernamePassword schemes' {
        $endpoints = @($Manifest.contributions | Where-Object type -EQ 'ms.vss-endpoint.service-endpoint-type')
        $endpoints | Should -HaveCount 1
        $endpoints[0].properties.name | Should -BeExactly 'aap'
        $schemes = @($endpoints[0].properties.authenticationSchemes)
        @($schemes.type) | Should -Be @('ms.vss-endpoint.endpoint-auth-scheme-token', 'ms.vss-endpoint.endpoint-auth-scheme-basic')
        @($schemes[0].inputDescriptors.id) | Should -Be @('apitoken')
        @($schemes[1].inputDescriptors.id) | Should -Be @('username', 'password')
        @($schemes | ForEach-Object inputDescriptors | Where-Object id -In 'apitoken', 'password' | ForEach-Object isConfidential) | Should -Be @($true, $true)
        @($endpoints[0].properties.inputDescriptors.id) | Should -Be @('caBundle', 'skipCertificateCheck')
    }

    It 'contributes two tasks, with the ids pipelines already reference' {
        $contributed = @($Manifest.contributions | Where-Object type -EQ 'ms.vss-distributed-task.task')
        @($contributed.properties.name) | Should -Be @('tasks/AapJobTemplateV1', 'tasks/AapPackerBuildV1')
        # A changed id is a different task to Azure DevOps: existing pipelines would lose it. Never change these.
        $Tasks['AapJobTemplateV1']['id'] | Should -BeExactly 'b6f49180-0b6c-4e80-ae5b-c36f8e166c11'
        $Tasks['AapJobTemplateV1']['name'] | Should -BeExactly 'AapJobTemplate'
        $Tasks['AapPackerBuildV1']['id'] | Should -BeExactly '71ab5ca4-e027-4300-a319-2b1ad9f6a4fb'
        $Tasks['AapPackerBuildV1']['name'] | Should -BeExactly 'AapPackerBuild'
        foreach ($task in $Tasks.Values) { $task['version']['Major'] | Should -Be 1 }
    }

    It 'documents every input of <_> (helpMarkDown) and takes the connection as an aap service connection' -ForEach 'AapJobTemplateV1', 'AapPackerBuildV1' {
        foreach ($input in $Tasks[$_]['inputs']) {
            $input['helpMarkDown'] | Should -Not -BeNullOrEmpty -Because "input $($input['name']) of $_ needs help"
            $input['label'] | Should -Not -BeNullOrEmpty
        }
        @($Tasks[$_]['inputs'] | Where-Object { $_['name'] -eq 'connection' })[0]['type'] | Should -BeExactly 'connectedService:aap'
    }

    It 'has the inputs, defaults and output variables the documentation names' {
        $job = $Tasks['AapJobTemplateV1']
        @($job['inputs'] | ForEach-Object { $_['name'] }) | Should -Be @('connection', 'templateType', 'template', 'organization',
            'inventory', 'limit', 'extraVars', 'jobTags', 'skipTags', 'verbosity', 'wait', 'timeout')
        @($job['inputs'] | Where-Object { $_['name'] -eq 'wait' })[0]['defaultValue'] | Should -Be 'true'
        @($job['inputs'] | Where-Object { $_['name'] -eq 'timeout' })[0]['defaultValue'] | Should -Be '1h'
        @($job['inputs'] | Where-Object { $_['name'] -eq 'templateType' })[0]['defaultValue'] | Should -Be 'job'
        @($job['outputVariables'] | ForEach-Object { $_['name'] }) | Should -Be @('AapJobId', 'AapJobStatus', 'AapJobUrl')
        $packer = $Tasks['AapPackerBuildV1']
        @($packer['inputs'] | ForEach-Object { $_['name'] }) | Should -Be @('connection', 'template', 'variables', 'varFiles',
            'arguments', 'workingDirectory', 'packerPath', 'runId')
        @($packer['outputVariables'] | ForEach-Object { $_['name'] }) | Should -Be @('AapRunId')
    }

    It 'runs <_> on the Node20_1 handler, with its entries, the task library and the bundled module in the package' -ForEach 'AapJobTemplateV1', 'AapPackerBuildV1' {
        $folder = $_
        $task = $Tasks[$folder]
        $stages = @('execution') + @(if ($task.ContainsKey('postjobexecution')) { 'postjobexecution' })
        foreach ($stage in $stages) {
            @($task[$stage].Keys) | Should -Be @('Node20_1')
            $Entries | Should -Contain "tasks/$folder/$($task[$stage]['Node20_1']['target'])"
        }
        $Entries | Should -Contain "tasks/$folder/node_modules/azure-pipelines-task-lib/task.js"
        $Entries | Should -Contain "tasks/$folder/module/AapPacker/AapPacker.psd1"
        $Entries | Should -Contain "tasks/$folder/module/AapPacker/bin/Core/AapPacker.dll"
        # Compiled output only (no TypeScript sources of ours), and no build-time packages.
        @($Entries | Where-Object { $_ -like "tasks/$folder/*.ts" -and $_ -notlike "tasks/$folder/node_modules/*" }) | Should -BeNullOrEmpty
        @($Entries | Where-Object { $_ -like "tasks/$folder/node_modules/typescript/*" -or $_ -like "tasks/$folder/node_modules/tfx-cli/*" }) | Should -BeNullOrEmpty
    }

    It 'declares the always-running post-job sweep only on AapPackerBuild' {
        $Tasks['AapPackerBuildV1']['postjobexecution']['Node20_1']['target'] | Should -Be 'js/AapPackerBuildV1/post.js'
        $Tasks['AapJobTemplateV1'].ContainsKey('postjobexecution') | Should -BeFalse
    }
}
