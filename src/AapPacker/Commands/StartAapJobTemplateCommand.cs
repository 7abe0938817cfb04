using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// <para type="synopsis">Launches an AAP job template against the build's inventory and returns the job.</para>
/// <para type="description">Reads the template's launch requirements first and refuses anything AAP would ignore;
/// merges credentials with the template's; cancels the job and fails when AAP still ignores a field.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "AapJobTemplate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJob))]
public sealed class StartAapJobTemplateCommand : AapConnectedCmdlet
{
    /// <summary>The job template (name or id).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobTemplateNameCompleter))]
    public object JobTemplate { get; set; } = "";

    /// <summary>The organization whose template of that name is meant, when two organizations have one (name or id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OrganizationNameCompleter))]
    public string? Organization { get; set; }

    /// <summary>The inventory (object, host, id or name); from the pipeline.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? Inventory { get; set; }

    /// <summary>AAP credentials (objects, ids or names).</summary>
    [Parameter]
    [Alias("Credentials")]
    [ValidateNotNull]
    public object[]? AapCredential { get; set; }

    /// <summary>Extra variables: a hashtable or object (ConvertFrom-Json/ConvertFrom-Yaml), JSON or YAML text, or @file.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? ExtraVars { get; set; }

    /// <summary>Host pattern limit.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Limit { get; set; }

    /// <summary>Tags to run.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    /// <summary>Tags to skip.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SkipTag { get; set; }

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

    /// <summary>Labels (names or ids).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    /// <summary>Forks.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Forks { get; set; }

    /// <summary>Instance groups (names or ids).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? InstanceGroup { get; set; }

    /// <summary>Source control branch.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScmBranch { get; set; }

    /// <summary>Job slice count.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int JobSliceCount { get; set; }

    /// <summary>AAP's job timeout in seconds (0 = none).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int JobTimeout { get; set; }

    internal override object? ErrorTarget => JobTemplate;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // Pipeline-bound values change per record: take them on the pipeline thread.
        await ErrorRecordFactory.GuardAsync(async () =>
        {
            var (request, inventory) = await InvokeOnPipelineThreadAsync(BuildRequest).ConfigureAwait(false);
            await TemplateStart.RunAsync(this, request, inventory, cancellationToken).ConfigureAwait(false);
        }, () => JobTemplate).ConfigureAwait(false);
    }

    private (TemplateLaunchRequest Request, object? Inventory) BuildRequest()
    {
        var bound = MyInvocation.BoundParameters;
        var request = new TemplateLaunchRequest
        {
            Template = NameOrIdAttribute.ToReference(JobTemplate) ?? NameOrId.FromText(""),
            Organization = Organization,
            ExtraVars = ExtraVarsInput.Read(this, ExtraVars),
            Labels = new List<string>(Label ?? System.Array.Empty<string>()),
            ExecutionEnvironment = ExecutionEnvironment,
            InstanceGroups = new List<string>(InstanceGroup ?? System.Array.Empty<string>()),
            Launch = new LaunchRequest
            {
                Limit = Limit,
                JobTags = Tag is null ? null : string.Join(",", Tag),
                SkipTags = SkipTag is null ? null : string.Join(",", SkipTag),
                Verbosity = bound.ContainsKey(nameof(Verbosity)) ? Verbosity : (int?)null,
                DiffMode = bound.ContainsKey(nameof(DiffMode)) ? DiffMode.IsPresent : (bool?)null,
                JobType = JobType,
                Forks = bound.ContainsKey(nameof(Forks)) ? Forks : (int?)null,
                ScmBranch = ScmBranch,
                JobSliceCount = bound.ContainsKey(nameof(JobSliceCount)) ? JobSliceCount : (int?)null,
                Timeout = bound.ContainsKey(nameof(JobTimeout)) ? JobTimeout : (int?)null,
            },
        };
        request.Credentials = TemplateStart.CredentialKeys(AapCredential);
        return (request, Inventory);
    }
}
