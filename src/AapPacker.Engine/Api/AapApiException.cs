using System;
using System.Collections.Generic;

namespace AapPacker.Engine.Api;

/// <summary>
/// The one exception type for AAP failures: method, path, status and AAP's own message flattened from its
/// error shapes. The message never contains a secret: bodies that could echo secrets are not quoted.
/// </summary>
public sealed class AapApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AapApiException(AapErrorKind kind, string method, string path, int? statusCode, string aapMessage,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? fieldErrors = null, Exception? inner = null)
        : base(Compose(method, path, statusCode, aapMessage), inner)
    {
        Kind = kind;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        AapMessage = aapMessage;
        FieldErrors = fieldErrors ?? new Dictionary<string, IReadOnlyList<string>>();
    }

    /// <summary>
    /// For <see cref="AapErrorKind.Tls"/>: the handshake failed before any certificate arrived (the server does not
    /// speak TLS on that port), so the certificate is not to blame.
    /// </summary>
    public bool NoCertificateSeen { get; internal set; }

    /// <summary>The failure kind.</summary>
    public AapErrorKind Kind { get; }

    /// <summary>HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>Request path with query, e.g. <c>/api/v2/inventories/</c>.</summary>
    public string Path { get; }

    /// <summary>HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>AAP's message, flattened (<c>detail</c>, <c>error</c>, <c>__all__</c>, field lists, nested <c>inputs</c>).</summary>
    public string AapMessage { get; }

    /// <summary>How long AAP (or the proxy in front of it) asked the client to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>Field name (dotted for nested, e.g. <c>inputs.ssh_key_unlock</c>) to messages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; }

    /// <summary>
    /// True when the request may have reached AAP and been carried out although no success answer came back: no
    /// answer at all (<see cref="AapErrorKind.Unreachable"/>), a proxy's 502/504, or a success status whose body
    /// was not AAP's JSON. A create or launch that fails this way must be reconciled (look the object up), never
    /// simply repeated.
    /// </summary>
    public bool MayHaveBeenApplied
        => Kind == AapErrorKind.Unreachable || StatusCode == 502 || StatusCode == 504 ||
           (Kind == AapErrorKind.Protocol && StatusCode >= 200 && StatusCode < 300);

    private static string Compose(string method, string path, int? status, string message)
    {
        var code = status.HasValue ? status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response";
        return $"{method} {path} failed ({code}): {message}";
    }
}
