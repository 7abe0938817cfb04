using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>Workflow jobs' nodes (<c>workflow_jobs/N/workflow_nodes/</c>); the workflow job itself is read with <see cref="JobsResource"/>.</summary>
internal sealed class WorkflowJobsResource
{
    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public WorkflowJobsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>Every node of a workflow job, with the job each spawned.</summary>
    public async Task<IReadOnlyList<WorkflowNode>> NodesAsync(int workflowJobId, CancellationToken cancellationToken)
    {
        var nodes = new List<WorkflowNode>();
        await foreach (var node in _api.ListAsync(JobsResource.Path(JobKind.WorkflowJob, workflowJobId) + "workflow_nodes/", cancellationToken).ConfigureAwait(false))
        {
            var job = node.Path("summary_fields", "job");
            var type = job?.String("type");
            nodes.Add(new WorkflowNode
            {
                Id = node.Int("id") ?? 0,
                Identifier = node.String("identifier"),
                JobId = node.Int("job") ?? job?.Int("id"),
                JobTypeName = type,
                JobKind = JobKinds.TryParse(type),
                JobStatus = job?.String("status") ?? "",
                JobName = job?.String("name"),
                JobFailed = job?.Bool("failed") ?? false,
                TemplateName = node.Path("summary_fields", "unified_job_template")?.String("name"),
                DoNotRun = node.Bool("do_not_run"),
            });
        }

        return nodes;
    }
}

/// <summary>Access: <c>api.WorkflowJobs()</c>.</summary>
internal static class WorkflowJobsResourceAccess
{
    /// <summary>Workflow jobs' nodes.</summary>
    public static WorkflowJobsResource WorkflowJobs(this IAapApi api) => new WorkflowJobsResource(api);
}
