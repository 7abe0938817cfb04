# The default views at real terminal widths (issue 15 item 9). Every output type's default table view is rendered at
# 80 and 120 columns with objects the simulator made for a real-looking build id (a Packer run UUID plus the build
# name): each header stays whole on one line above its own dashes, no column is dropped, no line is longer than the
# width; BuildId is whole at 120 in the table and at 80 in the list view; and a job knows its build.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Sim = Start-TestSimulator -Layout gateway -TimeScale 50
    $script:BuildId = '0d1f4c52-8a61-4f0e-9b1e-6a3b2c1d9e7f-aap-image'
    $script:Objects = @{}
    $script:Cleaned = $false

    $Objects.AapConnectionInfo = Connect-Aap -Uri $Sim.Uri -Token (ConvertTo-TestSecret 'sim-admin-token') -PassThru
    $inventory = New-AapTempInventory -Organization Default -BuildId $BuildId
    $Objects.AapHost = $inventory | Add-AapHost -Address 10.0.0.5 -Port 2222
    $credential = New-AapTempCredential -Organization Default -BuildId $BuildId -UserName packer -Password (ConvertTo-TestSecret 'views-pw-1')
    $Objects.AapMachineCredential = $credential
    $script:Started = Start-AapJobTemplate -JobTemplate Baseline -Inventory $inventory -AapCredential $credential
    $workflow = Start-AapWorkflowJobTemplate -WorkflowJobTemplate 'Image Pipeline' -Inventory $inventory
    # Get-AapInventory lists an inventory without a build (Demo Inventory) next to the build's.
    $Objects.AapInventory = @(Get-AapInventory)
    $script:Listed = @(Get-AapJob -BuildId $BuildId)
    $Objects.AapJob = @($Started) + $Listed
    $script:Results = @($Started, $workflow | Wait-AapJob -NoOutput)
    $Objects.AapJobResult = $Results
    $Objects.AapHostRecap = @($Results.HostRecaps)
    $Objects.AapWorkflowNodeResult = @($Results.Nodes)
    $Objects.AapJobTemplate = @(Get-AapJobTemplate) + @(Get-AapWorkflowJobTemplate)
    $cleanup = Remove-AapBuildResources -BuildId $BuildId -Confirm:$false
    $script:Cleaned = $true
    $Objects.AapCleanupResult = $cleanup
    $Objects.AapCleanupItem = @($cleanup.Removed) + @($cleanup.HandedOff) + @($cleanup.Left)

    # The labels of a type's default table view, in order, as the format data declares them.
    function Get-ViewLabel([string] $Type) {
        $data = Get-FormatData -TypeName "AapPacker.Models.$Type" -PowerShellVersion $PSVersionTable.PSVersion
        $table = @($data.FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] })[0]
        $columns = $table.Control.Rows[0].Columns
        for ($i = 0; $i -lt $table.Control.Headers.Count; $i++) {
            $label = $table.Control.Headers[$i].Label
            if ($label) { $label } else { $columns[$i].DisplayEntry.Value }
        }
    }

    # The header of the first table in a rendering: the line above the first line of dashes, the line above that
    # (blank when the header did not wrap), and where each run of dashes starts and ends.
    function Get-TableHeader([string] $Text) {
        $lines = $Text -split '\r?\n'
        $at = 0
        while ($at -lt $lines.Count -and $lines[$at] -notmatch '^\s*-+( +-+)*\s*$') { $at++ }
        if ($at -ge $lines.Count -or $at -lt 1) { throw "No table header in:`n$Text" }
        [pscustomobject]@{
            Header = $lines[$at - 1]
            Above  = if ($at -ge 2) { $lines[$at - 2] } else { '' }
            Runs   = @([regex]::Matches($lines[$at], '-+') | ForEach-Object { [pscustomobject]@{ Start = $_.Index; Length = $_.Length } })
            Rows   = @($lines[($at + 1)..($lines.Count - 1)] | Where-Object { $_.Trim() })
        }
    }

    # What the rows of a rendering show in one column (a left-aligned one: from its dashes to the next column's).
    function Get-ColumnText([string] $Text, [string] $Label, [string[]] $Labels) {
        $header = Get-TableHeader $Text
        $index = [array]::IndexOf($Labels, $Label)
        $start = $header.Runs[$index].Start
        foreach ($row in $header.Rows) {
            if ($row.Length -le $start) { ''; continue }
            $end = if ($index + 1 -lt $header.Runs.Count) { [Math]::Min($header.Runs[$index + 1].Start, $row.Length) } else { $row.Length }
            $row.Substring($start, $end - $start).Trim()
        }
    }
}

AfterAll {
    if (-not $script:Cleaned -and $script:BuildId) {
        Remove-AapBuildResources -BuildId $script:BuildId -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
    }
    Get-AapConnection -ErrorAction SilentlyContinue | ForEach-Object { Disconnect-Aap -Connection $_ }
    if ($script:Sim) { & $script:Sim.Stop }
}

Describe 'Default table views' {
    It 'covers every type a cmdlet returns' {
        $returned = Get-Command -Module AapPacker -CommandType Cmdlet | ForEach-Object { $_.OutputType.Type } |
            Where-Object { $_ -and $_.Namespace -eq 'AapPacker.Models' } | ForEach-Object Name | Sort-Object -Unique
        foreach ($type in $returned) {
            $Objects.Keys | Should -Contain $type -Because "$type is returned by a cmdlet, so its view is checked here"
        }
    }

    It '<Type> at <Width> columns: every header whole on one line, no column dropped, no line too long' -ForEach @(
        foreach ($type in 'AapConnectionInfo', 'AapInventory', 'AapHost', 'AapMachineCredential', 'AapJob', 'AapJobResult',
            'AapHostRecap', 'AapCleanupResult', 'AapCleanupItem', 'AapWorkflowNodeResult', 'AapJobTemplate') {
            foreach ($width in 80, 120) { @{ Type = $type; Width = $width } }
        }
    ) {
        $objects = @($Objects[$Type])
        $objects.Count | Should -BeGreaterThan 0 -Because "the simulator run made a $Type"
        $text = $objects | Out-String -Width $Width
        $labels = @(Get-ViewLabel $Type)
        $header = Get-TableHeader $text
        $header.Above.Trim() | Should -BeNullOrEmpty -Because "a header split over two lines shows its first part here:`n$text"
        $header.Runs.Count | Should -Be $labels.Count -Because "every column of the view is shown:`n$text"
        for ($i = 0; $i -lt $labels.Count; $i++) {
            $run = $header.Runs[$i]
            $header.Header.Substring($run.Start, [Math]::Min($run.Length, $header.Header.Length - $run.Start)) | Should -BeExactly $labels[$i] -Because "the header '$($labels[$i])' is whole:`n$text"
        }
        foreach ($line in $text -split '\r?\n') {
            $line.Length | Should -BeLessOrEqual $Width -Because "no line is wider than $Width columns: '$line'"
        }
    }

    It '<_> shows the whole build id at 120 columns in its table, and at 80 in its list' -ForEach 'AapInventory', 'AapHost', 'AapMachineCredential', 'AapJob', 'AapJobResult', 'AapCleanupResult' {
        $objects = @($Objects[$_] | Where-Object { $_.BuildId })
        $objects.Count | Should -BeGreaterThan 0 -Because "the build's $_ carries its build id"
        # In the BuildId column itself: a temporary object's name holds the build id too.
        Get-ColumnText ($objects | Out-String -Width 120) 'BuildId' @(Get-ViewLabel $_) | Should -Contain $BuildId
        $objects | Format-List | Out-String -Width 80 | Should -Match ('(?m)^BuildId\s*: ' + [regex]::Escape($BuildId) + '\s*$')
    }

    It 'shows a temporary object''s name without the build id it embeds, and other names whole' {
        $text = $Objects.AapInventory | Out-String -Width 80
        $text | Should -Match 'Demo Inventory'
        $text | Should -Match ('packer-' + [char]0x2026 + '-[a-z2-9]{8}\s')
        Get-ColumnText $text 'BuildId' @(Get-ViewLabel AapInventory) | Should -Contain $BuildId -Because "a run UUID plus a 9-character build name fits the inventory table at 80 columns:`n$text"
    }
}

Describe 'A job knows its build' {
    It 'Start-AapJobTemplate, Get-AapJob and Wait-AapJob give the build id' {
        $Started.BuildId | Should -BeExactly $BuildId
        $Listed.Count | Should -BeGreaterThan 0
        $Listed | ForEach-Object { $_.BuildId | Should -BeExactly $BuildId }
        $Results | ForEach-Object { $_.BuildId | Should -BeExactly $BuildId }
    }

    It 'Get-AapJob -Id reads it from the job''s inventory while that exists' {
        $inventory = New-AapTempInventory -Organization Default -BuildId "$BuildId-2"
        try {
            $job = Start-AapJobTemplate -JobTemplate Baseline -Inventory $inventory.Id
            $job.BuildId | Should -BeExactly "$BuildId-2"
            (Get-AapJob -Id $job.Id).BuildId | Should -BeExactly "$BuildId-2"
            ($job.Id | Wait-AapJob -NoOutput).BuildId | Should -BeExactly "$BuildId-2"
        }
        finally {
            Remove-AapBuildResources -BuildId "$BuildId-2" -Confirm:$false | Out-Null
        }
    }
}
