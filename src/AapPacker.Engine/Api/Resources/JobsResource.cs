using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Provisioning;

namespace AapPacker.Engine.Api.Resources;

/// <summary>Jobs and workflow jobs (<c>jobs/</c>, <c>workflow_jobs/</c>): read, list, find a launch, cancel, recap.</summary>
internal sealed class JobsResource
{
    private readonly IAapApi _api;

    /// <summary>Wraps an API.</summary>
    public JobsResource(IAapApi api) => _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>One job or workflow job; an <see cref="AapApiException"/> of kind NotFound when there is none.</summary>
    public async Task<JobRecord> GetAsync(JobKind kind, int id, CancellationToken cancellationToken)
        => Read(await _api.GetAsync(Path(kind, id), cancellationToken).ConfigureAwait(false), kind);

    /// <summary>Jobs of one kind, newest first, following pages while the caller reads.</summary>
    public async IAsyncEnumerable<JobRecord> ListAsync(JobKind kind, JobListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query is null)
        {
            throw new ArgumentNullException(nameof(query));
        }

        var parts = new List<string> { "order_by=-id", "page_size=" + Id(Math.Min(Math.Max(query.PageSize, 1), 200)) };
        if (query.Statuses.Count > 0)
        {
            parts.Add("status__in=" + Uri.EscapeDataString(string.Join(",", query.Statuses)));
        }

        if (!string.IsNullOrEmpty(query.InventoryNamePrefix))
        {
            parts.Add("inventory__name__startswith=" + Uri.EscapeDataString(query.InventoryNamePrefix));
        }

        if (query.TemplateId.HasValue)
        {
            parts.Add((kind == JobKind.WorkflowJob ? "workflow_job_template=" : "job_template=") + Id(query.TemplateId.Value));
        }

        await foreach (var item in _api.ListAsync(kind.Collection() + "?" + string.Join("&", parts), cancellationToken).ConfigureAwait(false))
        {
            yield return Read(item, kind);
        }
    }

    /// <summary>
    /// The newest job of <paramref name="kind"/> launched from a template onto an inventory, or null. A job template
    /// makes jobs, or workflow jobs when sliced; a workflow job template makes workflow jobs.
    /// </summary>
    public async Task<JobRecord?> NewestOnInventoryAsync(JobKind kind, bool workflowTemplate, int templateId, int inventoryId, CancellationToken cancellationToken)
    {
        var query = kind == JobKind.Job
            ? "jobs/?inventory=" + Id(inventoryId) + "&job_template=" + Id(templateId) + "&order_by=-id"
            : "workflow_jobs/?" + (workflowTemplate ? "workflow_job_template=" : "job_template=") + Id(templateId) + "&inventory=" + Id(inventoryId) + "&order_by=-id";
        var page = await _api.GetAsync(query, cancellationToken).ConfigureAwait(false);
        return page.Property("results") is { ValueKind: JsonValueKind.Array } results && results.GetArrayLength() > 0
            ? Read(results[0].Clone(), kind)
            : null;
    }

    /// <summary>
    /// Asks AAP to cancel (one POST; wrap it in <see cref="PostRetry"/>): 202, again while it runs; an
    /// <see cref="AapApiException"/> with 405 when the job has already ended.
    /// </summary>
    public Task CancelAsync(JobKind kind, int id, CancellationToken cancellationToken)
        => _api.PostAsync(Path(kind, id) + "cancel/", null, cancellationToken);

    /// <summary>A job's recap, one line per host.</summary>
    public async Task<IReadOnlyList<JobHostSummary>> HostSummariesAsync(int jobId, CancellationToken cancellationToken)
    {
        var summaries = new List<JobHostSummary>();
        await foreach (var summary in _api.ListAsync(Path(JobKind.Job, jobId) + "job_host_summaries/", cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(new JobHostSummary
            {
                Host = summary.String("host_name") ?? summary.Path("summary_fields", "host")?.String("name") ?? "",
                Ok = summary.Int("ok") ?? 0,
                Changed = summary.Int("changed") ?? 0,
                Failures = summary.Int("failures") ?? 0,
                Unreachable = summary.Int("dark") ?? 0,
                Skipped = summary.Int("skipped") ?? 0,
                Rescued = summary.Int("rescued") ?? 0,
                Ignored = summary.Int("ignored") ?? 0,
            });
        }

        return summaries;
    }

    /// <summary>The API path of a job: <c>jobs/42/</c> or <c>workflow_jobs/42/</c>.</summary>
    public static string Path(JobKind kind, int id) => kind.Collection() + Id(id) + "/";

    private static JobRecord Read(JsonElement json, JobKind kind)
        => JobRecord.Read(json, kind) ?? throw new AapApiException(AapErrorKind.Protocol, "GET", kind.Collection(), null, "AAP answered a " + kind.Noun() + " without an id.");

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Access: <c>api.Jobs()</c>.</summary>
internal static class JobsResourceAccess
{
    /// <summary>Jobs and workflow jobs.</summary>
    public static JobsResource Jobs(this IAapApi api) => new JobsResource(api);
}
