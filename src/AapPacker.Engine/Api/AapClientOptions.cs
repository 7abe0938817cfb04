using System;
using System.Security;

namespace AapPacker.Engine.Api;

/// <summary>
/// Everything needed to reach one AAP/AWX server. Secrets are <see cref="SecureString"/> and are unwrapped
/// only when the Authorization header is written. Build it from parameters and the environment with
/// <see cref="AapSettingsResolver"/>.
/// </summary>
internal sealed class AapClientOptions
{
    /// <summary>Server base URI (scheme, host, optional port). Any path is ignored for discovery.</summary>
    public Uri BaseUri { get; set; } = new Uri("https://localhost/");

    /// <summary>Bearer token. Wins over Basic when both are set.</summary>
    public SecureString? Token { get; set; }

    /// <summary>User name for Basic authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password for Basic authentication.</summary>
    public SecureString? Password { get; set; }

    /// <summary>
    /// Explicit API prefix such as <c>/api/controller/</c> (from a parameter or
    /// <c>CONTROLLER_OPTIONAL_API_URLPATTERN_PREFIX</c>); skips gateway detection. Null = discover.
    /// </summary>
    public string? ApiPrefixOverride { get; set; }

    /// <summary>
    /// The per-user cache of discovered API roots (<see cref="ApiRootCache"/>): with one, a connection to a server
    /// already discovered sends no <c>GET /api/</c>. Null (the default here) always discovers;
    /// <see cref="AapSettingsResolver"/> sets <see cref="ApiRootCache.DefaultFile"/> unless
    /// <c>AAPPACKER_NO_API_ROOT_CACHE=1</c>.
    /// </summary>
    public string? ApiRootCacheFile { get; set; }

    /// <summary>PEM bundle of extra trusted certificate authorities (private CAs).</summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>Turn certificate validation off (opt-in; the caller warns).</summary>
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Allow credentials over plain http to a non-loopback host.</summary>
    public bool AllowUnencryptedAuthentication { get; set; }

    /// <summary>Timeout of one HTTP attempt (not of a job wait).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry policy for idempotent requests.</summary>
    public AapRetryOptions Retry { get; set; } = new AapRetryOptions();

    /// <summary>Clock for backoff delays and timing; tests inject a fake.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where progress and wire detail go.</summary>
    public IAapLog Log { get; set; } = NullAapLog.Instance;

    /// <summary>
    /// The proxy to use. Null (the default) reads <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c> from the
    /// environment, and falls back to the platform default when none is set.
    /// </summary>
    public System.Net.IWebProxy? Proxy { get; set; }
}
