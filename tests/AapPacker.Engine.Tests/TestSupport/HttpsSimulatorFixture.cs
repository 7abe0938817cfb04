namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>A simulator serving HTTPS with a certificate from a private test CA.</summary>
public sealed class HttpsSimulatorFixture : SimulatorFixture
{
    public TestCertificates Certificates { get; } = TestCertificates.Create();

    /// <inheritdoc />
    public override string Layout => "gateway";

    /// <inheritdoc />
    protected override AapPacker.Simulator.SimulatorOptions CreateOptions()
    {
        var options = base.CreateOptions();
        options.ServerCertificate = Certificates.Server;
        return options;
    }

    /// <inheritdoc />
    protected override void OnDisposed() => Certificates.Dispose();

    /// <inheritdoc />
    protected override HttpMessageHandler CreateControlHandler() => new HttpClientHandler
    {
        UseProxy = false,
        // The control client only checks that it talks to this fixture's own certificate.
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate != null && certificate.Thumbprint == Certificates.Server.Thumbprint,
    };
}
