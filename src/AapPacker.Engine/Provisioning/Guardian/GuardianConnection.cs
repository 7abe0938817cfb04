using System;
using System.Linq;
using System.Security;
using System.Text.Json.Serialization;
using AapPacker.Engine.Api;

namespace AapPacker.Engine.Provisioning.Guardian;

/// <summary>
/// What the guardian needs to reach AAP as the build did. It holds the token or password as text only while it is
/// on its way through the guardian's stdin pipe; <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class GuardianConnection
{
    /// <summary>The server the build used.</summary>
    [JsonPropertyName("uri")]
    public string Uri { get; set; } = "";

    /// <summary>The API prefix override, if the build had one.</summary>
    [JsonPropertyName("apiPrefix")]
    public string? ApiPrefix { get; set; }

    /// <summary>The build's cache of discovered API roots (no secrets), so the guardian skips the discovery too; null = none.</summary>
    [JsonPropertyName("apiRootCache")]
    public string? ApiRootCacheFile { get; set; }

    /// <summary>Bearer token (secret).</summary>
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    /// <summary>Basic user.</summary>
    [JsonPropertyName("user")]
    public string? UserName { get; set; }

    /// <summary>Basic password (secret).</summary>
    [JsonPropertyName("password")]
    public string? Password { get; set; }

    /// <summary>Private CA bundle path.</summary>
    [JsonPropertyName("caPath")]
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>TLS validation off (as the build had it).</summary>
    [JsonPropertyName("skipCertificateCheck")]
    public bool SkipCertificateCheck { get; set; }

    /// <summary>Credentials over plain http allowed (as the build had it).</summary>
    [JsonPropertyName("allowUnencrypted")]
    public bool AllowUnencryptedAuthentication { get; set; }

    /// <summary>Reads the settings of a connected client.</summary>
    public static GuardianConnection From(AapClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        return new GuardianConnection
        {
            Uri = options.BaseUri.ToString(),
            ApiPrefix = options.ApiPrefixOverride,
            ApiRootCacheFile = options.ApiRootCacheFile,
            Token = Plain(options.Token),
            UserName = options.UserName,
            Password = Plain(options.Password),
            CertificateAuthorityPath = options.CertificateAuthorityPath,
            SkipCertificateCheck = options.SkipCertificateCheck,
            AllowUnencryptedAuthentication = options.AllowUnencryptedAuthentication,
        };
    }

    /// <summary>Client options for the guardian's own connection (short retries: it has a minute in all).</summary>
    public AapClientOptions ToOptions() => new AapClientOptions
    {
        BaseUri = new Uri(Uri),
        ApiPrefixOverride = ApiPrefix,
        ApiRootCacheFile = ApiRootCacheFile,
        Token = Secure(Token),
        UserName = UserName,
        Password = Secure(Password),
        CertificateAuthorityPath = CertificateAuthorityPath,
        SkipCertificateCheck = SkipCertificateCheck,
        AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
        RequestTimeout = TimeSpan.FromSeconds(10),
        Retry = new AapRetryOptions { MaxRetries = 4, MaxRetriesWhenUnreachable = 3, MaxDelay = TimeSpan.FromSeconds(4) },
    };

    /// <summary>The secrets this connection carries (for callers that must keep them out of a process's environment).</summary>
    public string[] Secrets() => new[] { Token, Password }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"{Uri} ({(Token != null ? "token" : UserName != null ? "basic " + UserName : "anonymous")})";

    private static string? Plain(SecureString? secure)
        => secure is null || secure.Length == 0 ? null : SecretText.FromSecureString(secure).Reveal();

    private static SecureString? Secure(string? text)
        => string.IsNullOrEmpty(text) ? null : AapSettingsResolver.ToSecureString(text!);
}
