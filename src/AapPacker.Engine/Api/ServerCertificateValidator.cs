using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AapPacker.Engine.Api;

/// <summary>
/// Decides whether to trust the server's certificate: the system trust store by default, plus a private CA
/// bundle when one is given, or anything when the user opted out. It remembers why it refused, so the
/// <see cref="AapErrorKind.Tls"/> error can say it.
/// </summary>
internal sealed class ServerCertificateValidator : IDisposable
{
    private readonly TrustedCertificateBundle? _bundle;
    private readonly bool _skip;
    private volatile string? _lastFailure;

    public ServerCertificateValidator(TrustedCertificateBundle? bundle, bool skip)
    {
        _bundle = bundle;
        _skip = skip;
    }

    /// <summary>Why the last certificate was refused, if one was.</summary>
    public string? LastFailure => _lastFailure;

    /// <summary>The callback for <see cref="HttpClientHandler.ServerCertificateCustomValidationCallback"/>.</summary>
    public bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_skip)
        {
            return true;
        }

        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return Refuse("the server sent no certificate.");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return Refuse("the certificate '" + certificate.Subject + "' does not name the host " + request.RequestUri?.Host + ".");
        }

        if (_bundle is null)
        {
            return Refuse("the certificate '" + certificate.Subject + "' (issued by '" + certificate.Issuer + "') is not trusted by this system.");
        }

        return _bundle.ChainsToBundle(certificate, out var reason) || Refuse(reason);
    }

    private bool Refuse(string reason)
    {
        _lastFailure = reason;
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _bundle?.Dispose();
}
