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

/// <summary>
/// Follows a job or workflow job to its end and streams its output (aap-api.md §7, §8). Polls adaptively: fast right
/// after launch and while status or output changes, backing off to <see cref="JobFollowOptions.MaxPollInterval"/>
/// on a quiet job. A job is finished when its status is terminal and AAP has stored all its events
/// (<c>event_processing_finished</c>; <c>error</c>/<c>canceled</c> may never set it, and the flag gets a grace
/// timeout). A workflow is finished when it is terminal and each spawned node job is; every node job's output
/// is streamed under a header naming the node, and any failed node fails the result.
/// </summary>
public sealed class JobFollower
{
    private readonly IAapApi _api;
    private readonly JobFollowOptions _options;
    private readonly TimeProvider _time;

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
        return WithBuildAsync(job.Type == "workflow_job"
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
        var path = "jobs/" + Id(jobId) + "/";
        var started = _time.GetUtcNow();
        var cursor = new JobOutputCursor(jobId, path, _options.GapTimeout, _time);
        var interval = _options.MinPollInterval;
        string? lastStatus = null;
        DateTimeOffset? terminalAt = null;
        var timedOut = false;
        JsonElement detail;
        while (true)
        {
            detail = await _api.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var status = detail.String("status") ?? "";
            var changed = status != lastStatus;
            lastStatus = status;
            var now = _time.GetUtcNow();
            sink.OnStatus(new JobStatusUpdate(jobId, "job", detail.String("name") ?? "", status, now - started, changed));
            var terminal = JobStatus.IsTerminal(status);
            if (terminal && terminalAt is null)
            {
                terminalAt = now;
            }

            var eventsStored = terminal && EventsStored(detail, status, now - terminalAt!.Value);
            var emitted = 0;
            if (!_options.NoOutput)
            {
                emitted = await cursor.ReadAsync(_api, eventsStored, sink.OnOutput, cancellationToken).ConfigureAwait(false);
            }

            // The recap is a playbook's last event: once it is out, a terminal job's output is complete, without
            // waiting seconds more for event_processing_finished. With all events stored, the output is complete
            // only once the cursor has read them all (a big backlog takes more than one read).
            if ((eventsStored && (_options.NoOutput || cursor.CaughtUp)) || (terminal && cursor.RecapEmitted))
            {
                break;
            }

            if (TimedOut(started, now))
            {
                timedOut = true;
                detail = await OnTimeoutAsync("job", jobId, path, detail, sink, cancellationToken).ConfigureAwait(false);
                break;
            }

            // A terminal job whose last events are not read yet ends within moments: stay at the fastest until then.
            interval = NextInterval(interval, Activity(changed || terminal || cursor.RecapEmitted, emitted), _options);
            await DelayAsync(interval, started, cancellationToken).ConfigureAwait(false);
        }

        var result = await BuildJobResultAsync(detail, jobId, cancellationToken).ConfigureAwait(false);
        result.TimedOut = timedOut;
        result.OutputLines = cursor.LinesEmitted;
        return result;
    }

    private async Task<AapJobResult> FollowWorkflowAsync(int workflowJobId, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        var path = "workflow_jobs/" + Id(workflowJobId) + "/";
        var started = _time.GetUtcNow();
        var interval = _options.MinPollInterval;
        var nodes = new Dictionary<int, NodeState>();
        string? lastStatus = null;
        DateTimeOffset? terminalAt = null;
        var headerJob = -1;
        var timedOut = false;
        JsonElement detail;
        List<JsonElement> nodeList;
        while (true)
        {
            detail = await _api.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var status = detail.String("status") ?? "";
            var changed = status != lastStatus;
            lastStatus = status;
            var now = _time.GetUtcNow();
            sink.OnStatus(new JobStatusUpdate(workflowJobId, "workflow_job", detail.String("name") ?? "", status, now - started, changed));
            var terminal = JobStatus.IsTerminal(status);
            if (terminal && terminalAt is null)
            {
                terminalAt = now;
            }

            nodeList = await ListAsync(path + "workflow_nodes/", cancellationToken).ConfigureAwait(false);
            var activity = changed;
            foreach (var node in nodeList.OrderBy(n => n.Int("id") ?? 0))
            {
                var jobId = node.Int("job") ?? node.Path("summary_fields", "job")?.Int("id");
                if (jobId is null)
                {
                    continue;
                }

                var nodeId = node.Int("id") ?? 0;
                if (!nodes.TryGetValue(nodeId, out var state))
                {
                    state = new NodeState(jobId.Value, node.Path("summary_fields", "job")?.String("type") ?? "job",
                        new JobOutputCursor(jobId.Value, "jobs/" + Id(jobId.Value) + "/", _options.GapTimeout, _time));
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

                var jobStatus = node.Path("summary_fields", "job")?.String("status") ?? "";
                if (state.JobType != "job")
                {
                    state.Done = JobStatus.IsTerminal(jobStatus);
                    continue;
                }

                var jobTerminal = JobStatus.IsTerminal(jobStatus);
                var eventsStored = false;
                JsonElement? jobDetail = null;
                if (jobTerminal)
                {
                    jobDetail = await _api.GetAsync("jobs/" + Id(state.JobId) + "/", cancellationToken).ConfigureAwait(false);
                    state.TerminalAt ??= now;
                    eventsStored = EventsStored(jobDetail.Value, jobStatus, now - state.TerminalAt.Value);
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
                    activity |= emitted > 0;
                }

                if ((eventsStored && (_options.NoOutput || state.Cursor.CaughtUp)) || (jobTerminal && state.Cursor.RecapEmitted))
                {
                    state.Done = true;
                    state.Result = await BuildJobResultAsync(jobDetail!.Value, state.JobId, cancellationToken).ConfigureAwait(false);
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
                detail = await OnTimeoutAsync("workflow_job", workflowJobId, path, detail, sink, cancellationToken).ConfigureAwait(false);
                nodeList = await ListAsync(path + "workflow_nodes/", cancellationToken).ConfigureAwait(false);
                break;
            }

            interval = NextInterval(interval, activity ? PollActivity.Ending : PollActivity.Quiet, _options);
            await DelayAsync(interval, started, cancellationToken).ConfigureAwait(false);
        }

        var result = BaseResult(detail, workflowJobId, "workflow_job");
        result.TimedOut = timedOut;
        foreach (var node in nodeList.OrderBy(n => n.Int("id") ?? 0))
        {
            var summary = node.Path("summary_fields", "job");
            var jobId = node.Int("job") ?? summary?.Int("id");
            var nodeResult = new AapWorkflowNodeResult
            {
                NodeId = node.Int("id") ?? 0,
                Identifier = node.String("identifier"),
                TemplateName = node.Path("summary_fields", "unified_job_template")?.String("name") ?? summary?.String("name") ?? "",
                JobId = jobId,
                JobType = summary?.String("type"),
                Status = jobId is null ? (node.Bool("do_not_run") ? "not run" : "not started") : summary?.String("status") ?? "unknown",
            };
            nodeResult.Failed = JobStatus.IsFailure(nodeResult.Status) || (summary?.Bool("failed") ?? false);
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

    private bool EventsStored(JsonElement detail, string status, TimeSpan sinceTerminal)
        => detail.Bool("event_processing_finished") || status == "error" || status == "canceled"
           || sinceTerminal >= _options.EventProcessingGrace;

    private async Task<JsonElement> OnTimeoutAsync(string type, int id, string path, JsonElement detail, IJobOutputSink sink, CancellationToken cancellationToken)
    {
        if (!_options.CancelOnTimeout)
        {
            return detail;
        }

        sink.OnOutput(new JobOutputLine(id, -1, $"[AapPacker: timed out after {_options.Timeout}; canceling {type} {Id(id)}]", JobOutputLineKind.Notice));
        await new JobCanceller(_api, _time).CancelAsync(type, id, _options.CancelWait, cancellationToken).ConfigureAwait(false);
        return await _api.GetAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private bool TimedOut(DateTimeOffset started, DateTimeOffset now)
        => _options.Timeout.HasValue && now - started >= _options.Timeout.Value;

    private static PollActivity Activity(bool ending, int linesEmitted)
        => ending ? PollActivity.Ending : linesEmitted > 0 ? PollActivity.Output : PollActivity.Quiet;

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

    private Task DelayAsync(TimeSpan interval, DateTimeOffset started, CancellationToken cancellationToken)
    {
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

    private async Task<List<JsonElement>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        await foreach (var item in _api.ListAsync(path, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item.Clone());
        }

        return items;
    }

    private async Task<AapJobResult> BuildJobResultAsync(JsonElement detail, int jobId, CancellationToken cancellationToken)
    {
        var result = BaseResult(detail, jobId, "job");
        try
        {
            foreach (var summary in await ListAsync("jobs/" + Id(jobId) + "/job_host_summaries/", cancellationToken).ConfigureAwait(false))
            {
                result.HostRecaps.Add(new AapHostRecap
                {
                    Host = summary.String("host_name") ?? summary.Path("summary_fields", "host")?.String("name") ?? "",
                    Ok = summary.Int("ok") ?? 0,
                    Changed = summary.Int("changed") ?? 0,
                    Failed = summary.Int("failures") ?? 0,
                    Unreachable = summary.Int("dark") ?? 0,
                    Skipped = summary.Int("skipped") ?? 0,
                    Rescued = summary.Int("rescued") ?? 0,
                    Ignored = summary.Int("ignored") ?? 0,
                });
            }
        }
        catch (AapApiException e) when (e.Kind != AapErrorKind.Unauthorized)
        {
            // The recap is a summary; the job's status already decided the outcome.
        }

        return result;
    }

    private AapJobResult BaseResult(JsonElement detail, int id, string type)
    {
        var status = detail.String("status") ?? "";
        var result = new AapJobResult
        {
            Id = id,
            Type = type,
            Name = detail.String("name") ?? "",
            Url = UiLinks.Job(_api.Info, type, id),
            Status = status,
            Failed = detail.Bool("failed") || JobStatus.IsFailure(status),
            Elapsed = TimeSpan.FromSeconds(detail.Double("elapsed") ?? 0),
            Started = detail.Date("started"),
            Finished = detail.Date("finished"),
            JobExplanation = detail.String("job_explanation") ?? "",
        };
        if (detail.Property("artifacts") is { ValueKind: JsonValueKind.Object } artifacts
            && JsonValues.FromJson(artifacts) is Dictionary<string, object?> values)
        {
            result.Artifacts = values;
        }

        return result;
    }

    private static string NodeHeader(JsonElement node, int jobId)
    {
        var name = node.Path("summary_fields", "unified_job_template")?.String("name") ?? node.Path("summary_fields", "job")?.String("name") ?? "";
        var identifier = node.String("identifier");
        var label = string.IsNullOrEmpty(identifier) || Guid.TryParse(identifier, out _) ? "node " + Id(node.Int("id") ?? 0) : "node " + identifier;
        return $"===== workflow {label}: {name} (job {Id(jobId)}) =====";
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class NodeState
    {
        public NodeState(int jobId, string jobType, JobOutputCursor cursor)
        {
            JobId = jobId;
            JobType = jobType;
            Cursor = cursor;
        }

        public int JobId { get; }

        public string JobType { get; }

        public JobOutputCursor Cursor { get; }

        public bool Done { get; set; }

        public DateTimeOffset? TerminalAt { get; set; }

        public AapJobResult? Result { get; set; }
    }
}
