using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AapPacker.Simulator.Tests;

public sealed class HttpsTests
{
    [Fact]
    public async Task Given_a_server_certificate_the_simulator_serves_https()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var exportable = X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Layout = "gateway", ServerCertificate = exportable, ManualClock = true });
        Assert.Equal("https", sim.BaseUri.Scheme);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == exportable.Thumbprint };
        using var http = new HttpClient(handler) { BaseAddress = sim.BaseUri };
        using var response = await http.GetAsync("/api/controller/v2/ping/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
