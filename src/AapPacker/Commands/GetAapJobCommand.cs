using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Gets AAP jobs and workflow jobs: one by id, or the newest, filtered by status, template or build.
/// With -Job (alias -Id, as on Wait-AapJob and Stop-AapJob), reads a job object again, or
/// tries an id as a job, then as a workflow job; a job that does not exist (or that the user cannot see) is a
/// non-terminating ObjectNotFound error, so a pipeline of ids goes on. Without -Job,
/// lists the newest jobs and workflow jobs (-First, default 20), filtered by -Status, -JobTemplate or
/// -WorkflowJobTemplate, and -BuildId.
/// </summary>
[Cmdlet(VerbsCommon.Get, "AapJob", DefaultParameterSetName = ListSet)]
[OutputType(typeof(AapJob))]
public sealed class GetAapJobCommand : AapConnectedCmdlet
{
    private const string ListSet = "List";
    private const string JobSet = "Job";

    /// <summary>The job: a job object (read again), or a job id. The same name as on Wait-AapJob and Stop-AapJob; -Id still works.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = JobSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNull]
    public object? Job { get; set; }

    /// <summary>Only jobs with these statuses.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateSet("new", "pending", "waiting", "running", "successful", "failed", "error", "canceled")]
#pragma warning disable CA1819 // PowerShell binds arrays.
    public string[]? Status { get; set; }
#pragma warning restore CA1819

    /// <summary>Only jobs of this job template (a name as text, an id as a number).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(JobTemplateNameCompleter))]
    public object? JobTemplate { get; set; }

    /// <summary>Only workflow jobs of this workflow job template (a name as text, an id as a number).</summary>
    [Parameter(ParameterSetName = ListSet)]
    [NameOrId]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(WorkflowJobTemplateNameCompleter))]
    public object? WorkflowJobTemplate { get; set; }

    /// <summary>Only jobs of this build (build id or Packer run UUID), found through its temporary inventory.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string? BuildId { get; set; }

    /// <summary>At most this many jobs, the newest first.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, 10000)]
    public int First { get; set; } = 20;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var (set, input, filter) = await InvokeOnPipelineThreadAsync(ReadBound).ConfigureAwait(false);
        var queries = new JobQueries(new AapClientApi(ResolveClient()));
        if (set == JobSet)
        {
            try
            {
                var (id, kind, given) = JobReference.Identify(input);
                var job = await queries.GetAsync(id, kind, cancellationToken).ConfigureAwait(false);
                job.BuildId ??= given?.BuildId;
                QueueObject(job);
            }
            catch (AapProvisioningException e)
            {
                QueueError(ErrorRecordFactory.Create(e, input));
            }

            return;
        }

        await ErrorRecordFactory.GuardAsync(async () =>
        {
            foreach (var job in await queries.ListAsync(filter, cancellationToken).ConfigureAwait(false))
            {
                QueueObject(job);
            }
        }, () => filter.Template?.Text).ConfigureAwait(false);
    }

    private (string Set, object? Job, JobListFilter Filter) ReadBound()
    {
        if (JobTemplate != null && WorkflowJobTemplate != null)
        {
            throw new CmdletTerminatingException(AapErrorMapper.Create(
                new System.ArgumentException("-JobTemplate and -WorkflowJobTemplate were both given; a job comes from one template."),
                AapErrorIds.ConfigurationInvalid, ErrorCategory.InvalidArgument, JobTemplate,
                "Pass -JobTemplate for jobs or -WorkflowJobTemplate for workflow jobs, or run Get-AapJob once for each."));
        }

        var filter = new JobListFilter
        {
            First = First,
            BuildId = BuildId,
            Template = NameOrIdAttribute.ToReference(JobTemplate) ?? NameOrIdAttribute.ToReference(WorkflowJobTemplate),
            TemplateIsWorkflow = JobTemplate is null && WorkflowJobTemplate != null,
        };
        foreach (var status in Status ?? System.Array.Empty<string>())
        {
            filter.Statuses.Add(status.ToLowerInvariant());
        }

        return (ParameterSetName, Job, filter);
    }
}
