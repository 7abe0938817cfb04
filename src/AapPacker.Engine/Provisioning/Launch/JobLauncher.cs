using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Launches a job template or workflow job template (aap-api.md §6.2, §6.5) and makes sure the job does what was
/// asked: a job or workflow job answer (a sliced template answers the latter) is accepted; anything in
/// <c>ignored_fields</c> cancels the job at once and fails; the job's inventory and credentials are verified.
/// It never makes two jobs: after a failed launch POST the job is looked up by the build's unique inventory
/// (<see cref="JobsResource.NewestOnInventoryAsync"/>) and followed if found; only when none exists is the
/// launch sent again, within the client's retry budget (<see cref="PostRetry"/>).
/// </summary>
internal sealed class JobLauncher
{
    private readonly IAapApi _api;
    private readonly TimeProvider _time;

    /// <summary>Creates a launcher.</summary>
    public JobLauncher(IAapApi api, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long to wait for the cancel of a job launched wrongly.</summary>
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts to find the job after a lost launch answer.</summary>
    public int ReconcileAttempts { get; set; } = 3;

    /// <summary>Pause between reconcile attempts.</summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Launches. <paramref name="expectedInventoryId"/> and <paramref name="expectedCredentialIds"/> are verified on the
    /// job; <paramref name="reconcileInventoryId"/> (unique to this build) enables recovery from a lost answer.
    /// </summary>
    public async Task<AapJob> LaunchAsync(bool workflowTemplate, int templateId, IDictionary<string, object?> payload,
        int? expectedInventoryId, IReadOnlyCollection<int>? expectedCredentialIds, int? reconcileInventoryId, string? buildId,
        CancellationToken cancellationToken)
    {
        var answer = await _api.Templates(workflowTemplate).LaunchAsync(templateId, payload,
            failure => FindAfterFailureAsync(workflowTemplate, templateId, reconcileInventoryId, failure, cancellationToken),
            cancellationToken).ConfigureAwait(false)
            ?? throw AapProvisioningException.Api(ProvisioningErrorKind.LaunchAnswerUnreadable, "AAP's launch answer names no job.", "Check the template's jobs in AAP.");

        var job = ToJob(answer.Job, templateId, buildId);
        if (answer.Reconciled)
        {
            return job; // a list item has no ignored_fields; the inventory match proves it is ours
        }

        if (answer.IgnoredFields.Count > 0)
        {
            foreach (var field in answer.IgnoredFields)
            {
                job.IgnoredFields.Add(field);
            }

            await CancelQuietlyAsync(job).ConfigureAwait(false);
            var settings = string.Join(", ", job.IgnoredFields.Select(f => LaunchField.ByKey(f) is { } lf ? $"'{lf.Setting}' ({lf.AskFlag})" : f));
            throw new AapProvisioningException(AapProvisionExitCode.ConfigurationError, ProvisioningErrorKind.LaunchFieldsIgnored,
                $"AAP ignored {string.Join(", ", job.IgnoredFields)} when launching {job.Type} {job.Id}, so it would not run as asked; it was canceled.",
                $"Turn on {settings} on the template, or do not pass those values.")
            { Job = job };
        }

        if (answer.Job.Kind == JobKind.Job)
        {
            if (expectedInventoryId.HasValue && job.InventoryId != expectedInventoryId)
            {
                await CancelQuietlyAsync(job).ConfigureAwait(false);
                throw new AapProvisioningException(AapProvisionExitCode.ConfigurationError, ProvisioningErrorKind.LaunchInventoryMismatch,
                    $"Job {job.Id} runs against inventory {job.InventoryId?.ToString(CultureInfo.InvariantCulture) ?? "<none>"}, not the requested inventory {expectedInventoryId.Value}; it was canceled.",
                    "Turn on 'Prompt on launch for Inventory' (ask_inventory_on_launch) on the template.")
                { Job = job };
            }

            var missing = (expectedCredentialIds ?? Array.Empty<int>()).Where(c => !job.CredentialIds.Contains(c)).ToList();
            if (missing.Count > 0 && job.CredentialIds.Count > 0)
            {
                await CancelQuietlyAsync(job).ConfigureAwait(false);
                throw new AapProvisioningException(AapProvisionExitCode.ConfigurationError, ProvisioningErrorKind.LaunchCredentialMismatch,
                    $"Job {job.Id} does not carry credential(s) {string.Join(", ", missing)}; it was canceled.",
                    "Turn on 'Prompt on launch for Credentials' (ask_credential_on_launch) on the template.")
                { Job = job };
            }
        }

        return job;
    }

    /// <summary>Maps a job AAP made (a launch answer, a job document or a job list item) to the model.</summary>
    public AapJob ToJob(JobRecord record, int templateId, string? buildId)
    {
        if (record is null)
        {
            throw new ArgumentNullException(nameof(record));
        }

        var job = new AapJob
        {
            Id = record.Id,
            Type = record.Kind.ApiName(),
            Name = record.Name,
            Status = string.IsNullOrEmpty(record.Status) ? "pending" : record.Status,
            TemplateId = templateId,
            InventoryId = record.InventoryId,
            BuildId = buildId,
            LaunchedAt = _time.GetUtcNow(),
            ApiPath = record.ApiPath ?? record.DefaultApiPath,
        };
        job.Url = UiLinks.Job(_api.Info, job.Type, job.Id);
        foreach (var credentialId in record.CredentialIds)
        {
            job.CredentialIds.Add(credentialId);
        }

        return job;
    }

    /// <summary>True when the launch may have happened but its answer never arrived.</summary>
    public static bool IsLostAnswer(AapApiException e)
        => e != null && e.MayHaveBeenApplied;

    /// <summary>
    /// Looks for the newest job of a template that runs against an inventory (the build's inventory is unique to it, so
    /// a match is this build's launch). Also checks workflow jobs, which a sliced job template answers with.
    /// </summary>
    public async Task<JobRecord?> FindLaunchedAsync(bool workflowTemplate, int templateId, int inventoryId, CancellationToken cancellationToken)
    {
        var kinds = workflowTemplate ? new[] { JobKind.WorkflowJob } : new[] { JobKind.Job, JobKind.WorkflowJob };
        foreach (var kind in kinds)
        {
            if (await _api.Jobs().NewestOnInventoryAsync(kind, workflowTemplate, templateId, inventoryId, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// After a failed launch POST: the job this build launched, when AAP made one, else null (launching again is safe).
    /// A failure that may have been carried out is looked up on the build's unique inventory, patiently when AAP may
    /// still be working on it; without that inventory such a failure cannot be told apart, so it ends the launch.
    /// </summary>
    private async Task<JobRecord?> FindAfterFailureAsync(bool workflowTemplate, int templateId, int? inventoryId, AapApiException failure,
        CancellationToken cancellationToken)
    {
        if (!failure.MayHaveBeenApplied)
        {
            return null; // 429, 503, 500: AAP refused or rolled back; nothing was launched
        }

        if (inventoryId is null)
        {
            throw AapProvisioningException.Api(ProvisioningErrorKind.LaunchResponseLost,
                $"The answer to the launch of template {templateId} was lost ({failure.AapMessage}); AapPacker cannot tell whether a job started, and never launches twice.",
                "Check the template's jobs in AAP before launching again.", failure);
        }

        // A gateway or client timeout may leave AAP still working on the launch: look several times before
        // concluding none was made. A reset or a proxy's 502 ends the upstream request, so one look tells.
        var attempts = PostRetry.MayStillBeInFlight(failure) ? ReconcileAttempts : 1;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                var found = await FindLaunchedAsync(workflowTemplate, templateId, inventoryId.Value, cancellationToken).ConfigureAwait(false);
                if (found != null)
                {
                    return found;
                }
            }
            catch (AapApiException) when (attempt < attempts)
            {
                // AAP may still be recovering from whatever lost the answer; look again.
            }

            if (attempt < attempts)
            {
                await _time.Delay(ReconcileDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>
    /// After an interrupt during the launch POST: the job may exist although its id never arrived. Finds it on the
    /// build's unique inventory and cancels it, on fresh bounded tokens. Returns the job, or null if none started.
    /// </summary>
    public async Task<AapJob?> CancelInterruptedLaunchAsync(bool workflowTemplate, int templateId, int inventoryId, string? buildId)
    {
        using (var bounded = _time.CreateCancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                if (await FindLaunchedAsync(workflowTemplate, templateId, inventoryId, bounded.Token).ConfigureAwait(false) is { } found)
                {
                    var job = ToJob(found, templateId, buildId);
                    await CancelQuietlyAsync(job).ConfigureAwait(false);
                    return job;
                }
            }
            catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
            {
                // Nothing more can be done here; the cleanup waits for any job anyway.
            }
        }

        return null;
    }

    private Task CancelQuietlyAsync(AapJob job) => new JobCanceller(_api, _time).CancelQuietlyAsync(job, CancelWait);

}
