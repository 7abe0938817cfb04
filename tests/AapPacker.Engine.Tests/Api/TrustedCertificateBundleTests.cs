using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>The PEM bundle reader and the chain check behind -CertificateAuthorityPath.</summary>
public class TrustedCertificateBundleTests
{
    [Fact]
    public void Reads_every_certificate_of_a_bundle()
    {
        using var first = TestCertificates.Create("First CA");
        using var second = TestCertificates.Create("Second CA");
        var path = first.WriteFile("two.pem", "comment line\n" + TestCertificates.ToPem(first.Authority) + "\r\n" + TestCertificates.ToPem(second.Authority));
        using var bundle = TrustedCertificateBundle.Load(path);
        Assert.Equal([first.Authority.Thumbprint, second.Authority.Thumbprint], bundle.Certificates.Select(c => c.Thumbprint));
    }

    [Fact]
    public void A_file_without_certificates_is_a_configuration_error()
    {
        using var certificates = TestCertificates.Create();
        var path = certificates.WriteFile("empty.pem", "not a certificate");
        var error = Assert.Throws<AapConfigurationException>(() => TrustedCertificateBundle.Load(path));
        Assert.Equal("CertificateAuthorityPath", error.Setting);
    }

    [Fact]
    public void A_missing_file_is_a_configuration_error()
    {
        var error = Assert.Throws<AapConfigurationException>(() => TrustedCertificateBundle.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "ca.pem")));
        Assert.Equal("CertificateAuthorityPath", error.Setting);
    }

    [Fact]
    public void A_server_certificate_chains_to_its_own_ca_only()
    {
        using var mine = TestCertificates.Create("Mine");
        using var other = TestCertificates.Create("Other");
        using var bundle = TrustedCertificateBundle.Load(mine.BundlePath);
        Assert.True(bundle.ChainsToBundle(mine.Server, out _));
        Assert.False(bundle.ChainsToBundle(other.Server, out var reason));
        Assert.NotEmpty(reason);
    }
}
