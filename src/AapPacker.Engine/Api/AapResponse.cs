using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>An answer from AAP: status, body (JSON when it was JSON) and the headers the engine uses.</summary>
internal sealed class AapResponse
{
    /// <summary>HTTP status.</summary>
    public int StatusCode { get; set; }

    /// <summary>The body as JSON, or <c>default</c> when empty or not JSON.</summary>
    public JsonElement Body { get; set; }

    /// <summary>The raw body text when it was not JSON (proxies' HTML), truncated.</summary>
    public string? RawText { get; set; }

    /// <summary>The Retry-After header as a delay, when present.</summary>
    public System.TimeSpan? RetryAfter { get; set; }

    /// <summary>The Location header, when present.</summary>
    public string? Location { get; set; }

    /// <summary>The HTTP method of the request that got this answer.</summary>
    public string Method { get; set; } = "GET";

    /// <summary>The request path (absolute from the host root, with query) that got this answer.</summary>
    public string Path { get; set; } = "/";

    /// <summary>True for a 2xx status.</summary>
    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

    /// <summary>
    /// The <see cref="AapApiException"/> describing this answer (kind by status, AAP's flattened message and
    /// field errors). Use it after <see cref="AapClient.SendAsync"/> when the status is not one the caller handles.
    /// </summary>
    public AapApiException ToException() => AapErrors.FromResponse(this);
}
