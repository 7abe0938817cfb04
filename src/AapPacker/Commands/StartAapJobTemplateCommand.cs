using System.Collections.Generic;
using System.Management.Automation;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Launches an AAP job template against the build's inventory and returns the job.
/// Reads the template's launch requirements first and refuses anything AAP would ignore;
/// merges credentials with the template's; cancels the job and fails when AAP still ignores a field.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AapJobTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJob))]
public sealed class StartAapJobTemplateCommand : StartAapTemplateCommandBase
{
    /// <summary>The job template (name or id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobTemplateNameCompleter))]
    public object JobTemplate { get; set; } = "";

    /// <summary>0 (normal) to 5.</summary>
    [Parameter]
    [ValidateRange(0, 5)]
    public int Verbosity { get; set; }

    /// <summary>Show changes.</summary>
    [Parameter]
    public SwitchParameter DiffMode { get; set; }

    /// <summary>run or check.</summary>
    [Parameter]
    [ValidateSet("run", "check")]
    public string? JobType { get; set; }

    /// <summary>Execution environment (name or id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ExecutionEnvironment { get; set; }

    /// <summary>Forks.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Forks { get; set; }

    /// <summary>Instance groups (names or ids).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? InstanceGroup { get; set; }

    /// <summary>Job slice count.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int JobSliceCount { get; set; }

    /// <summary>AAP's job timeout in seconds (0 = none).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int JobTimeout { get; set; }

    private protected override object Template => JobTemplate;

    private protected override bool IsWorkflow => false;

    private protected override void Configure(TemplateLaunchRequest request)
    {
        var bound = MyInvocation.BoundParameters;
        request.ExecutionEnvironment = ExecutionEnvironment;
        request.InstanceGroups = new List<string>(InstanceGroup ?? System.Array.Empty<string>());
        var launch = request.Launch;
        launch.Verbosity = bound.ContainsKey(nameof(Verbosity)) ? Verbosity : (int?)null;
        launch.DiffMode = bound.ContainsKey(nameof(DiffMode)) ? DiffMode.IsPresent : (bool?)null;
        launch.JobType = JobType;
        launch.Forks = bound.ContainsKey(nameof(Forks)) ? Forks : (int?)null;
        launch.JobSliceCount = bound.ContainsKey(nameof(JobSliceCount)) ? JobSliceCount : (int?)null;
        launch.Timeout = bound.ContainsKey(nameof(JobTimeout)) ? JobTimeout : (int?)null;
    }
}
