namespace AapPacker.Engine.Provisioning;

/// <summary>A sink that drops everything.</summary>
internal sealed class NullProvisionReporter : IProvisionReporter
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
