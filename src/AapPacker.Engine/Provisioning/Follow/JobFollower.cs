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
/// Follows a job or workflow job to its end and streams its output (aap-api.md §7, §8). Polls adaptively: fast right
/// after launch and while status or output changes, backing off to <see cref="JobFollowOptions.MaxPollInterval"/>
/// on a quiet job. A job is finished when its status is terminal and AAP has stored all its events
/// (<c>event_processing_finished</c>; <c>error</c>/<c>canceled</c> may never set it, and the flag gets a grace
/// timeout). A workflow is finished when it is terminal and each spawned node job is; every node job's output
/// is streamed under a header naming the node, and any failed node fails the result.
/// </summary>
internal sealed class JobFollower
{
    private readonly IAapApi _api;
    private readonly JobFollowOptions _options;
    private readonly TimeProvider _time;
    private (int JobId, IReadOnlyList<JobHostSummary> Hosts)? _recap;

    /// <summary>Creates a follower.</summary>
    public JobFollower(IAapApi api, JobFollowOptions? options = null, TimeProvider? timeProvider = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _options = options ?? new JobFollowOptions();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Follows the job; returns its result (<see cref="AapJobResult.TimedOut"/> set on timeout).</summary>
    public Task<AapJobResult> FollowAsync(AapJob job, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        if (job is null)
        {
            throw new ArgumentNullException(nameof(job));
        }

        sink ??= NullProvisionReporter.Instance;
        return WithBuildAsync(job.KindOf() == JobKind.WorkflowJob
            ? FollowWorkflowAsync(job.Id, sink, cancellationToken)
            : FollowJobAsync(job.Id, sink, cancellationToken), job.BuildId);
    }

    private static async Task<AapJobResult> WithBuildAsync(Task<AapJobResult> following, string? buildId)
    {
        var result = await following.ConfigureAwait(false);
        result.BuildId ??= buildId;
        return result;
    }

    private async Task<AapJobResult> FollowJobAsync(int jobId, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        var jobs = _api.Jobs();
        var started = _time.GetUtcNow();
        var cursor = new JobOutputCursor(jobId, _options.GapTimeout, _time);
        var interval = _options.MinPollInterval;
        string? lastStatus = null;
        DateTimeOffset? terminalAt = null;
        var timedOut = false;
        var eventsStoredBefore = false;
        JobRecord detail;
        while (true)
        {
            var polled = _time.GetUtcNow();

            // The job's status and its next events are read at once: a poll costs one round trip, not two. The read
            // may only treat a gap as final when an earlier poll saw every event stored (this poll's answer comes too late).
            var reading = _options.NoOutput ? Task.FromResult(0) : cursor.ReadAsync(_api, eventsStoredBefore, sink.OnOutput, cancellationToken);
            detail = await jobs.GetAsync(JobKind.Job, jobId, cancellationToken).SettlingOnFailureAsync(reading).ConfigureAwait(false);

            var status = detail.Status;
            var changed = status != lastStatus;
            lastStatus = status;
            var now = _time.GetUtcNow();
            sink.OnStatus(new JobStatusUpdate(jobId, JobKind.Job, detail.Name, status, now - started, changed));
            var terminal = JobStatus.IsTerminal(status);
            if (terminal && terminalAt is null)
            {
                terminalAt = now;
            }

            var eventsStored = terminal && EventsStored(detail, status, now - terminalAt!.Value);
            var emitted = await reading.ConfigureAwait(false);

            // The recap is a playbook's last event: once it is out, a terminal job's output is complete, without
            // waiting seconds more for event_processing_finished. With all events stored, the output is complete
            // only once a read that knew it has caught up (a big backlog takes more than one read).
            if ((eventsStored && _options.NoOutput) || (eventsStoredBefore && cursor.CaughtUp) || (terminal && cursor.RecapEmitted))
            {
                break;
            }

            if (TimedOut(started, now))
            {
                timedOut = true;
                detail = await OnTimeoutAsync(JobKind.Job, jobId, detail, sink, cancellationToken).ConfigureAwait(false);
                break;
            }

            var firstSeenStored = eventsStored && !eventsStoredBefore;
            eventsStoredBefore = eventsStored;
            if (firstSeenStored)
            {
                // Every event is stored (a job without a recap, e.g. one in error): read the rest now, no pause.
                continue;
            }

            // A terminal job whose last events are not read yet ends within moments: stay at the fastest until then.
            interval = NextInterval(interval, Activity(changed || terminal || cursor.RecapEmitted, emitted, cursor.GapAge, _options), _options);
            var pause = terminal ? WhileEnding(interval, now - terminalAt!.Value, _options) : interval;
            await DelayAsync(pause, started, polled, cancellationToken).ConfigureAwait(false);
        }

        _recap = cursor.RecapHosts is { } hosts ? (jobId, hosts) : null;
        var result = HostRecapsLater ? BaseResult(detail, jobId, JobKind.Job) : await BuildJobResultAsync(detail, jobId, cancellationToken).ConfigureAwait(false);
        result.TimedOut = timedOut;
        result.OutputLines = cursor.LinesEmitted;
        return result;
    }

    private async Task<AapJobResult> FollowWorkflowAsync(int workflowJobId, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        var jobs = _api.Jobs();
        var workflowJobs = _api.WorkflowJobs();
        var started = _time.GetUtcNow();
        var interval = _options.MinPollInterval;
        var nodes = new Dictionary<int, NodeState>();
        string? lastStatus = null;
        DateTimeOffset? terminalAt = null;
        var headerJob = -1;
        var timedOut = false;
        JobRecord detail;
        IReadOnlyList<WorkflowNode> nodeList;
        while (true)
        {
            var polled = _time.GetUtcNow();
            detail = await jobs.GetAsync(JobKind.WorkflowJob, workflowJobId, cancellationToken).ConfigureAwait(false);
            var status = detail.Status;
            var changed = status != lastStatus;
            lastStatus = status;
            var now = _time.GetUtcNow();
            sink.OnStatus(new JobStatusUpdate(workflowJobId, JobKind.WorkflowJob, detail.Name, status, now - started, changed));
            var terminal = JobStatus.IsTerminal(status);
            if (terminal && terminalAt is null)
            {
                terminalAt = now;
            }

            nodeList = await workflowJobs.NodesAsync(workflowJobId, cancellationToken).ConfigureAwait(false);
            var activity = changed;
            foreach (var node in nodeList.OrderBy(n => n.Id))
            {
                var jobId = node.JobId;
                if (jobId is null)
                {
                    continue;
                }

                var nodeId = node.Id;
                if (!nodes.TryGetValue(nodeId, out var state))
                {
                    state = new NodeState(jobId.Value, node.RunsPlaybook,
                        new JobOutputCursor(jobId.Value, _options.GapTimeout, _time));
                    nodes[nodeId] = state;
                    activity = true;
                    if (!_options.NoOutput)
                    {
                        sink.OnOutput(new JobOutputLine(jobId.Value, -1, NodeHeader(node, jobId.Value), JobOutputLineKind.Header));
                        headerJob = jobId.Value;
                    }
                }

                if (state.Done)
                {
                    continue;
                }

                var jobStatus = node.JobStatus;
                if (!state.RunsPlaybook)
                {
                    state.Done = JobStatus.IsTerminal(jobStatus);
                    continue;
                }

                var jobTerminal = JobStatus.IsTerminal(jobStatus);
                var eventsStored = false;
                JobRecord? jobDetail = null;
                if (jobTerminal)
                {
                    jobDetail = await jobs.GetAsync(JobKind.Job, state.JobId, cancellationToken).ConfigureAwait(false);
                    state.TerminalAt ??= now;
                    eventsStored = EventsStored(jobDetail, jobStatus, now - state.TerminalAt.Value);
                }

                if (!_options.NoOutput)
                {
                    var emitted = await state.Cursor.ReadAsync(_api, eventsStored, line =>
                    {
                        if (headerJob != state.JobId)
                        {
                            sink.OnOutput(new JobOutputLine(state.JobId, -1, NodeHeader(node, state.JobId), JobOutputLineKind.Header));
                            headerJob = state.JobId;
                        }

                        sink.OnOutput(line);
                    }, cancellationToken).ConfigureAwait(false);
                    activity |= emitted > 0 || WaitingAtGap(state.Cursor.GapAge, _options);
                }

                if ((eventsStored && (_options.NoOutput || state.Cursor.CaughtUp)) || (jobTerminal && state.Cursor.RecapEmitted))
                {
                    state.Done = true;
                    state.Result = await BuildJobResultAsync(jobDetail!, state.JobId, cancellationToken).ConfigureAwait(false);
                    state.Result.OutputLines = state.Cursor.LinesEmitted;
                }
            }

            // A workflow has no events of its own; it is done when terminal and every spawned job is done (the
            // grace bounds a node job whose event flag never turns true).
            if (terminal && (nodes.Values.All(n => n.Done) || now - terminalAt!.Value >= _options.EventProcessingGrace))
            {
                break;
            }

            if (TimedOut(started, now))
            {
                timedOut = true;
                detail = await OnTimeoutAsync(JobKind.WorkflowJob, workflowJobId, detail, sink, cancellationToken).ConfigureAwait(false);
                nodeList = await workflowJobs.NodesAsync(workflowJobId, cancellationToken).ConfigureAwait(false);
                break;
            }

            interval = NextInterval(interval, activity ? PollActivity.Ending : PollActivity.Quiet, _options);
            await DelayAsync(interval, started, polled, cancellationToken).ConfigureAwait(false);
        }

        var result = BaseResult(detail, workflowJobId, JobKind.WorkflowJob);
        result.TimedOut = timedOut;
        foreach (var node in nodeList.OrderBy(n => n.Id))
        {
            var nodeResult = new AapWorkflowNodeResult
            {
                NodeId = node.Id,
                Identifier = node.Identifier,
                TemplateName = node.TemplateName ?? node.JobName ?? "",
                JobId = node.JobId,
                JobType = node.JobTypeName,
                Status = node.JobId is null ? (node.DoNotRun ? "not run" : "not started") : node.JobStatus.Length == 0 ? "unknown" : node.JobStatus,
            };
            nodeResult.Failed = JobStatus.IsFailure(nodeResult.Status) || node.JobFailed;
            if (nodes.TryGetValue(nodeResult.NodeId, out var state) && state.Result != null)
            {
                nodeResult.Result = state.Result;
                nodeResult.Status = state.Result.Status;
                nodeResult.Failed = state.Result.Failed;
                foreach (var recap in state.Result.HostRecaps)
                {
                    result.HostRecaps.Add(recap);
                }

                result.OutputLines += state.Result.OutputLines;
            }

            result.Nodes.Add(nodeResult);
        }

        // A workflow can end successful while a node failed on a handled path; a build must not pass then.
        result.Failed = result.Failed || result.Nodes.Any(n => n.Failed);
        return result;
    }

    private bool EventsStored(JobRecord detail, string status, TimeSpan sinceTerminal)
        => detail.EventProcessingFinished || status == "error" || status == "canceled"
           || sinceTerminal >= _options.EventProcessingGrace;

    private async Task<JobRecord> OnTimeoutAsync(JobKind kind, int id, JobRecord detail, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        if (!_options.CancelOnTimeout)
        {
            return detail;
        }

        sink.OnOutput(new JobOutputLine(id, -1, $"[AapPacker: timed out after {_options.Timeout}; canceling {kind.ApiName()} {Id(id)}]", JobOutputLineKind.Notice));
        await new JobCanceller(_api, _time).CancelAsync(kind, id, _options.CancelWait, cancellationToken).ConfigureAwait(false);
        return await _api.Jobs().GetAsync(kind, id, cancellationToken).ConfigureAwait(false);
    }

    private bool TimedOut(DateTimeOffset started, DateTimeOffset now)
        => _options.Timeout.HasValue && now - started >= _options.Timeout.Value;

    /// <summary>
    /// What a poll saw. Lines held back at a gap younger than <see cref="JobFollowOptions.GapPollWindow"/> count as
    /// output: the events after it are stored, so the one missing is moments away and the pause should not grow.
    /// </summary>
    internal static PollActivity Activity(bool ending, int linesEmitted, TimeSpan? gapAge, JobFollowOptions options)
        => ending ? PollActivity.Ending
            : linesEmitted > 0 || WaitingAtGap(gapAge, options) ? PollActivity.Output
            : PollActivity.Quiet;

    private static bool WaitingAtGap(TimeSpan? gapAge, JobFollowOptions options) => gapAge.HasValue && gapAge.Value < options.GapPollWindow;

    /// <summary>
    /// The pause before the next poll: the fastest when the job is changing state or ending; half the last pause
    /// when output arrived (a steady stream is followed at the fastest, one line on a quiet job costs a poll or
    /// two, not a burst); else 1.5× up to the slowest.
    /// </summary>
    internal static TimeSpan NextInterval(TimeSpan current, PollActivity activity, JobFollowOptions options)
    {
        switch (activity)
        {
            case PollActivity.Ending:
                return options.MinPollInterval;
            case PollActivity.Output:
                var half = TimeSpan.FromTicks(current.Ticks / 2);
                return half < options.MinPollInterval ? options.MinPollInterval : half;
            default:
                var next = TimeSpan.FromTicks((long)(current.Ticks * 1.5));
                return next > options.MaxPollInterval ? options.MaxPollInterval : next;
        }
    }

    /// <summary>
    /// The pause before the next poll of a terminal job whose output is not complete yet: <see cref="JobFollowOptions.EndingPollInterval"/>
    /// within <see cref="JobFollowOptions.EndingWindow"/> of the terminal status (its last events are about to be
    /// stored), else <paramref name="interval"/>.
    /// </summary>
    internal static TimeSpan WhileEnding(TimeSpan interval, TimeSpan sinceTerminal, JobFollowOptions options)
        => sinceTerminal < options.EndingWindow && options.EndingPollInterval < interval ? options.EndingPollInterval : interval;

    /// <summary>
    /// What is left of <paramref name="interval"/> once the poll itself took <paramref name="polling"/>: polls are
    /// <paramref name="interval"/> apart from one start to the next, so a distant AAP (100 ms a request) is polled as often
    /// as a near one, never more often, and a job's end is seen a round trip sooner.
    /// </summary>
    internal static TimeSpan PauseAfterPoll(TimeSpan interval, TimeSpan polling)
        => polling <= TimeSpan.Zero ? interval : polling >= interval ? TimeSpan.Zero : interval - polling;

    private Task DelayAsync(TimeSpan interval, DateTimeOffset started, DateTimeOffset polled, CancellationToken cancellationToken)
    {
        interval = PauseAfterPoll(interval, _time.GetUtcNow() - polled);
        if (_options.Timeout.HasValue)
        {
            var left = started + _options.Timeout.Value - _time.GetUtcNow();
            if (left < interval)
            {
                interval = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        return _time.Delay(interval, cancellationToken);
    }

    /// <summary>
    /// A job's result comes back without its host recaps; the caller reads them with <see cref="AddHostRecapsAsync"/>,
    /// beside its own next requests (a build's cleanup), a round trip less after the job ends. Workflows ignore it.
    /// </summary>
    public bool HostRecapsLater { get; set; }

    /// <summary>
    /// Adds a job's host recaps to <paramref name="result"/> after <see cref="HostRecapsLater"/>: from the recap event
    /// streamed with the output, else from <c>job_host_summaries/</c>; never throws: the recap is a summary, the job's
    /// status already decided.
    /// </summary>
    public async Task AddHostRecapsAsync(AapJobResult result, CancellationToken cancellationToken)
    {
        if (result is null)
        {
            throw new ArgumentNullException(nameof(result));
        }

        try
        {
            await AddHostRecapsCoreAsync(result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AapApiException || e is OperationCanceledException)
        {
        }
    }

    private async Task<AapJobResult> BuildJobResultAsync(JobRecord detail, int jobId, CancellationToken cancellationToken)
    {
        var result = BaseResult(detail, jobId, JobKind.Job);
        try
        {
            await AddHostRecapsCoreAsync(result, cancellationToken).ConfigureAwait(false);
        }
        catch (AapApiException e) when (e.Kind != AapErrorKind.Unauthorized)
        {
            // The recap is a summary; the job's status already decided the outcome.
        }

        return result;
    }

    private async Task AddHostRecapsCoreAsync(AapJobResult result, CancellationToken cancellationToken)
    {
        // The recap event streamed with the output carries the counts AAP makes its host summaries from: no request.
        var summaries = _recap is { } recap && recap.JobId == result.Id
            ? recap.Hosts
            : await _api.Jobs().HostSummariesAsync(result.Id, cancellationToken).ConfigureAwait(false);
        foreach (var summary in summaries)
        {
            result.HostRecaps.Add(new AapHostRecap
            {
                Host = summary.Host,
                Ok = summary.Ok,
                Changed = summary.Changed,
                Failed = summary.Failures,
                Unreachable = summary.Unreachable,
                Skipped = summary.Skipped,
                Rescued = summary.Rescued,
                Ignored = summary.Ignored,
            });
        }
    }

    private AapJobResult BaseResult(JobRecord detail, int id, JobKind kind)
    {
        var status = detail.Status;
        var result = new AapJobResult
        {
            Id = id,
            Type = kind.ApiName(),
            Name = detail.Name,
            Url = UiLinks.Job(_api.Info, kind.ApiName(), id),
            Status = status,
            Failed = detail.Failed || JobStatus.IsFailure(status),
            Elapsed = TimeSpan.FromSeconds(detail.Elapsed),
            Started = detail.Started,
            Finished = detail.Finished,
            JobExplanation = detail.JobExplanation,
        };
        if (detail.Artifacts is Dictionary<string, object?> values)
        {
            result.Artifacts = values;
        }

        return result;
    }

    private static string NodeHeader(WorkflowNode node, int jobId)
    {
        var name = node.TemplateName ?? node.JobName ?? "";
        var identifier = node.Identifier;
        var label = string.IsNullOrEmpty(identifier) || Guid.TryParse(identifier, out _) ? "node " + Id(node.Id) : "node " + identifier;
        return $"===== workflow {label}: {name} (job {Id(jobId)}) =====";
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class NodeState
    {
        public NodeState(int jobId, bool runsPlaybook, JobOutputCursor cursor)
        {
            JobId = jobId;
            RunsPlaybook = runsPlaybook;
            Cursor = cursor;
        }

        public int JobId { get; }

        public bool RunsPlaybook { get; }

        public JobOutputCursor Cursor { get; }

        public bool Done { get; set; }

        public DateTimeOffset? TerminalAt { get; set; }

        public AapJobResult? Result { get; set; }
    }
}
