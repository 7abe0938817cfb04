using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AapPacker.Commands.Provision;
using AapPacker.Engine.Api;
using AapPacker.Engine.Provisioning;
using AapPacker.Infrastructure;
using AapPacker.Models;

namespace AapPacker.Commands;

/// <summary>
/// Waits for an AAP job to finish while streaming its output, and returns the result.
/// Follows a job or workflow job with the engine's JobFollower, writes every output line
/// to the Information stream (tags AapPacker, JobOutput, job-&lt;id&gt;), and returns an AapJobResult. A job that
/// does not succeed, or a timeout, is a terminating error with the result attached, unless -PassThru.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "AapJob")]
[OutputType(typeof(AapJobResult))]
public sealed class WaitAapJobCommand : AapConnectedCmdlet
{
    /// <summary>The job: an AapJob, or a job id. -Id as on Get-AapJob.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Id")]
    [ValidateNotNull]
    public object Job { get; set; } = null!;

    /// <summary>How long to wait (a TimeSpan, or a number of seconds).</summary>
    [Parameter]
    [SecondsOrTimeSpan]
    [ValidateDuration(MinimumSeconds = 1, MaximumSeconds = 7 * 86400, Hint = "Omit -Timeout to wait without a limit.")]
    public TimeSpan Timeout { get; set; }

    /// <summary>Cancel the job at the timeout.</summary>
    [Parameter]
    public SwitchParameter CancelOnTimeout { get; set; }

    /// <summary>Do not stream the output.</summary>
    [Parameter]
    public SwitchParameter NoOutput { get; set; }

    /// <summary>Return the result of a job that did not succeed instead of failing.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    internal override object? ErrorTarget => Job;

    /// <inheritdoc />
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var timeoutGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout));
        var api = new AapClientApi(ResolveClient());
        AapJob job;
        try
        {
            job = await JobReference.ResolveAsync(api, Job, cancellationToken).ConfigureAwait(false);
        }
        catch (AapProvisioningException e)
        {
            throw new CmdletTerminatingException(ErrorRecordFactory.Create(e, Job));
        }

        var reporter = new CmdletJobReporter(this, CiLog.Detect(ProcessEnvironment.Read()), toHost: false, progress: true);
        var options = new JobFollowOptions
        {
            Timeout = timeoutGiven ? Timeout : (TimeSpan?)null,
            CancelOnTimeout = CancelOnTimeout,
            NoOutput = NoOutput,
        };

        QueueVerbose($"Waiting for {job}: {job.Url}");
        AapJobResult result;
        try
        {
            result = await new JobFollower(api, options).FollowAsync(job, reporter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C (or SIGTERM) while waiting: the job must not keep running against a build that is going away.
            await new JobCanceller(api).CancelQuietlyAsync(job, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            reporter.Complete();
        }

        QueueVerbose(result.ToString());
        if (result.ExitCode != AapProvisionExitCode.Success)
        {
            reporter.Annotate(ErrorRecordFactory.JobResultMessage(result) + " " + result.Url);
            if (!PassThru)
            {
                throw new CmdletTerminatingException(ErrorRecordFactory.ForJobResult(result));
            }
        }

        QueueObject(result);
    }
}
