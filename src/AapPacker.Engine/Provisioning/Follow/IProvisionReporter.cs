namespace AapPacker.Engine.Provisioning;

/// <summary>
/// Receives the plain-text lifecycle of <see cref="ProvisioningSession"/>: connected, inventory, host, credential,
/// job launched with its URL, output, recap, cleanup; and warnings. Never receives a secret.
/// </summary>
internal interface IProvisionReporter : IJobOutputSink
{
    /// <summary>A lifecycle line.</summary>
    void Lifecycle(string message);

    /// <summary>Something the user should act on.</summary>
    void Warning(string message);
}
