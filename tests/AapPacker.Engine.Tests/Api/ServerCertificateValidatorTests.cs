using System.Net.Http;
using System.Net.Security;
using AapPacker.Engine.Api;
using AapPacker.Engine.Tests.TestSupport;

namespace AapPacker.Engine.Tests.Api;

/// <summary>The certificate decision: system trust, plus the bundle, a name match always, or anything when skipped.</summary>
public class ServerCertificateValidatorTests
{
    private static readonly HttpRequestMessage Request = new(HttpMethod.Get, "https://127.0.0.1:8043/api/");

    [Fact]
    public void System_trusted_certificates_pass()
    {
        using var certificates = TestCertificates.Create();
        using var validator = new ServerCertificateValidator(null, skip: false);
        Assert.True(validator.Validate(Request, certificates.Server, null, SslPolicyErrors.None));
    }

    [Fact]
    public void An_untrusted_chain_fails_without_a_bundle_and_says_why()
    {
        using var certificates = TestCertificates.Create();
        using var validator = new ServerCertificateValidator(null, skip: false);
        Assert.False(validator.Validate(Request, certificates.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("not trusted", validator.LastFailure);
    }

    [Fact]
    public void The_bundle_accepts_its_own_server()
    {
        using var certificates = TestCertificates.Create();
        using var validator = new ServerCertificateValidator(TrustedCertificateBundle.Load(certificates.BundlePath), skip: false);
        Assert.True(validator.Validate(Request, certificates.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_name_mismatch_fails_even_with_the_bundle()
    {
        using var certificates = TestCertificates.Create();
        using var validator = new ServerCertificateValidator(TrustedCertificateBundle.Load(certificates.BundlePath), skip: false);
        Assert.False(validator.Validate(Request, certificates.Server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("does not name the host", validator.LastFailure);
    }

    [Fact]
    public void Skip_accepts_anything()
    {
        using var certificates = TestCertificates.Create();
        using var validator = new ServerCertificateValidator(null, skip: true);
        Assert.True(validator.Validate(Request, certificates.Server, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
