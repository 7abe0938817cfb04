# Templates by name or id as a user types them (issue 15 item 4), the listing cmdlets and -ExtraVars forms (item 10).
# A scenario with two organizations that each have an 'Install Docker' and a template named '12345'.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $ask = @('inventory', 'credential', 'variables')
    $scenario = @{
        organizations     = @(@{ name = 'Default' }, @{ name = 'Engineering' })
        inventories       = @(@{ name = 'Demo Inventory'; organization = 'Default'; hosts = @('localhost') })
        jobTemplates      = @(
            @{ name = 'Baseline'; organization = 'Default'; ask = $ask; eventCount = 8; runSeconds = 2 }
            @{ name = 'Install Docker'; organization = 'Default'; ask = $ask; eventCount = 8; runSeconds = 2 }
            @{ name = 'Install Docker'; organization = 'Engineering'; ask = $ask; eventCount = 8; runSeconds = 2 }
            @{ name = '12345'; organization = 'Default'; ask = $ask; eventCount = 8; runSeconds = 2 }
            @{ name = 'No Prompts'; organization = 'Default'; eventCount = 8; runSeconds = 2 }
        )
        workflowTemplates = @(
            @{ name = 'Image Pipeline'; organization = 'Default'; ask = @('inventory', 'variables'); nodes = @(@{ identifier = 'b'; jobTemplate = 'Baseline' }) }
            @{ name = 'Image Pipeline'; organization = 'Engineering'; ask = @('inventory'); nodes = @(@{ identifier = 'b'; jobTemplate = 'Baseline' }) }
        )
    }
    $script:ScenarioPath = Join-Path ([IO.Path]::GetTempPath()) ("aappacker-listing-" + [guid]::NewGuid().ToString('n') + '.json')
    $scenario | ConvertTo-Json -Depth 8 | Set-Content -Path $ScenarioPath -Encoding utf8
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50 -Scenario $ScenarioPath
    $null = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token')
    $script:Api = $Sim.Uri.TrimEnd('/') + '/api/controller/v2/'
    $script:Headers = @{ Authorization = 'Bearer sim-admin-token' }

    function Get-TemplateId([string] $Name, [string] $Organization, [string] $Endpoint = 'job_templates') {
        $list = Invoke-RestMethod -Uri "$Api$($Endpoint)/?name=$([uri]::EscapeDataString($Name))" -Headers $Headers
        @($list.results | Where-Object { $_.summary_fields.organization.name -eq $Organization })[0].id
    }

    function New-BuildInventory([string] $BuildId) {
        $inventory = New-AapTempInventory -Organization Default -BuildId $BuildId
        $inventory | Add-AapHost -Address 10.0.0.5 | Out-Null
        $inventory
    }
}

AfterAll {
    Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    if ($script:Sim) { & $script:Sim.Stop }
    if ($script:ScenarioPath) { Remove-Item $ScenarioPath -ErrorAction SilentlyContinue }
}

Describe 'Templates with the same name in two organizations' {
    AfterEach {
        Get-AapJob -Status new, pending, waiting, running | Wait-AapJob -NoOutput | Out-Null
        Remove-AapBuildResources -BuildId 'list-org' -Confirm:$false | Out-Null
    }

    It 'without -Organization, the error names both organizations and their ids' {
        $inventory = New-BuildInventory 'list-org'
        $thrown = { Start-AapJobTemplate -JobTemplate 'Install Docker' -Inventory $inventory -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'AmbiguousJobTemplate,*'
        $defaultId = Get-TemplateId 'Install Docker' 'Default'
        $engineeringId = Get-TemplateId 'Install Docker' 'Engineering'
        $thrown.Exception.Message | Should -Match "id $defaultId in organization 'Default' \(id \d+\)"
        $thrown.Exception.Message | Should -Match "id $engineeringId in organization 'Engineering' \(id \d+\)"
        $thrown.ErrorDetails.RecommendedAction | Should -Match '-Organization'
    }

    It 'Start-AapJobTemplate -Organization launches the template of that organization' {
        $inventory = New-BuildInventory 'list-org'
        $job = Start-AapJobTemplate -JobTemplate 'Install Docker' -Organization Engineering -Inventory $inventory
        $job.TemplateId | Should -Be (Get-TemplateId 'Install Docker' 'Engineering')
    }

    It 'Start-AapWorkflowJobTemplate -Organization launches the workflow of that organization' {
        $inventory = New-BuildInventory 'list-org'
        $job = Start-AapWorkflowJobTemplate -WorkflowJobTemplate 'Image Pipeline' -Organization Engineering -Inventory $inventory
        $job.TemplateId | Should -Be (Get-TemplateId 'Image Pipeline' 'Engineering' 'workflow_job_templates')
    }

    It 'Invoke-AapPackerProvision -Organization runs the template of that organization' {
        $engineering = Get-TemplateId 'Install Docker' 'Engineering'
        $result = Invoke-AapPackerProvision -JobTemplate 'Install Docker' -Organization Engineering -InventoryId 'Demo Inventory' -NoCredential -NoOutput -WarningAction SilentlyContinue 6>$null
        $LASTEXITCODE | Should -Be 0
        @(Get-AapJob -JobTemplate $engineering -First 1).Id | Should -Be @($result.Id)
    }
}

Describe 'A template named with digits' {
    AfterEach {
        Get-AapJob -Status new, pending, waiting, running | Wait-AapJob -NoOutput | Out-Null
        Remove-AapBuildResources -BuildId 'list-digits' -Confirm:$false | Out-Null
    }

    It "-JobTemplate '12345' (quoted text) is the template named 12345" {
        $inventory = New-BuildInventory 'list-digits'
        $job = Start-AapJobTemplate -JobTemplate '12345' -Inventory $inventory
        $job.TemplateId | Should -Be (Get-TemplateId '12345' 'Default')
    }

    It '-JobTemplate 12345 (a number) is the id 12345, which does not exist' {
        $inventory = New-BuildInventory 'list-digits'
        $thrown = { Start-AapJobTemplate -JobTemplate 12345 -Inventory $inventory -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'JobTemplateNotFound,*'
        $thrown.Exception.Message | Should -Match 'with id 12345'
    }

    It 'a number is an id, and text of digits that names nothing is still read as an id (environment variables)' {
        $inventory = New-BuildInventory 'list-digits'
        $id = Get-TemplateId 'Baseline' 'Default'
        (Start-AapJobTemplate -JobTemplate $id -Inventory $inventory).TemplateId | Should -Be $id
        (Start-AapJobTemplate -JobTemplate "$id" -Inventory $inventory).TemplateId | Should -Be $id
    }

    It 'a value that is neither a name nor an id is refused at binding' {
        { Start-AapJobTemplate -JobTemplate 1.5 -WhatIf } | Should -Throw -ExpectedMessage '*neither a name nor an id*'
    }
}

Describe 'Get-AapJobTemplate and Get-AapWorkflowJobTemplate' {
    It 'lists job templates with their organization and prompts' {
        $all = @(Get-AapJobTemplate)
        $all.Name | Should -Contain 'Install Docker'
        $all | Should -BeOfType ([AapPacker.Models.AapJobTemplate])
        @($all | Where-Object Name -EQ 'Install Docker').Organization | Sort-Object | Should -Be @('Default', 'Engineering')
        $baseline = $all | Where-Object Name -EQ 'Baseline'
        $baseline.AsksInventory | Should -BeTrue
        $baseline.AsksCredential | Should -BeTrue
        $baseline.Prompts | Should -Contain 'variables'
        ($all | Where-Object Name -EQ 'No Prompts').AsksInventory | Should -BeFalse
    }

    It 'filters by name within an organization, by wildcard, and by id' {
        $one = @(Get-AapJobTemplate -Name 'Install Docker' -Organization Engineering)
        $one.Count | Should -Be 1
        $one[0].Organization | Should -Be 'Engineering'
        @(Get-AapJobTemplate -Name 'install*').Count | Should -Be 2
        (Get-AapJobTemplate -Id $one[0].Id).Name | Should -Be 'Install Docker'
        (Get-AapJobTemplate -Name '12345').Name | Should -Be '12345'
    }

    It 'a plain name that matches nothing is an ObjectNotFound error, a pattern is not' {
        Get-AapJobTemplate -Name 'Nope' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @(Get-AapJobTemplate -Name 'Nope*' -ErrorAction Stop).Count | Should -Be 0
    }

    It 'lists workflow job templates' {
        $workflows = @(Get-AapWorkflowJobTemplate -Name 'Image Pipeline')
        $workflows.Count | Should -Be 2
        $workflows[0].Type | Should -Be 'workflow_job_template'
        ($workflows | Where-Object Organization -EQ 'Engineering').AsksVariables | Should -BeFalse
    }

    It 'has a default table that fits 80 columns' {
        $lines = (Get-AapJobTemplate | Format-Table | Out-String -Width 200) -split "`r?`n"
        $lines[1] | Should -Match 'Prompts'
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }
}

Describe 'Get-AapInventory and Get-AapJob' {
    AfterAll {
        Get-AapJob -Status new, pending, waiting, running | Wait-AapJob -NoOutput | Out-Null
        Remove-AapBuildResources -BuildId 'list-jobs' -Confirm:$false | Out-Null
        Remove-AapBuildResources -BuildId 'list-other' -Confirm:$false | Out-Null
    }

    It "finds a build's temporary inventory and no other" {
        $mine = New-BuildInventory 'list-jobs'
        $null = New-BuildInventory 'list-other'
        $found = @(Get-AapInventory -BuildId 'list-jobs')
        $found.Id | Should -Be @($mine.Id)
        $found[0].Organization | Should -Be 'Default'
        (Get-AapInventory -Name 'Demo*').Name | Should -Be 'Demo Inventory'
    }

    It 'lists jobs newest first, filtered by template, status, build and -First' {
        $inventory = Get-AapInventory -BuildId 'list-jobs'
        $first = Start-AapJobTemplate -JobTemplate Baseline -Inventory $inventory | Wait-AapJob -NoOutput
        $second = Start-AapJobTemplate -JobTemplate '12345' -Inventory $inventory | Wait-AapJob -NoOutput
        $other = Start-AapJobTemplate -JobTemplate Baseline -Inventory (Get-AapInventory -BuildId 'list-other') | Wait-AapJob -NoOutput
        $jobs = @(Get-AapJob -BuildId 'list-jobs')
        $jobs.Id | Should -Be @($second.Id, $first.Id)
        $jobs[0].BuildId | Should -Be 'list-jobs'
        @(Get-AapJob -First 1).Id | Should -Be @($other.Id)
        @(Get-AapJob -JobTemplate '12345' -Status successful -BuildId 'list-jobs').Id | Should -Be @($second.Id)
        @(Get-AapJob -Status failed).Count | Should -Be 0
        (Get-AapJob $first.Id).Id | Should -Be $first.Id
    }
}

Describe '-ExtraVars forms' {
    BeforeAll {
        function Get-JobExtraVars([int] $Id) {
            (Invoke-RestMethod -Uri "$($Api)jobs/$Id/" -Headers $Headers).extra_vars | ConvertFrom-Json
        }
    }

    AfterEach {
        Get-AapJob -Status new, pending, waiting, running | Wait-AapJob -NoOutput | Out-Null
        Remove-AapBuildResources -BuildId 'list-vars' -Confirm:$false | Out-Null
        Pop-Location -ErrorAction SilentlyContinue
    }

    It "'@vars.yml' reads the file relative to the current location, as the awx CLI does" {
        Push-Location $TestDrive
        "image_version: '9.9'`nrole: web" | Set-Content -Path (Join-Path $TestDrive 'vars.yml')
        $job = Start-AapJobTemplate -JobTemplate Baseline -Inventory (New-BuildInventory 'list-vars') -ExtraVars '@vars.yml'
        $vars = Get-JobExtraVars $job.Id
        $vars.image_version | Should -Be '9.9'
        $vars.role | Should -Be 'web'
    }

    It "'@missing.yml' is refused with the path it looked for" {
        { Start-AapJobTemplate -JobTemplate Baseline -Inventory (New-BuildInventory 'list-vars') -ExtraVars '@missing.yml' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExtraVarsFileNotFound,*'
    }

    It 'Invoke-AapPackerProvision takes what ConvertFrom-Json returns (PSCustomObject, nested)' {
        $vars = '{"image": {"version": "3.1", "tags": ["a", "b"]}}' | ConvertFrom-Json
        $result = Invoke-AapPackerProvision -JobTemplate Baseline -InventoryId 'Demo Inventory' -NoCredential -NoOutput -ExtraVars $vars -WarningAction SilentlyContinue 6>$null
        $LASTEXITCODE | Should -Be 0
        (Get-JobExtraVars $result.Id).image.version | Should -Be '3.1'
    }

    It 'takes an OrderedDictionary of hashtables' {
        $job = Start-AapJobTemplate -JobTemplate Baseline -Inventory (New-BuildInventory 'list-vars') -ExtraVars ([ordered]@{ image = @{ version = '4.0' } })
        (Get-JobExtraVars $job.Id).image.version | Should -Be '4.0'
    }
}

Describe 'The manifest' {
    It 'exports the listing cmdlets' {
        $exported = (Get-Module AapPacker).ExportedCmdlets.Keys
        foreach ($name in 'Get-AapJobTemplate', 'Get-AapWorkflowJobTemplate', 'Get-AapInventory', 'Get-AapJob') { $exported | Should -Contain $name }
        $exported.Count | Should -Be 16
    }
}
