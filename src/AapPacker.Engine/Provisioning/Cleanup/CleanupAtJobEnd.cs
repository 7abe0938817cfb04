using System;
using System.Threading.Tasks;
using AapPacker.Engine.Api.Resources;
using AapPacker.Models;

namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Passes a followed job's output and status on, and starts the build's cleanup the moment the job is first seen
/// terminal: AAP stores a job's last events a while after it ends, and the deletes need not wait for the output to be
/// read to its end (a round trip less after the job ends). Only the build's own job starts it, never a node job.
/// </summary>
internal sealed class CleanupAtJobEnd : IJobOutputSink
{
    private readonly IJobOutputSink _inner;
    private readonly AapJob _job;
    private readonly Func<Task<AapCleanupResult>> _cleanUp;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="cleanUp"/> runs once, when <paramref name="job"/> is terminal.</summary>
    public CleanupAtJobEnd(IJobOutputSink inner, AapJob job, Func<Task<AapCleanupResult>> cleanUp)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _job = job ?? throw new ArgumentNullException(nameof(job));
        _cleanUp = cleanUp ?? throw new ArgumentNullException(nameof(cleanUp));
    }

    /// <summary>The cleanup, once started; null while the job has not been seen terminal.</summary>
    public Task<AapCleanupResult>? Started { get; private set; }

    /// <inheritdoc />
    public void OnOutput(JobOutputLine line) => _inner.OnOutput(line);

    /// <inheritdoc />
    public void OnStatus(JobStatusUpdate update)
    {
        _inner.OnStatus(update);
        if (Started is null && update is not null && update.JobId == _job.Id && update.Kind == JobKind.Job && JobStatus.IsTerminal(update.Status))
        {
            // The cleanup removes nothing before the job it belongs to is terminal: this is what it checks.
            _job.Status = update.Status;
            Started = Task.Run(_cleanUp);
        }
    }
}
