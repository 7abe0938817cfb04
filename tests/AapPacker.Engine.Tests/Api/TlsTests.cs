using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>
/// TLS against a simulator whose certificate comes from a private CA made in the test: refused by system trust,
/// accepted with the CA's PEM bundle, accepted with the check turned off, refused with another CA's bundle.
/// </summary>
public class TlsTests(HttpsSimulatorFixture https) : IClassFixture<HttpsSimulatorFixture>
{
    private AapClientOptions Options()
    {
        Assert.Equal("https", https.BaseUri.Scheme);
        var options = Clients.TokenOptions(https.BaseUri);
        options.Retry = Clients.FastRetry(maxRetries: 3);
        return options;
    }

    [Fact]
    public async Task A_private_ca_is_refused_by_default_as_a_tls_error()
    {
        var options = Options();
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));

        Assert.Equal(AapErrorKind.Tls, error.Kind);
        Assert.Contains("-CertificateAuthorityPath", error.Message);
        Assert.Contains("not trusted", error.Message);
    }

    [Fact]
    public async Task Tls_failures_are_not_retried()
    {
        var log = new RecordingLog();
        var options = Options();
        options.Log = log;
        await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));
        Assert.DoesNotContain(log.Messages("Verbose"), m => m.Contains("retry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ca_bundle_makes_the_server_trusted()
    {
        var options = Options();
        options.CertificateAuthorityPath = https.Certificates.BundlePath;
        using var client = await Clients.ConnectAsync(options);

        Assert.Equal("admin", client.Info.User);
        Assert.False(client.Info.SkipCertificateCheck);
        await client.GetAsync("organizations/", CancellationToken.None);
    }

    [Fact]
    public async Task Another_cas_bundle_does_not()
    {
        using var other = TestCertificates.Create("Unrelated CA");
        var options = Options();
        options.CertificateAuthorityPath = other.BundlePath;
        var error = await Assert.ThrowsAsync<AapApiException>(() => Clients.ConnectAsync(options));

        Assert.Equal(AapErrorKind.Tls, error.Kind);
        Assert.Contains(other.BundlePath, error.Message);
    }

    [Fact]
    public async Task Skipping_the_check_accepts_the_certificate()
    {
        var options = Options();
        options.SkipCertificateCheck = true;
        using var client = await Clients.ConnectAsync(options);

        Assert.True(client.Info.SkipCertificateCheck);
        Assert.Equal("/api/controller/v2/", client.Info.ApiRoot);
    }

    [Fact]
    public async Task Any_name_the_certificate_carries_is_accepted_with_the_bundle()
    {
        var options = Options();
        options.CertificateAuthorityPath = https.Certificates.BundlePath;
        options.BaseUri = new UriBuilder(https.BaseUri) { Host = "localhost" }.Uri;
        using var client = await Clients.ConnectAsync(options);
        Assert.Equal("localhost", client.Info.Uri.Host);
    }
}
