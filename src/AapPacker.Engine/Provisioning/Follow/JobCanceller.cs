using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Cancels a job or workflow job (aap-api.md §7.2): the cancel answers 202 (again while it runs) or 405
/// when the job is already terminal; a running job reaches <c>canceled</c> only seconds later, so poll until the
/// status is terminal, within a bound.
/// </summary>
internal sealed class JobCanceller
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates a canceller.</summary>
    public JobCanceller(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How often to re-read the status while waiting.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Cancels <paramref name="job"/> on a fresh token bounded by <paramref name="waitBound"/> plus 10 s (the caller's
    /// is usually the canceled one) and records the last status seen; a failure is swallowed (the caller reports).
    /// </summary>
    public async Task CancelQuietlyAsync(AapPacker.Models.AapJob job, TimeSpan waitBound)
    {
        if (job is null || JobStatus.IsTerminal(job.Status))
        {
            return;
        }

        using (var bounded = _time.CreateCancellationTokenSource(waitBound + TimeSpan.FromSeconds(10)))
        {
            try
            {
                job.Status = await CancelAsync(job.KindOf(), job.Id, waitBound, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
            {
                // Reported by the caller; cleanup waits for the job anyway.
            }
        }
    }

    /// <summary>
    /// Cancels and waits up to <paramref name="waitBound"/> for a terminal status; returns the last status seen.
    /// Pass a token that is not the build's (canceled) one.
    /// </summary>
    public async Task<string> CancelAsync(JobKind kind, int jobId, TimeSpan waitBound, CancellationToken cancellationToken)
    {
        var jobs = _api.Jobs();
        try
        {
            // Cancelling twice is harmless (405 once the job is over), so a failed attempt is simply sent again.
            await _api.PostRetry.RunAsync("Cancel of " + kind.Noun() + " " + jobId.ToString(CultureInfo.InvariantCulture),
                async () =>
                {
                    await jobs.CancelAsync(kind, jobId, cancellationToken).ConfigureAwait(false);
                    return default(JsonElement);
                },
                _ => Task.FromResult<JsonElement?>(null), cancellationToken).ConfigureAwait(false);
        }
        catch (AapApiException e) when (e.Kind == AapErrorKind.MethodNotAllowed || e.StatusCode == 405)
        {
            // Already terminal: nothing to cancel.
        }

        var deadline = _time.GetUtcNow() + waitBound;
        var status = "";
        while (true)
        {
            status = (await jobs.GetAsync(kind, jobId, cancellationToken).ConfigureAwait(false)).Status;
            if (JobStatus.IsTerminal(status) || _time.GetUtcNow() >= deadline)
            {
                return status;
            }

            await _time.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
