using System;

namespace AapPacker.Engine.Api;

/// <summary>
/// Refuses to send credentials over plain http, before anything is sent, unless the server is on this machine
/// (the simulator, an SSH tunnel) or the user opted in with <c>-AllowUnencryptedAuthentication</c>
/// (PowerShell's own name for it).
/// </summary>
internal static class UnencryptedAuthenticationGuard
{
    public static void Check(AapClientOptions options, Uri server)
    {
        if (!string.Equals(server.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) ||
            options.AllowUnencryptedAuthentication ||
            !AuthenticationHeader.HasCredentials(options) ||
            ProxySettings.IsLoopback(server.Host))
        {
            return;
        }

        throw new AapApiException(AapErrorKind.Refused, "GET", "/api/", null,
            "Refusing to send credentials over unencrypted http to " + server.Host +
            ". Use an https:// URI, or pass -AllowUnencryptedAuthentication if this network is trusted.");
    }
}
