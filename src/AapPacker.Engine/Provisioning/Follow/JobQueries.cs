using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Reads jobs for <c>Get-AapJob</c>, <c>Wait-AapJob</c> and <c>Stop-AapJob</c> (their <c>-Job</c>).</summary>
internal sealed class JobQueries
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates the reader.</summary>
    public JobQueries(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// A job by id. <paramref name="kind"/> null tries a job first, then a workflow job (AAP's unified job ids are
    /// shared, so at most one matches). Throws <see cref="AapProvisioningException"/> when none.
    /// </summary>
    public async Task<AapJob> GetAsync(int id, JobKind? kind, CancellationToken cancellationToken)
    {
        foreach (var candidate in kind is null ? new[] { JobKind.Job, JobKind.WorkflowJob } : new[] { kind.Value })
        {
            try
            {
                return ToJob(await _api.Jobs().GetAsync(candidate, id, cancellationToken).ConfigureAwait(false));
            }
            catch (AapApiException e) when (e.Kind == AapErrorKind.NotFound)
            {
                // try the next kind
            }
        }

        throw AapProvisioningException.Configuration(ProvisioningErrorKind.JobNotFound, $"There is no job with id {id} (or you cannot see it).", $"Check {Fields.Job}: the job id as the AAP web UI shows it.");
    }

    /// <summary>
    /// Jobs and workflow jobs, newest first, at most <see cref="JobListFilter.First"/>: by status, by template (job
    /// templates' jobs, or workflow templates' workflow jobs), and by build (jobs on the build's temporary inventory,
    /// found while that inventory exists: AAP clears a job's inventory when the inventory is deleted).
    /// </summary>
    public async Task<IReadOnlyList<AapJob>> ListAsync(JobListFilter filter, CancellationToken cancellationToken)
    {
        if (filter is null)
        {
            throw new ArgumentNullException(nameof(filter));
        }

        var build = string.IsNullOrWhiteSpace(filter.BuildId) ? null : BuildIdentity.Sanitize(filter.BuildId!);
        var kinds = new List<(JobKind Kind, JobListQuery Query)>();
        if (filter.Template is null)
        {
            kinds.Add((JobKind.Job, Query(filter, build, null)));
            kinds.Add((JobKind.WorkflowJob, Query(filter, build, null)));
        }
        else
        {
            var resolver = new NamedObjectResolver(_api);
            var template = filter.TemplateIsWorkflow
                ? await resolver.WorkflowJobTemplateAsync(filter.Template, null, cancellationToken).ConfigureAwait(false)
                : await resolver.JobTemplateAsync(filter.Template, null, cancellationToken).ConfigureAwait(false);
            kinds.Add((JobKinds.OfTemplate(filter.TemplateIsWorkflow), Query(filter, build, template.Id)));
        }

        var jobs = new List<AapJob>();
        foreach (var (kind, query) in kinds)
        {
            var taken = 0;
            await foreach (var item in _api.Jobs().ListAsync(kind, query, cancellationToken).ConfigureAwait(false))
            {
                var job = ToJob(item);
                if (build != null && (job.BuildId is null || !BuildNaming.BuildIdMatches(job.BuildId, build)))
                {
                    continue;
                }

                jobs.Add(job);
                if (++taken >= filter.First)
                {
                    break;
                }
            }
        }

        return jobs.OrderByDescending(j => j.Id).Take(filter.First).ToList();
    }

    /// <summary>Maps a job or workflow job read from AAP.</summary>
    public AapJob ToJob(JobRecord record)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        var job = new JobLauncher(_api, _time).ToJob(record, record.TemplateId ?? 0, null);
        job.LaunchedAt = record.Created;
        if (BuildNaming.TryParseDescription(record.InventoryDescription, out var buildId, out _))
        {
            job.BuildId = buildId;
        }

        return job;
    }

    private static JobListQuery Query(JobListFilter filter, string? build, int? templateId)
    {
        var query = new JobListQuery
        {
            PageSize = Math.Min(Math.Max(filter.First, 1), 200),
            InventoryNamePrefix = build is null ? null : BuildNaming.NamePrefix + build,
            TemplateId = templateId,
        };
        foreach (var status in filter.Statuses)
        {
            query.Statuses.Add(status);
        }

        return query;
    }
}
