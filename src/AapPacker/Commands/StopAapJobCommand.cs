using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Commands.Shared;
using AapPacker.Engine.Api;
using AapPacker.Engine.Api.Resources;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Cancels an AAP job or workflow job and waits until AAP reports it canceled.
/// AAP cancels asynchronously; the cmdlet follows the job until it is terminal and returns
/// it. A job that had already ended gets a warning and is returned as it is.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "AapJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AapJob))]
public sealed class StopAapJobCommand : AapConnectedCmdlet
{
    /// <summary>How long to wait for AAP to finish the cancel before reporting an error.</summary>
    private static readonly TimeSpan CancelWait = TimeSpan.FromMinutes(5);

    /// <summary>The job: an object from Start-AapJobTemplate or Get-AapJob, or a job id. -Id as on Get-AapJob.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Id")]
    [ValidateNotNull]
    public object? Job { get; set; }

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var input = await InvokeOnPipelineThreadAsync(() => Job).ConfigureAwait(false);
        await ErrorRecordFactory.GuardAsync(() => StopAsync(input, cancellationToken), () => input).ConfigureAwait(false);
    }

    private async Task StopAsync(object? input, CancellationToken cancellationToken)
    {
        var api = new AapClientApi(ResolveClient());
        var queries = new JobQueries(api);
        var (id, kind, given) = JobReference.Identify(input);
        var job = await queries.GetAsync(id, kind, cancellationToken).ConfigureAwait(false);
        job.BuildId ??= given?.BuildId;
        if (job.IsFinished)
        {
            QueueWarning($"{Capital(job.ToString())} has already ended; there is nothing to cancel.");
            QueueObject(job);
            return;
        }

        if (!await ShouldProcessAsync(job.ToString(), "Cancel").ConfigureAwait(false))
        {
            return;
        }

        var status = await new JobCanceller(api).CancelAsync(job.KindOf(), job.Id, CancelWait, cancellationToken).ConfigureAwait(false);
        if (!JobStatus.IsTerminal(status))
        {
            throw new AapProvisioningException(AapProvisionExitCode.TimedOut, ProvisioningErrorKind.JobCancelTimedOut,
                $"AAP accepted the cancel of {job.KindOf().Noun()} {job.Id.ToString(CultureInfo.InvariantCulture)}, but it is still '{status}' after {CancelWait.TotalMinutes} minutes.",
                "Check the job in the AAP web UI; its execution node may be unreachable.")
            { Job = job };
        }

        var final = await queries.GetAsync(job.Id, job.KindOf(), cancellationToken).ConfigureAwait(false);
        final.BuildId ??= job.BuildId;
        if (final.Status != "canceled")
        {
            QueueWarning($"{Capital(final.ToString())} ended before the cancel took effect.");
        }
        else
        {
            QueueVerbose($"Canceled {final}");
        }

        QueueObject(final);
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
}
