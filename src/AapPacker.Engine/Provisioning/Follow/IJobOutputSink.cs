namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Receives a followed job's output lines and status. Called from thread-pool threads, one call at a time; the
/// cmdlet queues the calls to the pipeline thread.
/// </summary>
internal interface IJobOutputSink
{
    /// <summary>A line of output (or a header/notice), in order.</summary>
    void OnOutput(JobOutputLine line);

    /// <summary>The status after each poll (<see cref="JobStatusUpdate.Changed"/> marks changes).</summary>
    void OnStatus(JobStatusUpdate update);
}
