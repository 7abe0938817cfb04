namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Receives a followed job's output lines and status. Called from thread-pool threads, one call at a time; the
/// cmdlet queues the calls to the pipeline thread.
/// </summary>
public interface IJobOutputSink
{
    /// <summary>A line of output (or a header/notice), in order.</summary>
    void OnOutput(JobOutputLine line);

    /// <summary>The status after each poll (<see cref="JobStatusUpdate.Changed"/> marks changes).</summary>
    void OnStatus(JobStatusUpdate update);
}

/// <summary>
/// Receives the plain-text lifecycle of <see cref="ProvisioningSession"/>: connected, inventory, host, credential,
/// job launched with its URL, output, recap, cleanup; and warnings. Never receives a secret.
/// </summary>
public interface IProvisionReporter : IJobOutputSink
{
    /// <summary>A lifecycle line.</summary>
    void Lifecycle(string message);

    /// <summary>Something the user should act on.</summary>
    void Warning(string message);
}

/// <summary>A sink that drops everything.</summary>
public sealed class NullProvisionReporter : IProvisionReporter
{
    /// <summary>The shared instance.</summary>
    public static readonly NullProvisionReporter Instance = new NullProvisionReporter();

    /// <inheritdoc />
    public void OnOutput(JobOutputLine line) { }

    /// <inheritdoc />
    public void OnStatus(JobStatusUpdate update) { }

    /// <inheritdoc />
    public void Lifecycle(string message) { }

    /// <inheritdoc />
    public void Warning(string message) { }
}
