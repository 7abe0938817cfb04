using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning
{
    /// <summary>Reads jobs for <c>Get-AapJob</c> and <c>Wait-AapJob -Id</c>.</summary>
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

            throw AapProvisioningException.Configuration("JobNotFound", $"There is no job with id {id} (or you cannot see it).", "Check -Id.");
        }

        /// <summary>Maps a job or workflow job document.</summary>
        public AapJob ToJob(JsonElement detail, string type)
        {
            var job = new JobLauncher(_api, _time).ToJob(detail, type == "workflow_job",
                detail.Int("job_template") ?? detail.Int("workflow_job_template") ?? 0, null);
            job.Type = type;
            job.Url = UiLinks.Job(_api.Info, type, job.Id);
            job.LaunchedAt = detail.Date("created");
            return job;
        }
    }
}
