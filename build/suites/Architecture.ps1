# The architecture counts of issue 11: AAP's wire format stays in src/AapPacker.Engine/Api, PowerShell's parameter names
# stay out of the engine, and the provisioning cmdlet stays thin. `./build.ps1 -Task Counts` prints them; the test run
# checks them, one test per count, and a planted violation proves each counter can see one.

# The REST resources and sub-resources AapPacker talks to: a string literal naming one ("inventories/", "/launch/",
# "jobs/{0}/cancel/") is a REST path.
$script:AapPathSegments = @(
    'inventories', 'hosts', 'groups', 'credentials', 'credential_types', 'organizations', 'job_templates',
    'workflow_job_templates', 'jobs', 'workflow_jobs', 'workflow_nodes', 'workflow_job_nodes', 'job_events',
    'workflow_job_events', 'execution_environments', 'labels', 'instance_groups', 'unified_jobs',
    'unified_job_templates', 'me', 'ping', 'config', 'launch', 'cancel', 'stdout', 'variable_data', 'all_hosts'
)

# Reading a field of AAP's JSON: JsonValues-style helpers (.String("status"), .Int("id"), .Bool(...), ...),
# System.Text.Json's (Get|TryGet)Property("name") and an indexer with a snake_case key.
$script:FieldReadPattern = '\.(?:String|Int|Long|Bool|Double|Date|DateTime|Object|Array|Element|Text|Number|Get|TryGet|Optional|Required)\w*\(\s*"[a-z][a-z0-9_]*"' +
    '|(?:Get|TryGet)Property\(\s*"[a-z][a-z0-9_]*"' +
    '|\[\s*"[a-z]+_[a-z0-9_]*"\s*\]'
$script:PathLiteralPattern = '"(?:[^"\\]|\\.)*?(?<![\w-])(?:' + ($script:AapPathSegments -join '|') + ')/(?:[^"\\]|\\.)*"'
$script:ParameterLiteralPattern = '"-[A-Z][A-Za-z]+'

# A public top-level type (file-scoped namespaces put top-level declarations in column 0; nested types are indented).
$script:PublicTypePattern = '^public\s+(?:(?:sealed|static|abstract|partial|readonly|ref|unsafe)\s+)*' +
    '(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?|delegate\s+[\w<>\[\],.?]+)\s+(?<name>\w+)'

# Source lines that count: not comments (// and ///), not XML doc.
function Get-CodeLine {
    param([string] $Path)
    $lines = @(Get-Content -LiteralPath $Path)
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $text = $lines[$i]
        if ($text -match '^\s*//') { continue }
        [pscustomobject]@{ Path = $Path; Line = $i + 1; Text = $text }
    }
}

function Find-CodeMatch {
    param([string[]] $Files, [string] $Pattern)
    foreach ($file in $Files) {
        foreach ($line in Get-CodeLine $file) {
            foreach ($match in [regex]::Matches($line.Text, $Pattern)) {
                [pscustomobject]@{
                    Where = '{0}:{1}' -f [IO.Path]::GetRelativePath($RepoRoot, $line.Path).Replace('\', '/'), $line.Line
                    Text  = $match.Value
                }
            }
        }
    }
}

# The C# files of the module and its engine, except the engine's Api folder (the one place AAP's names may live).
function Get-OutsideApiFile {
    param([string] $Root = $RepoRoot)
    $api = [IO.Path]::Combine($Root, 'src', 'AapPacker.Engine', 'Api') + [IO.Path]::DirectorySeparatorChar
    foreach ($project in 'AapPacker', 'AapPacker.Engine', 'AapPacker.Models') {
        Get-ChildItem ([IO.Path]::Combine($Root, 'src', $project)) -Filter *.cs -Recurse |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and -not $_.FullName.StartsWith($api, [StringComparison]::Ordinal) } |
            ForEach-Object FullName
    }
}

# The engine's public types that are not in src/AapPacker.Engine/PublicTypes.txt (the types PowerShell users see),
# and the listed names that are no longer public engine types: everything else in the engine is internal.
function Find-UnlistedPublicType {
    param([string] $Root, [string[]] $Files)
    $listFile = [IO.Path]::Combine($Root, 'src', 'AapPacker.Engine', 'PublicTypes.txt')
    $listed = @{}
    if (Test-Path -LiteralPath $listFile) {
        foreach ($line in @(Get-Content -LiteralPath $listFile)) {
            if ($line -match '^\s*(#|$)') { continue }
            $name, $reason = $line.Trim() -split '\s+', 2
            $listed[$name] = [bool]$reason
        }
    }
    $public = @{}
    foreach ($file in $Files) {
        foreach ($line in Get-CodeLine $file) {
            if ($line.Text -notmatch $script:PublicTypePattern) { continue }
            $name = $Matches['name']
            $public[$name] = $true
            if (-not $listed.ContainsKey($name)) {
                [pscustomobject]@{
                    Where = '{0}:{1}' -f [IO.Path]::GetRelativePath($Root, $line.Path).Replace('\', '/'), $line.Line
                    Text  = "public $name (make it internal, or list it in PublicTypes.txt with the reason users need it)"
                }
            }
        }
    }
    foreach ($name in $listed.Keys) {
        $problem = if (-not $public.ContainsKey($name)) { 'is listed but is no public engine type' }
            elseif (-not $listed[$name]) { 'is listed without a reason' }
        if ($problem) { [pscustomobject]@{ Where = 'src/AapPacker.Engine/PublicTypes.txt'; Text = "$name $problem" } }
    }
}

function Get-ArchitectureCount {
    param([string] $Root = $RepoRoot)
    $outside = @(Get-OutsideApiFile -Root $Root)
    $engine = @(Get-ChildItem ([IO.Path]::Combine($Root, 'src', 'AapPacker.Engine')) -Filter *.cs -Recurse |
            Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' | ForEach-Object FullName)
    $provision = [IO.Path]::Combine($Root, 'src', 'AapPacker', 'Commands', 'InvokeAapPackerProvisionCommand.cs')
    @(
        [pscustomobject]@{ Name = 'AAP field-name reads outside src/AapPacker.Engine/Api'; Target = 0
            Hits = @(Find-CodeMatch $outside $script:FieldReadPattern) }
        [pscustomobject]@{ Name = 'REST path literals outside src/AapPacker.Engine/Api'; Target = 0
            Hits = @(Find-CodeMatch $outside $script:PathLiteralPattern) }
        [pscustomobject]@{ Name = 'Parameter-name literals ("-Xxx") in src/AapPacker.Engine'; Target = 0
            Hits = @(Find-CodeMatch $engine $script:ParameterLiteralPattern) }
        [pscustomobject]@{ Name = 'Public engine types not in Engine/PublicTypes.txt'; Target = 0
            Hits = @(Find-UnlistedPublicType $Root $engine) }
        [pscustomobject]@{ Name = 'Lines of InvokeAapPackerProvisionCommand.cs'; Target = 299
            Hits = @(Get-Content -LiteralPath $provision) }
    ) | ForEach-Object {
        $_ | Add-Member -PassThru -NotePropertyName Count -NotePropertyValue $_.Hits.Count
    }
}

function Show-ArchitectureCount {
    param([object[]] $Counts, [int] $Examples = 5)
    foreach ($count in $Counts) {
        $verdict = if ($count.Count -le $count.Target) { 'ok' } else { 'over' }
        Write-Host ('{0,-60} {1,5}  (target <= {2}, {3})' -f $count.Name, $count.Count, $count.Target, $verdict)
        if ($count.Name -notlike 'Lines of*') {
            $count.Hits | Select-Object -First $Examples | ForEach-Object { Write-Host ('    {0}  {1}' -f $_.Where, $_.Text) }
        }
    }
}

# Each counter must see a violation: a copy of the tree's layout with one planted line per rule.
function Test-ArchitectureCounter {
    $root = Join-Path $TestRunDir 'architecture-plant'
    if (Test-Path $root) { Remove-Item $root -Recurse -Force }
    foreach ($folder in 'src/AapPacker/Commands', 'src/AapPacker.Engine/Api', 'src/AapPacker.Engine/Provisioning', 'src/AapPacker.Models') {
        $null = New-Item -ItemType Directory -Force -Path (Join-Path $root $folder)
    }
    Set-Content (Join-Path $root 'src/AapPacker.Engine/Provisioning/Planted.cs') @(
        '// "inventories/" in a comment does not count',
        'var status = job.String("status"); var id = doc.GetProperty("id");',
        'var path = "inventories/" + id + "/hosts/";',
        'throw Fail("-Organization");',
        'public sealed partial class PlantedPublic<T> : IDisposable',
        'internal sealed class PlantedInternal',
        '    public sealed class PlantedNested',
        '// public sealed class InAComment'
    )
    Set-Content (Join-Path $root 'src/AapPacker.Engine/Api/Listed.cs') @(
        'public enum Listed', 'public static class Unexplained', 'public delegate Task<int?> PlantedHandler(int id);',
        'public readonly record struct PlantedRecord(int Id);')
    Set-Content (Join-Path $root 'src/AapPacker.Engine/PublicTypes.txt') @('# a comment', 'Listed  users see it', 'Unexplained', 'Gone  no longer exists')
    Set-Content (Join-Path $root 'src/AapPacker.Engine/Api/Allowed.cs') 'var path = "jobs/" + id + "/cancel/"; var s = e.String("status");'
    Set-Content (Join-Path $root 'src/AapPacker/Commands/InvokeAapPackerProvisionCommand.cs') (1..300 | ForEach-Object { "// line $_" })
    $counts = Get-ArchitectureCount -Root $root
    # Public types: PlantedPublic, PlantedHandler, PlantedRecord (unlisted), Unexplained (listed without a reason),
    # Gone (listed, not a public type).
    $expected = @{ 'AAP field-name reads' = 2; 'REST path literals' = 2; 'Parameter-name literals' = 1; 'Public engine types' = 5; 'Lines of' = 300 }
    foreach ($count in $counts) {
        $key = $expected.Keys | Where-Object { $count.Name.StartsWith($_) }
        if ($count.Count -ne $expected[$key]) { "counter '$($count.Name)' saw $($count.Count) planted violations, expected $($expected[$key])" }
    }
    Remove-Item $root -Recurse -Force
}

function Invoke-ArchitectureSuite {
    $failures = [Collections.Generic.List[string]]::new()
    $passed = 0
    foreach ($problem in @(Test-ArchitectureCounter)) { $failures.Add($problem) }
    if ($failures.Count -eq 0) { $passed++ }
    $counts = Get-ArchitectureCount
    Show-ArchitectureCount $counts
    foreach ($count in $counts) {
        if ($count.Count -le $count.Target) { $passed++ } else { $failures.Add("$($count.Name): $($count.Count) > $($count.Target)") }
    }
    [pscustomobject]@{ Suite = 'Architecture'; Passed = $passed; Failed = $failures.Count; Skipped = 0; Note = $failures -join '; ' }
}
