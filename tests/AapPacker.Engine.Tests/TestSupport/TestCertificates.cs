using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AapPacker.Engine.Tests.TestSupport;

/// <summary>
/// A private certificate authority and a server certificate it signed for 127.0.0.1 and localhost, made in
/// memory for TLS tests, plus the CA as a PEM bundle file.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, string bundlePath, string directory)
    {
        Authority = authority;
        Server = server;
        BundlePath = bundlePath;
        _directory = directory;
    }

    private readonly string _directory;

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>A PEM file holding the CA certificate.</summary>
    public string BundlePath { get; }

    /// <summary>Makes a CA named <paramref name="name"/> and a server certificate signed by it.</summary>
    public static TestCertificates Create(string name = "AapPacker Test CA")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=" + name, caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(serverRequest.PublicKey, false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        using var signed = serverRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(29), serial);
        using var signedWithKey = signed.CopyWithPrivateKey(serverKey);

        // Round-trip through PKCS#12 so Kestrel gets a certificate whose key it can use on every platform.
        var server = X509CertificateLoader.LoadPkcs12(signedWithKey.Export(X509ContentType.Pkcs12), null);
        var authority = X509CertificateLoader.LoadCertificate(caWithKey.Export(X509ContentType.Cert));

        var _directory = Path.Combine(Path.GetTempPath(), "aappacker-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var bundlePath = Path.Combine(_directory, "ca.pem");
        File.WriteAllText(bundlePath, ToPem(authority), Encoding.ASCII);
        return new TestCertificates(authority, server, bundlePath, _directory);
    }

    /// <summary>PEM text of a certificate.</summary>
    public static string ToPem(X509Certificate2 certificate)
        => "-----BEGIN CERTIFICATE-----\n" +
           Convert.ToBase64String(certificate.RawData, Base64FormattingOptions.InsertLineBreaks) +
           "\n-----END CERTIFICATE-----\n";

    /// <summary>Writes <paramref name="text"/> to a new file beside the bundle and returns its path.</summary>
    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, Encoding.ASCII);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
