using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>Reads jobs for <c>Get-AapJob</c>, <c>Wait-AapJob</c> and <c>Stop-AapJob</c> (their <c>-Job</c>).</summary>
public sealed class JobQueries
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
    /// A job by id. <paramref name="type"/> <c>job</c> or <c>workflow_job</c>; null tries a job first, then a workflow job
    /// (AAP's unified job ids are shared, so at most one matches). Throws <see cref="AapProvisioningException"/> when none.
    /// </summary>
    public async Task<AapJob> GetAsync(int id, string? type, CancellationToken cancellationToken)
    {
        foreach (var candidate in type is null ? new[] { "job", "workflow_job" } : new[] { type })
        {
            try
            {
                var detail = await _api.GetAsync(JobStatus.Collection(candidate) + id.ToString(CultureInfo.InvariantCulture) + "/", cancellationToken).ConfigureAwait(false);
                return ToJob(detail, candidate);
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

        var query = new List<string> { "order_by=-id", "page_size=" + Math.Min(Math.Max(filter.First, 1), 200).ToString(CultureInfo.InvariantCulture) };
        if (filter.Statuses.Count > 0)
        {
            query.Add("status__in=" + Uri.EscapeDataString(string.Join(",", filter.Statuses)));
        }

        var build = string.IsNullOrWhiteSpace(filter.BuildId) ? null : BuildIdentity.Sanitize(filter.BuildId!);
        if (build != null)
        {
            query.Add("inventory__name__startswith=" + Uri.EscapeDataString(BuildNaming.NamePrefix + build));
        }

        var kinds = new List<(string Type, string Query)>();
        if (filter.Template is null)
        {
            kinds.Add(("job", string.Join("&", query)));
            kinds.Add(("workflow_job", string.Join("&", query)));
        }
        else
        {
            var resolver = new NamedObjectResolver(_api);
            var template = filter.TemplateIsWorkflow
                ? await resolver.WorkflowJobTemplateAsync(filter.Template, null, cancellationToken).ConfigureAwait(false)
                : await resolver.JobTemplateAsync(filter.Template, null, cancellationToken).ConfigureAwait(false);
            var field = filter.TemplateIsWorkflow ? "workflow_job_template=" : "job_template=";
            kinds.Add((filter.TemplateIsWorkflow ? "workflow_job" : "job", string.Join("&", query) + "&" + field + template.Id.ToString(CultureInfo.InvariantCulture)));
        }

        var jobs = new List<AapJob>();
        foreach (var (type, text) in kinds)
        {
            var taken = 0;
            await foreach (var item in _api.ListAsync(JobStatus.Collection(type) + "?" + text, cancellationToken).ConfigureAwait(false))
            {
                var job = ToJob(item, type);
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

    /// <summary>Maps a job or workflow job document.</summary>
    public AapJob ToJob(JsonElement detail, string type)
    {
        var job = new JobLauncher(_api, _time).ToJob(detail, type == "workflow_job",
            detail.Int("job_template") ?? detail.Int("workflow_job_template") ?? 0, null);
        job.Type = type;
        job.Url = UiLinks.Job(_api.Info, type, job.Id);
        job.LaunchedAt = detail.Date("created");
        if (job.BuildId is null
            && BuildNaming.TryParseDescription(detail.Path("summary_fields", "inventory")?.String("description"), out var buildId, out _))
        {
            job.BuildId = buildId;
        }

        return job;
    }
}

/// <summary>What <see cref="JobQueries.ListAsync"/> selects.</summary>
public sealed class JobListFilter
{
    /// <summary>Statuses to keep (AAP's names); empty = any.</summary>
    public IList<string> Statuses { get; } = new List<string>();

    /// <summary>Only jobs of this template; null = any template.</summary>
    public NameOrId? Template { get; set; }

    /// <summary>True when <see cref="Template"/> names a workflow job template.</summary>
    public bool TemplateIsWorkflow { get; set; }

    /// <summary>Only jobs of this build (a build id, or a Packer run UUID); null = any.</summary>
    public string? BuildId { get; set; }

    /// <summary>At most this many jobs (the newest).</summary>
    public int First { get; set; } = 20;
}
