using System;
using System.Text.Json;

namespace AapPacker.Engine.Api;

/// <summary>
/// One HTTP answer, fully read inside the attempt that got it (so the per-attempt timeout covers the body and
/// the retry policy can look at the body). Holds no request data.
/// </summary>
internal sealed class WireResponse
{
    public int StatusCode { get; set; }

    /// <summary>The response media type, e.g. <c>application/json</c> or <c>text/html</c>.</summary>
    public string? MediaType { get; set; }

    /// <summary>The body parsed as JSON, when it was JSON.</summary>
    public JsonElement? Json { get; set; }

    /// <summary>The body text when it was not JSON (truncated).</summary>
    public string? RawText { get; set; }

    /// <summary>True when the body had content.</summary>
    public bool HasBody { get; set; }

    /// <summary>True when JSON was expected and something else (a proxy's HTML page) came back.</summary>
    public bool UnexpectedContent { get; set; }

    public string? Location { get; set; }

    /// <summary>The delay asked for by <c>Retry-After</c> (seconds or an HTTP date), already relative to now.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary><c>X-API-Product-Version</c> (AAP sends it on authenticated requests only).</summary>
    public string? ProductVersion { get; set; }

    /// <summary><c>X-API-Product-Name</c>: <c>AWX</c> or <c>Red Hat Ansible Automation Platform</c>.</summary>
    public string? ProductName { get; set; }

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;
}
