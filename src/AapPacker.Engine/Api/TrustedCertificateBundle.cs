using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AapPacker.Engine.Api;

/// <summary>
/// The certificate authorities of a PEM bundle (<c>-CertificateAuthorityPath</c>), for servers signed by a
/// private CA. Parsed by hand (base64 between <c>BEGIN/END CERTIFICATE</c> lines) because .NET Framework has no
/// PEM reader.
/// </summary>
internal sealed class TrustedCertificateBundle : IDisposable
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";

    private TrustedCertificateBundle(string path, IReadOnlyList<X509Certificate2> certificates)
    {
        Path = path;
        Certificates = certificates;
    }

    /// <summary>Where the bundle was read from.</summary>
    public string Path { get; }

    /// <summary>The certificates of the bundle.</summary>
    public IReadOnlyList<X509Certificate2> Certificates { get; }

    /// <summary>Reads a PEM bundle; throws <see cref="AapConfigurationException"/> when it is missing or holds no certificate.</summary>
    public static TrustedCertificateBundle Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
        {
            throw new AapConfigurationException(
                "Cannot read the certificate authority bundle '" + path + "': " + ex.Message,
                "CertificateAuthorityPath", "Pass the path of a readable PEM file with -CertificateAuthorityPath.", ex);
        }

        var certificates = Parse(text, path);
        if (certificates.Count == 0)
        {
            throw new AapConfigurationException(
                "The certificate authority bundle '" + path + "' holds no PEM certificate (no '" + Begin + "' block).",
                "CertificateAuthorityPath", "Pass a PEM file with one or more CA certificates.");
        }

        return new TrustedCertificateBundle(path, certificates);
    }

    /// <summary>The certificates in PEM <paramref name="text"/>.</summary>
    internal static List<X509Certificate2> Parse(string text, string source)
    {
        var result = new List<X509Certificate2>();
        var position = 0;
        while (true)
        {
            var start = text.IndexOf(Begin, position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var bodyStart = start + Begin.Length;
            var end = text.IndexOf(End, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new AapConfigurationException(
                    "The certificate authority bundle '" + source + "' has a certificate block without '" + End + "'.",
                    "CertificateAuthorityPath");
            }

            var base64 = new string(text.Substring(bodyStart, end - bodyStart).Where(c => !char.IsWhiteSpace(c)).ToArray());
            try
            {
#pragma warning disable SYSLIB0057 // X509CertificateLoader does not exist on netstandard2.0/.NET Framework.
                result.Add(new X509Certificate2(Convert.FromBase64String(base64)));
#pragma warning restore SYSLIB0057
            }
            catch (Exception ex) when (ex is FormatException || ex is CryptographicException)
            {
                throw new AapConfigurationException(
                    "The certificate authority bundle '" + source + "' has a certificate that cannot be read: " + ex.Message,
                    "CertificateAuthorityPath", null, ex);
            }

            position = end + End.Length;
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="certificate"/> chains up to one of the bundle's certificates. The chain is built
    /// with the bundle as extra store and unknown roots allowed, then its root must be a bundle certificate:
    /// allowing unknown roots alone would accept any self-signed certificate.
    /// </summary>
    public bool ChainsToBundle(X509Certificate2 certificate, out string reason)
    {
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            foreach (var authority in Certificates)
            {
                chain.ChainPolicy.ExtraStore.Add(authority);
            }

            if (!chain.Build(certificate))
            {
                var problems = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0);
                reason = "the certificate chain is not valid (" + string.Join("; ", problems) + ").";
                return false;
            }

            var root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate;
            if (!Certificates.Any(c => string.Equals(c.Thumbprint, root.Thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                reason = "the certificate is not signed by a certificate authority in '" + Path + "' (its root is '" + root.Subject + "').";
                return false;
            }

            reason = string.Empty;
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var certificate in Certificates)
        {
            certificate.Dispose();
        }
    }
}
