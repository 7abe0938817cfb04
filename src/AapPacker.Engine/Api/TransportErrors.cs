using System;
using System.Globalization;
using System.Net;
using System.Security.Authentication;

namespace AapPacker.Engine.Api;

/// <summary>Classifies failures that produced no HTTP answer and turns them into <see cref="AapApiException"/>.</summary>
internal static class TransportErrors
{
    /// <summary>True when the failure is a TLS handshake or certificate problem (not worth retrying).</summary>
    public static bool IsTls(Exception exception)
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                return true;
            }

            // .NET Framework reports certificate and handshake failures through WebException.
            if (current is WebException web &&
                (web.Status == WebExceptionStatus.TrustFailure || web.Status == WebExceptionStatus.SecureChannelFailure))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exception to throw for a request that got no answer.</summary>
    public static AapApiException ToApiException(Exception exception, string method, string path, Uri server, TimeSpan timeout, string? tlsReason)
    {
        var host = server.GetLeftPart(UriPartial.Authority);
        if (exception is AttemptTimeoutException)
        {
            return new AapApiException(AapErrorKind.Unreachable, method, path, null,
                string.Format(CultureInfo.InvariantCulture, "{0} gave no answer within {1:0.###} s. Check that the server is up, or raise the request timeout (AAP_REQUEST_TIMEOUT).",
                    host, timeout.TotalSeconds), inner: exception);
        }

        if (IsTls(exception))
        {
            if (string.IsNullOrEmpty(tlsReason))
            {
                // No certificate reached the validator: the handshake itself failed, typically an https:// URI (or one
                // without a scheme, which means https) pointed at a port that serves plain http.
                return new AapApiException(AapErrorKind.Tls, method, path, null,
                    host + " did not answer in TLS (" + InnermostMessage(exception) + "). If the server serves plain http on this port, "
                    + "write the URI with http://" + server.Authority + "; a URI without a scheme means https.",
                    inner: exception) { NoCertificateSeen = true };
            }

            return new AapApiException(AapErrorKind.Tls, method, path, null,
                "The TLS connection to " + host + " failed: " + tlsReason!.TrimEnd('.') + "." +
                " If the server uses a private certificate authority, pass its PEM bundle with -CertificateAuthorityPath; for a throw-away test server, -SkipCertificateCheck.",
                inner: exception);
        }

        return new AapApiException(AapErrorKind.Unreachable, method, path, null,
            "No answer from " + host + " (" + InnermostMessage(exception) + "). Check the URI, the network and any proxy settings (HTTPS_PROXY, NO_PROXY).",
            inner: exception);
    }

    private static string InnermostMessage(Exception exception)
    {
        var current = exception;
        while (current.InnerException != null)
        {
            current = current.InnerException;
        }

        return current.Message.TrimEnd('.');
    }
}
